"""The rows every export is made of, streamed from the store (never all in memory).

Exports ask the store's public methods for a cohort's completed sessions and their
turns (:meth:`~simulator.records.sql_store.SqlStore.completed_sessions`,
``completed_turns``) and read each turn as the engine's typed ``Turn``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

from simulator.engine.session import Turn
from simulator.exports import signoffs
from simulator.exports.names import NO_NAMES, Names
from simulator.records.api import SessionRecord
from simulator.records.selection import ALL, Selection, selected
from simulator.records.sql_store import SqlStore
from simulator.wording import verdict_text

LONG_COLUMNS = ["trainee_id", "cohort_id", "session_id", "scenario_id", "scenario_title",
                "scenario_version", "mode", "started_at", "completed_at", "criterion",
                "criterion_name", "raw", "min", "max", "scaled", "passed", "verdict",
                "attempts", *signoffs.LONG_COLUMNS]
DATE_COLUMNS = ("started_at", "completed_at")


def verdict(passed: bool) -> str:
    """How a gradebook says passed: a word, not Python's True."""
    return "pass" if passed else "fail"

__all__ = ["DATE_COLUMNS", "LONG_COLUMNS", "SessionRecord", "long_rows", "sessions",
           "sessions_with_turns", "verdict"]


def sessions(store: SqlStore, cohort_id: str, selection: Selection = ALL
             ) -> Iterator[SessionRecord]:
    """Completed sessions of the cohort's members that ``selection`` keeps, in a stable
    order."""
    return selected(store.completed_sessions(cohort_id), selection)


def long_rows(store: SqlStore, cohort_id: str, selection: Selection = ALL,
              names: Names = NO_NAMES) -> Iterator[list[object]]:
    """One row per trainee x session x criterion (the tidy, canonical layout); the
    overall row's ``passed`` is the rubric's verdict, safety gates included; ``attempts``
    says how many practice attempts ("Try another way") the session's result took; the
    last columns are the trainer's sign-off, if any (the same on every row of a session)."""
    signed = signoffs.latest_by_session(store, cohort_id)
    for record in sessions(store, cohort_id, selection):
        signed_cells = signoffs.long_cells(signed.get(record.session_id))
        base = [record.trainee_id, cohort_id, record.session_id, record.scenario_id,
                names.title(record.scenario_id), record.scenario_version, record.mode,
                record.started_at, record.completed_at]
        for crit in record.result.criteria:
            name = names.criterion(crit.criterion, crit.name)
            # passed is blank without a pass mark or enough evidence; verdict says why
            passed = None if crit.passed is None else verdict(crit.passed)
            yield [*base, crit.criterion, name, crit.mean, 0, 3, round(crit.mean / 3, 4),
                   passed, verdict_text(crit.verdict, crit.turns), record.result.attempts,
                   *signed_cells]
        yield [*base, "overall", "Overall", record.overall, 0, 3,
               round(record.overall / 3, 4), verdict(record.passed),
               verdict_text("met" if record.passed else "not-met", 0), record.result.attempts,
               *signed_cells]


def sessions_with_turns(store: SqlStore, cohort_id: str, selection: Selection = ALL
                        ) -> Iterator[tuple[SessionRecord, list[tuple[Turn, str]]]]:
    """Completed sessions (those ``selection`` keeps) with their turns (each with when it
    was recorded), from two streamed queries in the same order (not one query per
    session)."""
    records = store.completed_sessions(cohort_id)
    turns = store.completed_turns(cohort_id)
    with closing(records), closing(turns):
        pending = next(turns, None)
        for record in records:
            kept = selection.keeps(record)
            choices: list[tuple[Turn, str]] = []
            while pending is not None and pending.session_id == record.session_id:
                if kept:
                    choices.append((pending.turn, pending.recorded_at))
                pending = next(turns, None)
            if kept:
                yield record, choices
