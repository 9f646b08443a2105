"""Test plans: scripted paths through a scenario with expected results.

Plans are how an author proves a scenario tells good play from poor: a skilled
path that passes, a poor one that fails, a path that trips the safety gate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

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


#: the serialisation context key that keeps typed text in a dump (the trainee's own
#: records only: :func:`simulator.engine.record.dump`); without it the text is left out
TYPED_TEXT = "typed_text"


class Typed(Strict):
    """What the trainee typed for a turn, and what the detectors read in it.

    Why the text is left out of every dump unless asked for: it can hold the trainee's
    own story, so it stays in their records on their machine and never reaches an
    export, a report or a statement (issue 19). Only the records store asks for it
    (serialisation context ``{"typed_text": True}``); anything else that dumps a step
    (exports, plans, reports) gets the detections and choices without the words.
    """

    text: str = Field(default="", max_length=4000, description="The trainee's own words.")
    found: list[str] = Field(
        default_factory=list, max_length=100,
        description="What the detectors found: a kind, or kind:detail (question:open,"
                    " concern:money), never the quoted words.")
    taken_as: Id | None = Field(
        default=None, description="A typed line: the authored line the engine took it as.")
    corrected: bool = Field(
        default=False, description="A typed line: the trainee said it was misread and picked"
                                   " another line.")

    @model_serializer(mode="wrap")
    def _private(self, handler: SerializerFunctionWrapHandler,
                 info: SerializationInfo) -> dict[str, object]:
        out: dict[str, object] = handler(self)
        context = info.context
        if not (isinstance(context, dict) and context.get(TYPED_TEXT)):
            out.pop("text", None)
        return out


class ReflectStep(Strict):
    """Name what you heard: the concerns, what the person is asking for and, where they
    disclosed a way of getting by, how you read it."""

    concerns: list[Id] = Field(default_factory=list, max_length=12)
    asks_for: Annotated[AsksFor, LAX]
    reading: Id | None = Field(
        default=None, description="How you read what they disclosed (acceptance vocabulary).")
    typed: Typed | None = Field(default=None, description="Said in the trainee's own words.")


class ShareStep(Strict):
    """Share 0..n fragments, and how. No fragments means holding back for now."""

    fragments: list[Id] = Field(default_factory=list, max_length=12)
    permission: bool = False
    detail: Annotated[Detail, LAX] = Detail.brief
    hand_back: bool = False
    framing: Annotated[Framing, LAX] = Framing.plain
    typed: Typed | None = Field(
        default=None, description="Put in the trainee's own words (permission, hand-back,"
                                  " detail and framing read from them).")


class Step(Strict):
    """One turn: a ``line`` or a ``share`` (holding back is a share of nothing), which
    may begin with a ``reflect``; or a ``reflect`` alone, which ends the turn with the
    reflection's own outcome (the shape of plans written before the two-part turn)."""

    at: Id | None = Field(default=None, description="The beat this step expects to be at.")
    line: Id | None = None
    reflect: ReflectStep | None = None
    share: ShareStep | None = None
    typed: Typed | None = Field(
        default=None, description="A line typed in the trainee's own words, taken as ``line``.")

    def typed_parts(self) -> tuple[Typed, ...]:
        """Everything typed in this turn: its reflection's, its share's, its line's."""
        parts = (self.reflect.typed if self.reflect else None,
                 self.share.typed if self.share else None, self.typed)
        return tuple(part for part in parts if part is not None)

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
