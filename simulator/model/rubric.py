"""Rubrics: criteria with anchored levels, weights, pass marks and safety gates.

Everything that decides a score's weight or a pass lives in the rubric file, so a
trainer can change it without touching code. Criteria name which built-in measure
scores them on computed turns (shares and reflections).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from simulator.model.common import LAX, Id, Level, ShortText, Strict, Text, Version


class TurnKind(StrEnum):
    """The three kinds of turn a trainee can take."""

    line = "line"
    reflect = "reflect"
    share = "share"


class ShareMeasure(StrEnum):
    """Built-in measures computed from a share's fragment tags against the beat."""

    selectivity = "selectivity"
    focus = "focus"
    hope = "hope"
    harm = "harm"
    mutuality = "mutuality"


class ReflectMeasure(StrEnum):
    """Built-in measures computed from a reflection against the beat."""

    listening = "listening"
    focus = "focus"


class GateEvent(StrEnum):
    """Events the engine raises at beats that signal risk."""

    risk_ignored = "risk-ignored"
    risk_minimised = "risk-minimised"


class LevelText(Strict):
    """What a level looks like, and what to tell a trainee who reached it."""

    descriptor: Text = Field(min_length=1)
    feedback: Text = Field(min_length=1)


class Measures(Strict):
    """Which built-in measure scores this criterion on computed turns."""

    share: Annotated[ShareMeasure, LAX] | None = None
    reflect: Annotated[ReflectMeasure, LAX] | None = None


class Criterion(Strict):
    """One thing the rubric scores, on the anchored 0-3 scale."""

    name: ShortText
    description: Text = Field(min_length=1)
    weight: float = Field(gt=0.0, le=10.0)
    pass_mark: float | None = Field(default=None, ge=0.0, le=3.0)
    applies_to: list[Annotated[TurnKind, LAX]] = Field(min_length=1)
    measures: Measures = Field(default_factory=Measures)
    levels: dict[Level, LevelText]

    @model_validator(mode="after")
    def _complete(self) -> Criterion:
        missing = sorted({0, 1, 2, 3} - set(self.levels))
        if missing:
            raise ValueError(f"levels needs all of 0, 1, 2, 3; missing {missing}")
        for kind in (TurnKind.share, TurnKind.reflect):
            if kind in self.applies_to and getattr(self.measures, kind.value) is None:
                raise ValueError(
                    f"applies to {kind.value} turns, so measures.{kind.value} is needed"
                )
        return self


class Gate(Strict):
    """A safety gate: any of its events fails the session whatever the scores."""

    name: ShortText
    description: Text = Field(min_length=1)
    trips_on: list[Annotated[GateEvent, LAX]] = Field(min_length=1)
    feedback: Text = Field(min_length=1)
    route: Text = Field(min_length=1, description="What to do next, e.g. bring in a supervisor.")


class ShareBands(Strict):
    """Cut points on the 0-3 scale that judge a share or reflection strong/partial/weak."""

    strong: float = Field(default=2.5, ge=0.0, le=3.0)
    partial: float = Field(default=1.5, ge=0.0, le=3.0)


class Rubric(Strict):
    """A file holding one rubric (``kind: rubric``)."""

    kind: Literal["rubric"]
    id: Id
    version: Version
    title: ShortText
    description: Text = ""
    pass_mark: float = Field(ge=0.0, le=3.0, description="Overall weighted mean needed to pass.")
    bands: ShareBands = Field(default_factory=ShareBands)
    criteria: dict[Id, Criterion] = Field(min_length=1)
    gates: dict[Id, Gate] = Field(default_factory=dict)
