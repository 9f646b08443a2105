"""The rows every export is made of, streamed from the store (never all in memory)."""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore, StoreError, turn_dict
from simulator.wording import verdict_text

LONG_COLUMNS = ["trainee_id", "cohort_id", "session_id", "scenario_id", "scenario_version",
                "mode", "started_at", "completed_at", "criterion", "raw", "min", "max",
                "scaled", "passed", "verdict"]


@dataclass(frozen=True)
class SessionRecord:
    """A completed session with its result, as exports see it."""

    trainee_id: str
    cohort_id: str
    session_id: str
    scenario_id: str
    scenario_version: int
    mode: str
    started_at: str
    completed_at: str
    overall: float
    passed: bool
    result: dict[str, Any]


def sessions(store: SqlStore, cohort_id: str) -> Generator[SessionRecord, None, None]:
    """Completed sessions of the cohort's members, in a stable order."""
    get_cohort(store, cohort_id)
    cursor = store.stream(
        "SELECT s.* FROM sessions s JOIN cohort_members m ON m.trainee_id = s.trainee_id"
        " WHERE m.cohort_id = ? AND s.completed_at IS NOT NULL"
        " ORDER BY s.trainee_id, s.started_at, s.id", (cohort_id,))
    with closing(cursor):
        for row in cursor:
            yield SessionRecord(row["trainee_id"], cohort_id, row["id"], row["scenario_id"],
                                row["scenario_version"], row["mode"], row["started_at"],
                                row["completed_at"], row["overall"], bool(row["passed"]),
                                _result(store, row))


def _result(store: SqlStore, row: Any) -> dict[str, Any]:
    try:
        result = json.loads(row["result_json"] or "")
    except ValueError:
        result = None
    if not isinstance(result, dict):
        raise StoreError(f"session {row['id']} in the records database {store.where} has a"
                         " damaged result; restore the database from a backup")
    return result


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


def turns(store: SqlStore, session_id: str) -> Iterator[dict[str, Any]]:
    """The recorded choices of one session."""
    yield from store.turns(session_id)


def sessions_with_turns(store: SqlStore, cohort_id: str
                        ) -> Iterator[tuple[SessionRecord, list[dict[str, Any]]]]:
    """Completed sessions with their choices, from one streamed query (not one per session)."""
    records = sessions(store, cohort_id)
    cursor = store.stream(
        "SELECT t.* FROM turns t JOIN sessions s ON s.id = t.session_id"
        " JOIN cohort_members m ON m.trainee_id = s.trainee_id"
        " WHERE m.cohort_id = ? AND s.completed_at IS NOT NULL"
        " ORDER BY s.trainee_id, s.started_at, s.id, t.idx", (cohort_id,))
    with closing(records), closing(cursor):
        pending = next(cursor, None)
        for record in records:
            choices: list[dict[str, Any]] = []
            while pending is not None and pending["session_id"] == record.session_id:
                choices.append(turn_dict(pending))
                pending = next(cursor, None)
            yield record, choices
