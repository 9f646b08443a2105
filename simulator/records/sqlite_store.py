"""The records store on SQLite: every choice committed the moment it is made.

Why these settings: WAL lets several processes read while one writes;
``synchronous=FULL`` on every connection means a committed choice survives a power
cut, not just a crash; ``BEGIN IMMEDIATE`` takes the write lock up front so two
writers wait for each other (busy timeout) instead of failing half-way. The file is
created 0600 inside a 0700 folder because records hold pieces of people's history.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.engine.session import Session, Turn
from simulator.records.api import AttemptSummary, SessionSummary
from simulator.records.migrations import MIGRATIONS
from simulator.scoring.results import SessionResult

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_trainee_id() -> str:
    """A random opaque id: never derived from a name or an email."""
    return "t-" + secrets.token_hex(6)


class StoreError(RuntimeError):
    """The store cannot do what was asked (a missing session, a newer schema)."""


class SqliteStore:
    """A :class:`~simulator.records.api.RecordStore` on one SQLite file."""

    def __init__(self, path: Path, clock: Clock = utc_now) -> None:
        self.path = path
        self.clock = clock
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None,
                                  check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "busy_timeout=30000",
                       "foreign_keys=ON"):
            self.db.execute(f"PRAGMA {pragma}")
        self._migrate()

    # -- plumbing --------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} was written by a newer peersim (schema {version});"
                             " upgrade peersim to open it")
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._write() as db:
                for statement in statements:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Release the connection."""
        self.db.close()

    # -- trainees ----------------------------------------------------------------------------
    def ensure_trainee(self, trainee_id: str | None = None) -> str:
        """Return ``trainee_id`` (recorded if new) or a new random opaque id."""
        tid = trainee_id or new_trainee_id()
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO trainees (id, created_at) VALUES (?, ?)",
                       (tid, iso(self.clock())))
        return tid

    # -- sessions -----------------------------------------------------------------------------
    def begin_session(self, session: Session, *, trainee_id: str, mode: str) -> None:
        """Record that ``session`` started, with its resumable state."""
        self.ensure_trainee(trainee_id)
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO sessions (id, trainee_id, scenario_id, scenario_version,"
                " content_hash, rubric_id, deck_id, mode, started_at, state_json, turns)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (session.session_id, trainee_id, session.scenario_id, session.scenario_version,
                 session.content_hash, session.rubric_id, session.deck_id, mode,
                 iso(self.clock()), json.dumps(session.as_dict())),
            )

    def record_turn(self, session: Session, turn: Turn) -> None:
        """Record one choice and the state after it, in one committed transaction."""
        data = turn.as_dict()
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO turns (session_id, idx, beat, step_json, scores_json,"
                " band, mean, events_json, next, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (session.session_id, turn.index, turn.beat, json.dumps(data["step"]),
                 json.dumps(data["scores"]), turn.score.band, turn.score.mean,
                 json.dumps(data["events"]), turn.next, iso(self.clock())),
            )
            db.execute("DELETE FROM turns WHERE session_id = ? AND idx > ?",
                       (session.session_id, turn.index))
            updated = db.execute(
                "UPDATE sessions SET state_json = ?, turns = ? WHERE id = ?",
                (json.dumps(session.as_dict()), len(session.transcript), session.session_id),
            ).rowcount
            if not updated:
                raise StoreError(f"session {session.session_id} was never begun")

    def finish_session(self, session: Session, result: SessionResult) -> None:
        """Mark the session complete with its results."""
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET completed_at = ?, overall = ?, passed = ?, result_json = ?,"
                " state_json = ?, turns = ? WHERE id = ?",
                (iso(self.clock()), result.overall, int(result.passed),
                 json.dumps(result.as_dict()), json.dumps(session.as_dict()),
                 len(session.transcript), session.session_id),
            )

    def abandon_session(self, session_id: str) -> None:
        """Mark an unfinished session as not to be resumed (its record stays)."""
        with self._write() as db:
            db.execute("UPDATE sessions SET abandoned_at = ? WHERE id = ? AND completed_at IS"
                       " NULL", (iso(self.clock()), session_id))

    # -- reading -----------------------------------------------------------------------------
    @staticmethod
    def _summary(row: sqlite3.Row) -> SessionSummary:
        passed = None if row["passed"] is None else bool(row["passed"])
        return SessionSummary(row["id"], row["trainee_id"], row["scenario_id"],
                              row["scenario_version"], row["mode"], row["started_at"],
                              row["completed_at"], row["turns"], row["overall"], passed)

    def unfinished(self, trainee_id: str) -> list[SessionSummary]:
        """Sessions neither finished nor abandoned, newest first."""
        rows = self.db.execute(
            "SELECT * FROM sessions WHERE trainee_id = ? AND completed_at IS NULL AND"
            " abandoned_at IS NULL ORDER BY started_at DESC, rowid DESC", (trainee_id,))
        return [self._summary(r) for r in rows]

    def sessions(self, trainee_id: str) -> list[SessionSummary]:
        """All of a trainee's sessions, newest first."""
        rows = self.db.execute("SELECT * FROM sessions WHERE trainee_id = ?"
                               " ORDER BY started_at DESC, rowid DESC", (trainee_id,))
        return [self._summary(r) for r in rows]

    def load_state(self, session_id: str) -> dict[str, Any]:
        """The latest saved state of a session, for ``Engine.restore``."""
        row = self.db.execute("SELECT state_json FROM sessions WHERE id = ?",
                              (session_id,)).fetchone()
        if row is None:
            raise StoreError(f"no session {session_id}")
        state: dict[str, Any] = json.loads(row["state_json"])
        return state

    def turns(self, session_id: str) -> list[dict[str, Any]]:
        """The recorded turns of a session, in order."""
        rows = self.db.execute("SELECT * FROM turns WHERE session_id = ? ORDER BY idx",
                               (session_id,))
        return [{"index": r["idx"], "beat": r["beat"], "step": json.loads(r["step_json"]),
                 "scores": json.loads(r["scores_json"]), "band": r["band"], "mean": r["mean"],
                 "events": json.loads(r["events_json"]), "next": r["next"],
                 "recorded_at": r["recorded_at"]} for r in rows]

    def attempts(self, trainee_id: str) -> list[AttemptSummary]:
        """Per-scenario attempts and best results."""
        rows = self.db.execute(
            "SELECT scenario_id, COUNT(*) AS n, COUNT(completed_at) AS done, MAX(overall) AS best,"
            " MAX(COALESCE(passed, 0)) AS ever FROM sessions WHERE trainee_id = ?"
            " GROUP BY scenario_id ORDER BY scenario_id", (trainee_id,))
        return [AttemptSummary(r["scenario_id"], r["n"], r["done"], r["best"], bool(r["ever"]))
                for r in rows]

    def integrity(self) -> str:
        """SQLite's own integrity check ("ok" when healthy)."""
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
