"""The records store over one SQL database (SQLite or PostgreSQL): sessions and turns.

Why one class: every transaction rule and the migration runner live here, so the two
databases cannot drift apart; the statements are written once, with named placeholders,
in :mod:`simulator.records.statements`. A subclass connects (``self.db``), names its
dialect, its transaction start and its driver errors, and says where the schema
version lives.

Storage: each turn is one row of ``turns`` holding the engine's ``Turn`` as
:mod:`simulator.engine.record` writes it; the session row holds only the resumable
``Position`` and the turn count. Recording a choice is one insert and one small update, so
its cost does not grow with the session. :meth:`load_state` assembles the ``Session``
from the two. The record module (and pydantic) is imported on the first write or read
of a turn, never when the store opens.

Every public method turns a driver failure into one clean :class:`StoreError` line
(see :mod:`simulator.records.errors`), raised without chaining the driver's exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from simulator.records import statements as q
from simulator.records.api import AttemptSummary, SessionSummary, StoreError, TurnRecord
from simulator.records.errors import cannot_open, safe_url
from simulator.records.store_base import (
    Clock,
    damaged,
    guarded,
    iso,
    new_trainee_id,
    turn_record,
    utc_now,
)
from simulator.records.trainer_queries import TrainerQueries

if TYPE_CHECKING:  # annotations only: opening the store must not load the models
    from simulator.engine.session import Position, Session, TakenBack, Turn
    from simulator.scoring.results import SessionResult

__all__ = ["Clock", "SqlStore", "StoreError", "cannot_open", "guarded", "iso", "new_trainee_id",
           "safe_url", "utc_now"]


def _json(value: Turn | SessionResult | Position) -> str:
    """A record as the stored JSON text (loads the record module on first use)."""
    from simulator.engine import record

    return record.dumps(value)


class SqlStore(TrainerQueries):
    """The records store over one SQL database: every caller's one store type. Each
    write is one transaction, committed before the call returns; every database
    failure raises :class:`StoreError`."""

    # -- trainees ----------------------------------------------------------------------------
    @guarded("record the trainee")
    def ensure_trainee(self, trainee_id: str | None = None) -> str:
        """Return ``trainee_id`` (recorded if new) or a new random opaque id."""
        tid = trainee_id or new_trainee_id()
        with self._write():
            self._run(q.INSERT_TRAINEE, {"trainee_id": tid, "now": iso(self.clock())})
        return tid

    # -- sessions -----------------------------------------------------------------------------
    @guarded("record the start of the session")
    def begin_session(self, session: Session, *, trainee_id: str, mode: str | None = None,
                      turns: Iterable[Turn] = ()) -> None:
        """Record that ``session`` started, with its position and any ``turns`` already
        taken (a replay), all in one transaction."""
        now = iso(self.clock())
        taken = list(turns)
        with self._write():
            self._run(q.INSERT_TRAINEE, {"trainee_id": trainee_id, "now": now})
            self._run(q.INSERT_SESSION, {
                "id": session.session_id, "trainee_id": trainee_id,
                "scenario_id": session.scenario_id,
                "scenario_version": session.scenario_version,
                "content_hash": session.content_hash, "rubric_id": session.rubric_id,
                "deck_id": session.deck_id, "mode": mode or session.mode, "started_at": now,
                "state_json": _json(session.position()), "turns": len(taken)})
            for turn in taken:
                self._put_turn(session.session_id, turn, now)

    @guarded("record the choice")
    def record_turn(self, session: Session, turn: Turn) -> None:
        """Record one choice and the position after it, in one committed transaction.

        One row is written and one small row updated, whatever the session's length; a
        turn replacing a later one (a replay not rewound first) drops the turns after it.
        """
        with self._write():
            self._save_position(session)
            self._put_turn(session.session_id, turn, iso(self.clock()))
            self._run(q.DROP_TURNS_FROM, {"session_id": session.session_id,
                                          "idx": turn.index + 1})

    def _put_turn(self, session_id: str, turn: Turn, now: str) -> None:
        """Store one turn (replacing the one at its index), inside the caller's write."""
        self._run(q.UPSERT_TURN, {"session_id": session_id, "idx": turn.index,
                                  "recorded_at": now, "turn_json": _json(turn)})

    @guarded("take the choice back")
    def rewind_session(self, session: Session) -> None:
        """Store the rewound position and move the turns taken back to the earlier
        attempt's record (those ``session.earlier`` holds for its last attempt), in one
        transaction: nothing a trainee tried is lost."""
        sid, kept, attempt = session.session_id, len(session.transcript), session.attempts - 1
        with self._write():
            self._save_position(session)
            if any(e.attempt == attempt for e in session.earlier):
                self._run(q.KEEP_TAKEN_BACK, {"attempt": attempt, "session_id": sid,
                                              "idx": kept})
            self._run(q.DROP_TURNS_FROM, {"session_id": sid, "idx": kept})

    @guarded("keep your reflection")
    def save_position(self, session: Session) -> None:
        """Store the session's position alone (a reflection waiting for its response)."""
        with self._write():
            self._save_position(session)

    def _save_position(self, session: Session) -> None:
        """The session's resumable position (inside the caller's transaction)."""
        updated = self._run(q.SAVE_POSITION, {
            "state_json": _json(session.position()), "turns": len(session.transcript),
            "id": session.session_id}).rowcount
        if not updated:
            raise StoreError(f"session {session.session_id} was never begun")

    @guarded("record the end of the session")
    def finish_session(self, session: Session, result: SessionResult) -> None:
        """Mark the session complete with its results."""
        with self._write():
            self._run(q.FINISH, {
                "completed_at": iso(self.clock()), "overall": result.overall,
                "passed": int(result.passed), "result_json": _json(result),
                "state_json": _json(session.position()), "turns": len(session.transcript),
                "id": session.session_id})

    @guarded("set the session aside")
    def abandon_session(self, session_id: str) -> None:
        """Mark an unfinished session as not to be resumed (its record stays)."""
        with self._write():
            self._run(q.ABANDON, {"now": iso(self.clock()), "id": session_id})

    # -- reading -----------------------------------------------------------------------------
    @staticmethod
    def _summary(row: Any) -> SessionSummary:
        passed = None if row["passed"] is None else bool(row["passed"])
        return SessionSummary(row["id"], row["trainee_id"], row["scenario_id"],
                              row["scenario_version"], row["mode"], row["started_at"],
                              row["completed_at"], row["turns"], row["overall"], passed)

    @guarded("read the unfinished sessions")
    def unfinished(self, trainee_id: str) -> list[SessionSummary]:
        """Sessions neither finished nor abandoned, newest first."""
        return [self._summary(r)
                for r in self._run(q.UNFINISHED, {"trainee_id": trainee_id})]

    @guarded("read the sessions")
    def sessions(self, trainee_id: str) -> list[SessionSummary]:
        """All of a trainee's sessions, newest first."""
        return [self._summary(r)
                for r in self._run(q.TRAINEE_SESSIONS, {"trainee_id": trainee_id})]

    @guarded("read the saved session")
    def load_state(self, session_id: str) -> Session:
        """The saved session: its row's position plus its turn rows (not yet attached to
        a machine; the engine restores it)."""
        from simulator.engine import record
        from simulator.engine.session import Session

        row = self._run(q.SESSION_ROW, {"id": session_id}).fetchone()
        if row is None:
            raise StoreError(f"no session {session_id}")
        try:
            where = record.read_position(str(row["state_json"]))
        except record.RecordError:
            raise StoreError(damaged(session_id, self.where)) from None
        return Session(row["id"], row["scenario_id"], row["scenario_version"],
                       row["content_hash"], row["rubric_id"], row["deck_id"],
                       where.variables, row["mode"], where.visits,
                       [t.turn for t in self._turn_records(session_id)], where.state,
                       where.heard, where.attempts, self._taken_back(session_id))

    def _taken_back(self, session_id: str) -> list[TakenBack]:
        from simulator.engine import record
        from simulator.engine.session import TakenBack

        try:
            return [TakenBack(int(r["attempt"]), record.read_turn(str(r["turn_json"])))
                    for r in self._run(q.SESSION_TAKEN_BACK, {"session_id": session_id})]
        except record.RecordError:
            raise StoreError(damaged(session_id, self.where)) from None

    def _turn_records(self, session_id: str) -> list[TurnRecord]:
        return [turn_record(r, self.where)
                for r in self._run(q.SESSION_TURNS, {"session_id": session_id})]

    @guarded("read the choices")
    def turn_records(self, session_id: str) -> list[TurnRecord]:
        """The recorded turns of a session, in order, typed."""
        return self._turn_records(session_id)

    def turns(self, session_id: str) -> list[Turn]:
        """The recorded turns of a session, in order."""
        return [t.turn for t in self.turn_records(session_id)]

    @guarded("read the attempts")
    def attempts(self, trainee_id: str) -> list[AttemptSummary]:
        """Per-scenario attempts and best results."""
        return [AttemptSummary(r["scenario_id"], r["n"], r["done"], r["best"], bool(r["ever"]))
                for r in self._run(q.ATTEMPTS, {"trainee_id": trainee_id})]

