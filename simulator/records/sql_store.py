"""The records store, written once for SQLite and PostgreSQL.

Why one class: every query, migration and transaction rule lives here, so the two
databases cannot drift apart. A subclass connects (``self.db``), says where the
schema version lives and translates its dialect (:meth:`dialect`); the SQL here is
written for SQLite and translated for PostgreSQL in :mod:`simulator.records.pg_store`.
"""

from __future__ import annotations

import json
import re
import secrets
import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from simulator.records.api import AttemptSummary, SessionSummary
from simulator.records.migrations import MIGRATIONS

if TYPE_CHECKING:  # annotations only: opening the store must not load the models
    from simulator.engine.session import Session, Turn
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


def _passwords(url: str) -> set[str]:
    found = set(re.findall(r"password=([^&\s]+)", url))
    with suppress(ValueError):  # a URL too broken to split has no password part to find
        found.add(urlsplit(url).password or "")
    return {p for secret in found for p in (secret, unquote(secret)) if p}


def safe_url(url: str) -> str:
    """``url`` with any password shown as ``***``, fit to print."""
    hidden = re.sub(r"(password=)[^&\s]*", r"\1***", url)
    try:
        parts = urlsplit(hidden)
        if parts.password is None:
            return hidden
        host = parts.netloc.rsplit("@", 1)[1]
        return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
    except ValueError:  # not even a URL: show none of it
        return "(an unreadable URL)"


def hide_passwords(text: str, url: str) -> str:
    """``text`` (a driver's message, say) with any password of ``url`` shown as ``***``."""
    for secret in _passwords(url):
        text = text.replace(secret, "***")
    return text


def cannot_open(where: str, reason: object, advice: str,
                what: str = "the records database") -> StoreError:
    """The one message for a database that cannot be opened: what, where, why, what to do."""
    if isinstance(reason, OSError) and reason.strerror:
        reason = reason.strerror
    text = str(reason).strip()
    first_line = text.splitlines()[0] if text else type(reason).__name__
    return StoreError(f"cannot open {what} {where}: {first_line}; {advice}")


