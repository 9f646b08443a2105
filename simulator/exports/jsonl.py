"""One JSON Lines record per session: the typed turns turned into the export's shape.

Why its own module: the JSON Lines export reads every turn of a cohort (100k choices
is a few seconds), so the per-turn work here is kept to what changes from turn to
turn. A reason's sentence is rendered once per distinct message (the same id and
parameters always make the same sentence, and a cohort repeats a few hundred of
them), and every line goes through one JSON encoder built once
(:func:`~simulator.exports.sanitise.json_line`). ``tests/test_export_golden.py``
holds the bytes this must keep writing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from simulator.engine.record import dump
from simulator.engine.session import Turn
from simulator.exports.names import Names
from simulator.exports.sanitise import json_line
from simulator.records.api import SessionRecord
from simulator.wording import Message, Param, redact

# (deck id, fragment id) -> the piece's words (as tables.StoryText; kept apart so this
# module does not import tables, which imports it)
StoryWords = Callable[[str | None, str], str | None]

SessionLine = Callable[[SessionRecord, list[Turn], list[dict[str, object]],
                        dict[str, object]], str]

#: distinct reasons remembered per export: a cohort's reasons are a few hundred
#: phrases; old free-text reasons can all differ, so the memory stays bounded
_REASONS_KEPT = 4096


def reason_text(names: Names) -> Callable[[Message], str]:
    """``redact(message, names.label)``, remembered by the message's id and parameters
    (a message whose parameters hold other messages is rendered each time)."""

    @lru_cache(maxsize=_REASONS_KEPT)
    def rendered(key: tuple[str, tuple[tuple[str, Param], ...]]) -> str:
        return redact(Message(key[0], dict(key[1])), names.label)

    def text(message: Message) -> str:
        try:
            return rendered((message.id, tuple(message.params.items())))
        except TypeError:  # unhashable: nested messages
            return redact(message, names.label)
    return text


def session_line(cohort_id: str, names: Names, story_text: StoryWords | None = None
                 ) -> SessionLine:
    """The writer of one session's line (its sentences remembered across sessions)."""
    said = reason_text(names)

    def choice(turn: Turn, deck_id: str | None) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "index": turn.index, "beat": turn.beat,
            "step": turn.step.model_dump(mode="json", exclude_none=True),
            "band": turn.score.band,
            "scores": [{"criterion": s.criterion, "level": s.level, "reason": said(s.reason)}
                       for s in turn.score.scores],
            "events": list(turn.score.events)}
        shared = turn.step.share.fragments if turn.step.share is not None else []
        if story_text is not None and shared:
            entry["story_text"] = {fid: story_text(deck_id, fid) for fid in shared}
        return entry

    def line(record: SessionRecord, turns: list[Turn], notes: list[dict[str, object]],
             signed: dict[str, object]) -> str:
        result = dump(record.result)
        return json_line({
            "trainee_id": record.trainee_id, "cohort_id": cohort_id,
            "session_id": record.session_id, "scenario_id": record.scenario_id,
            "scenario_title": names.title(record.scenario_id),
            "scenario_version": record.scenario_version, "mode": record.mode,
            "started_at": record.started_at, "completed_at": record.completed_at,
            "overall": record.overall, "passed": record.passed,
            "attempts": record.result.attempts,
            "criteria": result["criteria"], "gates": result["gates"],
            "choices": [choice(turn, record.deck_id) for turn in turns],
            "review": notes, **signed,
        })
    return line
