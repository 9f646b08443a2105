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
    acceptance = "acceptance"


class ReflectMeasure(StrEnum):
    """Built-in measures computed from a reflection against the beat."""

    listening = "listening"
    focus = "focus"
    acceptance = "acceptance"


class GateEvent(StrEnum):
    """Events the engine raises at beats that signal risk."""

    risk_ignored = "risk-ignored"
    risk_minimised = "risk-minimised"
    harmful_share = "harmful-share"  # a private piece, or a costly or raw one told in detail
    judging_share = "judging-share"  # a piece that judges a way they disclosed, or their word


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


Deduction = Annotated[float, Field(ge=0.0, le=3.0)]


class AcceptanceDeductions(Strict):
    """What each way of falling short of radical acceptance takes off the 3 a share or
    reflection starts from. Set here, in the rubric, so a trainer can tune them."""

    judges_way: Deduction = Field(
        description="Per piece that sounds like a verdict on a way they disclosed.")
    judges_way_offered: Deduction = Field(
        description="The same, when the piece is offered as yours (it may not fit them).")
    rejected_word: Deduction = Field(description="A piece uses a word they reject.")
    judging_word: Deduction = Field(description="A piece uses a judging word (judging_words).")
    claimed_sameness: Deduction = Field(description="'I know exactly how you feel.'")
    lesson: Deduction = Field(description="'So you should...'")
    unowned_answer: Deduction = Field(
        description="Answering a hope or practical ask without offering it as yours.")
    no_reading: Deduction = Field(
        description="A reflection after a disclosure that gives no reading of it.")
    unfitting_reading: Deduction = Field(
        default=1.0,
        description="An accepting reading that does not fit the way they disclosed (see"
        " ``fits``): acceptance is of what they told you, not a word that sounds kind.")


class Acceptance(Strict):
    """How the ``acceptance`` measure judges: which readings and words judge, and the
    deductions. The ways, words and readings themselves are a vocabulary file."""

    judging_readings: list[Id] = Field(
        min_length=1, description="Readings that judge (manipulation, non-compliance...):"
        " a reflection giving one scores 0.")
    judging_words: list[Id] = Field(
        default_factory=list, description="Words that judge whoever they are used for.")
    fits: dict[Id, list[Id]] = Field(
        default_factory=dict,
        description="Accepting reading -> the ways of getting by it fits. A reading listed"
        " here that does not fit any way disclosed at the beat loses unfitting_reading; a"
        " reading not listed fits every way.")
    deductions: AcceptanceDeductions


class Gate(Strict):
    """A critical action (a "killer item"): any of its events fails the session whatever
    the scores, like a safety gate."""

    name: ShortText
    description: Text = Field(min_length=1)
    trips_on: list[Annotated[GateEvent, LAX]] = Field(min_length=1)
    feedback: Text = Field(min_length=1)
    route: Text = Field(min_length=1, description="What to do next, e.g. bring in a supervisor.")
    ends_session: bool = Field(
        default=True,
        description="Tripping it moves the conversation to the scenario's safety_ending (a"
        " safety gate). False: the session fails, but the conversation goes on.")


class Timing(Strict):
    """When a share comes, and whether it is new: deductions from selectivity and focus."""

    too_soon: Deduction = Field(
        default=2.0, description="Sharing before they invited it and before any listening at"
        " this beat (from selectivity and from focus).")
    unlistened: Deduction = Field(
        default=1.0, description="Sharing, even when invited, before any listening at this"
        " beat (a reflection or a line): from focus.")
    repeat: Deduction = Field(
        default=2.0, description="Per piece told again in the same session (from selectivity).")


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
    evidence_turns: int = Field(
        default=1, ge=1, le=50,
        description="Fewest turns a criterion must be scored on before it is declared met;"
        " fewer, and at or above its mark, the debrief says it meets the mark on those turns"
        " only. Below its mark a criterion fails the session on any number of turns.")
    acceptance: Acceptance | None = Field(
        default=None, description="Needed when a criterion uses the acceptance measure.")
    timing: Timing = Field(default_factory=Timing)

    @model_validator(mode="after")
    def _acceptance_rules(self) -> Rubric:
        uses = [crit_id for crit_id, c in self.criteria.items()
                if ShareMeasure.acceptance in (c.measures.share,)
                or ReflectMeasure.acceptance in (c.measures.reflect,)]
        if uses and self.acceptance is None:
            raise ValueError(f"criterion {uses[0]!r} uses the acceptance measure, so the rubric"
                             " needs an acceptance section (judging_readings, deductions)")
        return self