class SqlStore:
    """A :class:`~simulator.records.api.RecordStore` over one SQL database."""

    kind = "sql"
    db: Any  # the DB-API connection a subclass opens
    where = "(unnamed)"  # the file or the URL (without its password), for messages

    def __init__(self, clock: Clock = utc_now) -> None:
        self.clock = clock
        self._streams: weakref.WeakSet[Generator[Any, None, None]] = weakref.WeakSet()

    # -- what a dialect provides ---------------------------------------------------------
    def dialect(self, sql: str) -> str:
        """SQL as this database spells it (the base spelling is SQLite's)."""
        return sql

    def schema_version(self) -> int:
        """The schema version of the open database."""
        raise NotImplementedError

    def _set_version(self, version: int) -> None:
        raise NotImplementedError

    def _lock_schema(self) -> None:
        """Serialise migrations between processes (SQLite's BEGIN IMMEDIATE already does)."""

    def close(self) -> None:
        """Release the connection, first closing any stream a caller left unfinished."""
        for rows in list(self._streams):
            rows.close()
        self.db.close()

    # -- plumbing ------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[object] = ()) -> Any:
        """Run one statement (``?`` placeholders) and return its cursor."""
        return self.db.execute(self.dialect(sql), tuple(params))

    def stream(self, sql: str, params: Sequence[object] = ()) -> Generator[Any, None, None]:
        """Rows of a large query, one at a time; safe to abandon (:meth:`close` ends it)."""
        rows = self._rows(sql, params)
        self._streams.add(rows)
        return rows

    def _rows(self, sql: str, params: Sequence[object]) -> Generator[Any, None, None]:
        cursor = self.execute(sql, params)
        try:
            yield from cursor
        finally:
            cursor.close()

    @contextmanager
    def _write(self) -> Iterator[SqlStore]:
        """A write transaction: commits on exit, rolls back on any error."""
        self.db.execute(self.dialect("BEGIN IMMEDIATE"))
        try:
            yield self
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def write(self) -> Any:
        """Public name of :meth:`_write`."""
        return self._write()

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > len(MIGRATIONS):
            raise StoreError(f"the records database {self.where} was written by a newer peersim"
                             f" (schema {version}; this one knows up to {len(MIGRATIONS)});"
                             " upgrade peersim to open it")
        for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._write():
                self._lock_schema()
                if self.schema_version() >= number:
                    continue  # another process migrated while we waited
                for statement in statements:
                    self.execute(statement)
                self._set_version(number)

    # -- trainees ----------------------------------------------------------------------------
    def ensure_trainee(self, trainee_id: str | None = None) -> str:
        """Return ``trainee_id`` (recorded if new) or a new random opaque id."""
        tid = trainee_id or new_trainee_id()
        with self._write():
            self.execute("INSERT OR IGNORE INTO trainees (id, created_at) VALUES (?, ?)",
                         (tid, iso(self.clock())))
        return tid

    # -- sessions -----------------------------------------------------------------------------
    def begin_session(self, session: Session, *, trainee_id: str, mode: str | None = None,
                      turns: Sequence[Turn] = ()) -> None:
        """Record that ``session`` started, with its resumable state and any ``turns`` it
        starts with (a replay), all in one transaction."""
        self.ensure_trainee(trainee_id)
        with self._write():
            self.execute(
                "INSERT OR IGNORE INTO sessions (id, trainee_id, scenario_id, scenario_version,"
                " content_hash, rubric_id, deck_id, mode, started_at, state_json, turns)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (session.session_id, trainee_id, session.scenario_id, session.scenario_version,
                 session.content_hash, session.rubric_id, session.deck_id,
                 mode or session.mode, iso(self.clock()), json.dumps(session.as_dict())),
            )
            for turn in turns:
                self._insert_turn(session.session_id, turn)
            if turns:
                self._save_state(session)

    def record_turn(self, session: Session, turn: Turn) -> None:
        """Record one choice and the state after it, in one committed transaction."""
        with self._write():
            self._save_state(session)
            self._insert_turn(session.session_id, turn)
            self.execute("DELETE FROM turns WHERE session_id = ? AND idx > ?",
                         (session.session_id, turn.index))

    def _insert_turn(self, session_id: str, turn: Turn) -> None:
        data = turn.as_dict()
        self.execute(
            "INSERT OR REPLACE INTO turns (session_id, idx, beat, step_json, scores_json,"
            " band, mean, events_json, next, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (session_id, turn.index, turn.beat, json.dumps(data["step"]),
             json.dumps(data["scores"]), turn.score.band, turn.score.mean,
             json.dumps(data["events"]), turn.next, iso(self.clock())),
        )

    def rewind_session(self, session: Session) -> None:
        """Store the rewound state and drop the turns taken back, in one transaction."""
        with self._write():
            self._save_state(session)
            self.execute("DELETE FROM turns WHERE session_id = ? AND idx >= ?",
                         (session.session_id, len(session.transcript)))

    def _save_state(self, session: Session) -> None:
        """The session's resumable state (inside the caller's transaction)."""
        updated = self.execute(
            "UPDATE sessions SET state_json = ?, turns = ? WHERE id = ?",
            (json.dumps(session.as_dict()), len(session.transcript), session.session_id),
        ).rowcount
        if not updated:
            raise StoreError(f"session {session.session_id} was never begun")

    def finish_session(self, session: Session, result: SessionResult) -> None:
        """Mark the session complete with its results."""
        with self._write():
            self.execute(
                "UPDATE sessions SET completed_at = ?, overall = ?, passed = ?, result_json = ?,"
                " state_json = ?, turns = ? WHERE id = ?",
                (iso(self.clock()), result.overall, int(result.passed),
                 json.dumps(result.as_dict()), json.dumps(session.as_dict()),
                 len(session.transcript), session.session_id),
            )

    def abandon_session(self, session_id: str) -> None:
        """Mark an unfinished session as not to be resumed (its record stays)."""
        with self._write():
            self.execute("UPDATE sessions SET abandoned_at = ? WHERE id = ? AND completed_at IS"
                         " NULL", (iso(self.clock()), session_id))

    # -- reading -----------------------------------------------------------------------------
    @staticmethod
    def _summary(row: Any) -> SessionSummary:
        passed = None if row["passed"] is None else bool(row["passed"])
        return SessionSummary(row["id"], row["trainee_id"], row["scenario_id"],
                              row["scenario_version"], row["mode"], row["started_at"],
                              row["completed_at"], row["turns"], row["overall"], passed)

    def _newest(self) -> str:
        tiebreak = "rowid" if self.kind == "sqlite" else "id"
        return f" ORDER BY started_at DESC, {tiebreak} DESC"

    def unfinished(self, trainee_id: str) -> list[SessionSummary]:
        """Sessions neither finished nor abandoned, newest first."""
        rows = self.execute("SELECT * FROM sessions WHERE trainee_id = ? AND completed_at IS NULL"
                            " AND abandoned_at IS NULL" + self._newest(), (trainee_id,))
        return [self._summary(r) for r in rows]

    def sessions(self, trainee_id: str) -> list[SessionSummary]:
        """All of a trainee's sessions, newest first."""
        rows = self.execute("SELECT * FROM sessions WHERE trainee_id = ?" + self._newest(),
                            (trainee_id,))
        return [self._summary(r) for r in rows]

    def load_state(self, session_id: str) -> dict[str, Any]:
        """The latest saved state of a session, for ``Engine.restore``."""
        row = self.execute("SELECT state_json FROM sessions WHERE id = ?",
                           (session_id,)).fetchone()
        if row is None:
            raise StoreError(f"no session {session_id}")
        state: dict[str, Any] = json.loads(row["state_json"])
        return state

    def turns(self, session_id: str) -> list[dict[str, Any]]:
        """The recorded turns of a session, in order."""
        rows = self.execute("SELECT * FROM turns WHERE session_id = ? ORDER BY idx",
                            (session_id,))
        return [turn_dict(r) for r in rows]

    def attempts(self, trainee_id: str) -> list[AttemptSummary]:
        """Per-scenario attempts and best results."""
        rows = self.execute(
            "SELECT scenario_id, COUNT(*) AS n, COUNT(completed_at) AS done, MAX(overall) AS best,"
            " MAX(COALESCE(passed, 0)) AS ever FROM sessions WHERE trainee_id = ?"
            " GROUP BY scenario_id ORDER BY scenario_id", (trainee_id,))
        return [AttemptSummary(r["scenario_id"], r["n"], r["done"], r["best"], bool(r["ever"]))
                for r in rows]


def turn_dict(row: Any) -> dict[str, Any]:
    """A stored turn row as the plain dict callers and exports use."""
    return {"index": row["idx"], "beat": row["beat"], "step": json.loads(row["step_json"]),
            "scores": json.loads(row["scores_json"]), "band": row["band"], "mean": row["mean"],
            "events": json.loads(row["events_json"]), "next": row["next"],
            "recorded_at": row["recorded_at"]}
