"""Test plans: scripted paths through a scenario with expected results.

Plans are how an author proves a scenario tells good play from poor: a skilled
path that passes, a poor one that fails, a path that trips the safety gate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from simulator.model.common import LAX, AsksFor, Id, Strict, Text


class Detail(StrEnum):
    """How much detail a share goes into."""

    brief = "brief"
    detailed = "detailed"


class Framing(StrEnum):
    """How a share is put: the words around the piece, chosen by the trainee."""

    plain = "plain"
    offered = "offered"  # "this worked for me; it may not fit you"
    sameness = "sameness"  # "I know exactly how you feel"
    lesson = "lesson"  # "so you should..."


class ReflectStep(Strict):
    """Name what you heard: the concerns, what the person is asking for and, where they
    disclosed a way of getting by, how you read it."""

    concerns: list[Id] = Field(default_factory=list, max_length=12)
    asks_for: Annotated[AsksFor, LAX]
    reading: Id | None = Field(
        default=None, description="How you read what they disclosed (acceptance vocabulary).")


class ShareStep(Strict):
    """Share 0..n fragments, and how. No fragments means holding back for now."""

    fragments: list[Id] = Field(default_factory=list, max_length=12)
    permission: bool = False
    detail: Annotated[Detail, LAX] = Detail.brief
    hand_back: bool = False
    framing: Annotated[Framing, LAX] = Framing.plain


class Step(Strict):
    """One turn: a ``line`` or a ``share`` (holding back is a share of nothing), which
    may begin with a ``reflect``; or a ``reflect`` alone, which ends the turn with the
    reflection's own outcome (the shape of plans written before the two-part turn)."""

    at: Id | None = Field(default=None, description="The beat this step expects to be at.")
    line: Id | None = None
    reflect: ReflectStep | None = None
    share: ShareStep | None = None

    @model_validator(mode="after")
    def _one_choice(self) -> Step:
        responses = [name for name in ("line", "share") if getattr(self, name) is not None]
        if len(responses) > 1:
            raise ValueError("a step responds with a line or a share, not both")
        if not responses and self.reflect is None:
            raise ValueError("a step holds a line, a share, or a reflect (a reflect may come"
                             " before a line or a share)")
        return self


class Band(Strict):
    """An expected range on the 0-3 scale."""

    min: float = Field(default=0.0, ge=0.0, le=3.0)
    max: float = Field(default=3.0, ge=0.0, le=3.0)


class Expect(Strict):
    """What a plan expects at the end. Anything left out is not checked."""

    ending: Id | None = None
    passed: bool | None = None
    gates: list[Id] | None = None
    overall: Band | None = None
    criteria: dict[Id, Band] = Field(default_factory=dict)


class Plan(Strict):
    """A scripted path; embedded in a scenario's ``tests`` or a file of its own."""

    kind: Literal["plan"] | None = None
    id: Id
    description: Text = ""
    scenario: Id | None = Field(default=None, description="Needed only in a plan file.")
    deck: Id | None = Field(default=None, description="Deck for share steps.")
    model: bool = Field(default=False, description="Shown in the debrief as a skilled path.")
    steps: list[Step] = Field(min_length=1, max_length=500)
    expect: Expect = Field(default_factory=Expect)
