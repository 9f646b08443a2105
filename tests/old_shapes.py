"""Records as peersim wrote them before version 2 of the record (a frozen copy of the old
``Turn.as_dict`` / ``Session.as_dict``), so tests can build old stores, old saves and old
records files and check that they are still read."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from simulator.engine.session import Session, Turn
from simulator.scoring.types import TurnScore
from simulator.wording import Message


def _message(message: Message) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for key, value in message.params.items():
        if isinstance(value, tuple):
            params[key] = [_message(v) if isinstance(v, Message) else v for v in value]
        else:
            params[key] = value
    return {"id": message.id, "params": params}


def _score(score: TurnScore) -> dict[str, Any]:
    return {"scores": [{"criterion": s.criterion, "level": s.level, "raw": s.raw,
                        "reason": _message(s.reason), "source": s.source,
                        "advice": _message(s.advice) if s.advice is not None else None}
                       for s in score.scores],
            "band": score.band, "mean": score.mean, "events": list(score.events),
            "notes": [_message(n) for n in score.notes]}


def turn_v1(turn: Turn) -> dict[str, Any]:
    """A turn in the version-1 shape (scores flat beside the step)."""
    return {"index": turn.index, "beat": turn.beat,
            "step": turn.step.model_dump(mode="json", exclude_none=True),
            **_score(turn.score), "next": turn.next, "variables": dict(turn.variables),
            "reaction": turn.reaction, "gate_route": turn.gate_route,
            **({"reflection": {**_score(turn.reflection.score),
                               "reaction": turn.reflection.reaction}}
               if turn.reflection else {})}


def session_v1(session: Session) -> dict[str, Any]:
    """A saved session in the version-1 shape (``"format": 1``, version-1 turns)."""
    return {"format": 1, "session_id": session.session_id,
            "scenario_id": session.scenario_id, "scenario_version": session.scenario_version,
            "content_hash": session.content_hash, "rubric_id": session.rubric_id,
            "deck_id": session.deck_id, "mode": session.mode, "state": session.state,
            "variables": dict(session.variables), "visits": dict(session.visits),
            "transcript": [turn_v1(t) for t in session.transcript],
            "heard": session.heard.model_dump(mode="json") if session.heard else None}


def as_old(value: Session) -> Session:
    """``value`` as an old record reads back: the old shapes have no ``share_kind`` nor
    ``skill`` (they were added with the verdict), so those read as their defaults."""
    turns = [old_turn(t) for t in value.transcript]
    return replace(value, transcript=turns)


def old_turn(turn: Turn) -> Turn:
    """``turn`` without what version 1 never recorded."""
    return replace(turn, score=replace(turn.score, share_kind="", skill=False))
