"""The rows every export is made of, streamed from the store (never all in memory).

Exports ask the store's public methods for a cohort's completed sessions and their
turns (:meth:`~simulator.records.sql_store.SqlStore.completed_sessions`,
``completed_turns``) and read each turn as the engine's typed ``Turn``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing

from simulator.engine.session import Turn
from simulator.records.api import SessionRecord
from simulator.records.sql_store import SqlStore
from simulator.wording import verdict_text

LONG_COLUMNS = ["trainee_id", "cohort_id", "session_id", "scenario_id", "scenario_version",
                "mode", "started_at", "completed_at", "criterion", "raw", "min", "max",
                "scaled", "passed", "verdict"]

__all__ = ["LONG_COLUMNS", "SessionRecord", "long_rows", "sessions", "sessions_with_turns"]


def sessions(store: SqlStore, cohort_id: str) -> Iterator[SessionRecord]:
    """Completed sessions of the cohort's members, in a stable order."""
    return store.completed_sessions(cohort_id)


def long_rows(store: SqlStore, cohort_id: str) -> Iterator[list[object]]:
    """One row per trainee x session x criterion (the tidy, canonical layout)."""
    for record in sessions(store, cohort_id):
        base = [record.trainee_id, cohort_id, record.session_id, record.scenario_id,
                record.scenario_version, record.mode, record.started_at, record.completed_at]
        for crit in record.result["criteria"]:
            # passed is blank (None) without a pass mark or enough evidence; verdict says why
            verdict = crit.get("verdict") or ("met" if crit["passed"] else "not-met")
            yield [*base, crit["criterion"], crit["mean"], 0, 3,
                   round(crit["mean"] / 3, 4), crit["passed"],
                   verdict_text(str(verdict), int(crit.get("turns", 0)))]
        yield [*base, "overall", record.overall, 0, 3, round(record.overall / 3, 4),
               record.passed, verdict_text("met" if record.passed else "not-met", 0)]


def sessions_with_turns(store: SqlStore, cohort_id: str
                        ) -> Iterator[tuple[SessionRecord, list[tuple[Turn, str]]]]:
    """Completed sessions with their turns (each with when it was recorded), from two
    streamed queries in the same order (not one query per session)."""
    records = store.completed_sessions(cohort_id)
    turns = store.completed_turns(cohort_id)
    with closing(records), closing(turns):
        pending = next(turns, None)
        for record in records:
            choices: list[tuple[Turn, str]] = []
            while pending is not None and pending.session_id == record.session_id:
                choices.append((pending.turn(), pending.recorded_at))
                pending = next(turns, None)
            yield record, choices
