"""A session: one trainee's run through a scenario, and the model of its state machine.

It holds only plain data (ids, numbers, the transcript) so it can be saved as JSON,
restored, replayed and recorded without pickling anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from simulator.model.plan import ReflectStep, Step
from simulator.model.scenario import Value
from simulator.scoring.types import CriterionScore, TurnScore
from simulator.wording import Message

SAVE_FORMAT = 1


def kind_of(step: Step) -> str:
    """The kind of turn a step is: line, share, hold-back (a share of nothing) or
    reflect; a reflection followed by a response is the response's kind."""
    if step.share is not None:
        return "share" if step.share.fragments else "hold-back"
    return "line" if step.line is not None else "reflect"


@dataclass(frozen=True)
class Reflection:
    """The reflection a turn began with: what it scored, and how the person answered."""

    score: TurnScore
    reaction: str


@dataclass
class Turn:
    """One recorded choice, what it scored and where it led."""

    index: int
    beat: str
    step: Step
    score: TurnScore
    next: str
    variables: dict[str, Value]
    reaction: str = ""
    gate_route: bool = False
    reflection: Reflection | None = None  # the reflection before the response, if any

    def as_dict(self) -> dict[str, Any]:
        """Plain data: the choice, its scores, its reasons."""
        return {
            "index": self.index,
            "beat": self.beat,
            "step": self.step.model_dump(mode="json", exclude_none=True),
            **_score_dict(self.score),
            "next": self.next,
            "variables": dict(self.variables),
            "reaction": self.reaction,
            "gate_route": self.gate_route,
            **({"reflection": {**_score_dict(self.reflection.score),
                               "reaction": self.reflection.reaction}}
               if self.reflection else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        """Inverse of :meth:`as_dict`."""
        part = data.get("reflection")
        reflection = Reflection(_score_from(part, "reflect"),
                                part.get("reaction", "")) if part else None
        step = Step.model_validate(data["step"])
        return cls(data["index"], data["beat"], step,
                   _score_from(data, kind_of(step)), data["next"], dict(data["variables"]),
                   data.get("reaction", ""), data.get("gate_route", False), reflection)


def _score_dict(score: TurnScore) -> dict[str, Any]:
    """A turn's (or a reflection's) scores as plain data."""
    return {"scores": [s.as_dict() for s in score.scores], "band": score.band,
            "mean": score.mean, "events": list(score.events),
            "notes": [n.as_dict() for n in score.notes],
            "share_kind": score.share_kind, "skill": score.skill}


def _score_from(data: dict[str, Any], kind: str) -> TurnScore:
    """Inverse of :func:`_score_dict` (the kind follows from the step). Reasons and
    notes stored as English sentences (before message ids) are kept as ``legacy.text``."""
    return TurnScore(tuple(CriterionScore.from_dict(s) for s in data["scores"]),
                     data["band"], data["mean"], tuple(data["events"]),
                     tuple(Message.from_stored(n) for n in data["notes"]), kind,
                     str(data.get("share_kind", "")), bool(data.get("skill", False)))


@dataclass
class Session:
    """The machine's model: ``state`` is the current beat or ending id (set by transitions)."""

    session_id: str
    scenario_id: str
    scenario_version: int
    content_hash: str
    rubric_id: str
    deck_id: str | None
    variables: dict[str, Value]
    mode: str = "practice"  # "practice" or "assessment": the session's, nobody else's
    visits: dict[str, int] = field(default_factory=dict)
    transcript: list[Turn] = field(default_factory=list)
    state: str = ""
    heard: ReflectStep | None = None  # a reflection made and answered, awaiting its response

    def as_dict(self) -> dict[str, Any]:
        """Everything needed to restore this session exactly."""
        return {
            "format": SAVE_FORMAT,
            "session_id": self.session_id,
            "scenario_id": self.scenario_id,
            "scenario_version": self.scenario_version,
            "content_hash": self.content_hash,
            "rubric_id": self.rubric_id,
            "deck_id": self.deck_id,
            "mode": self.mode,
            "state": self.state,
            "variables": dict(self.variables),
            "visits": dict(self.visits),
            "transcript": [t.as_dict() for t in self.transcript],
            "heard": self.heard.model_dump(mode="json") if self.heard else None,
        }

    def after(self, turn: Turn) -> Session:
        """A detached copy of this session as it will be once ``turn`` is made.

        The practice service hands this to the records store, so the store commits
        the new position before the live session (attached to its machine) changes.
        """
        visits = dict(self.visits)
        visits[turn.next] = visits.get(turn.next, 0) + 1
        return replace(self, variables=dict(turn.variables), visits=visits, state=turn.next,
                       transcript=[*self.transcript, turn], heard=None)

    def advance(self, *, target: str) -> bool:  # pragma: no cover - replaced by transitions
        """Move to ``target``; the machine binds the real trigger over this stub."""
        raise RuntimeError("session is not attached to a machine")
