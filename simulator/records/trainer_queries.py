"""What a trainer's tools ask of the store: cohorts, a cohort's completed sessions and
turns (streamed), one trainee's records for export, importing records files, settings.

Why here and not in the callers: the records package owns every SQL statement, so
cohorts, transfer and exports call these methods and never write SQL of their own.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from simulator.records.api import Cohort, SessionRecord, StoreError, TurnRecord
from simulator.records.statements import SESSION_COLUMNS
from simulator.records.store_base import (
    StoreBase,
    damaged,
    guarded,
    iso,
    turn_record,
)

_COMPARED = ("completed_at", "overall", "passed", "turns")


@dataclass(frozen=True)
class ImportBatch:
    """One checked records file: its trainee's sessions (rows by column) and turns."""

    label: str  # the file, for messages
    trainee_id: str
    sessions: list[dict[str, Any]]
    turns: list[TurnRecord]
    by_session: dict[str, list[TurnRecord]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grouped: dict[str, list[TurnRecord]] = {}
        for turn in self.turns:  # once, so a file's import stays linear in its size
            grouped.setdefault(turn.session_id, []).append(turn)
        object.__setattr__(self, "by_session", grouped)

    def turns_of(self, session_id: str) -> list[TurnRecord]:
        """This file's turns of one session, in file order."""
        return self.by_session.get(session_id, [])


def _record(row: Any, cohort_id: str, where: str) -> SessionRecord:
    from simulator.engine import record

    try:
        result = record.read_result(str(row["result_json"]))
    except record.RecordError:
        raise StoreError(damaged(row["id"], where, "result")) from None
    return SessionRecord(row["trainee_id"], cohort_id, row["id"], row["scenario_id"],
                         row["scenario_version"], row["deck_id"], row["mode"],
                         row["started_at"], row["completed_at"], row["overall"],
                         bool(row["passed"]), result)


def _result(text: object) -> object:
    """A stored result as the engine reads it (whatever version it was written in), so
    the same result written by an older peersim compares equal."""
    from simulator.engine import record

    try:
        return record.read_result(str(text))
    except record.RecordError:
        return text


class TrainerQueries(StoreBase):
    """Cohorts, exports and transfer, as store methods."""

    # -- cohorts -----------------------------------------------------------------------------
    @guarded("record the cohort")
    def add_cohort(self, cohort_id: str, title: str) -> bool:
        """Record a new cohort; False when the id is taken (nothing is overwritten)."""
        with self._write():
            added = self._run(self.sql.insert_cohort, (cohort_id, title, iso(self.clock())))
            return bool(added.rowcount)

    @guarded("read the cohort")
    def cohort(self, cohort_id: str) -> Cohort:
        """A cohort and its members; StoreError for an unknown id."""
        row = self._run(self.sql.cohort_row, (cohort_id,)).fetchone()
        if row is None:
            raise StoreError(f"no cohort {cohort_id!r} (peersim cohort list shows them)")
        members = tuple(r[0] for r in self._run(self.sql.cohort_members, (cohort_id,)))
        return Cohort(row["id"], row["title"], row["created_at"], members)

    def cohorts(self) -> list[Cohort]:
        """Every cohort, in id order."""
        ids = [r[0] for r in self.execute(self.sql.cohort_ids)]
        return [self.cohort(cid) for cid in ids]

    @guarded("add the trainees to the cohort")
    def add_to_cohort(self, cohort_id: str, trainee_ids: Sequence[str]) -> None:
        """Record the trainees (if new) and their membership, in one transaction."""
        now = iso(self.clock())
        with self._write():
            for tid in trainee_ids:
                self._run(self.sql.insert_trainee, (tid, now))
                self._run(self.sql.insert_member, (cohort_id, tid))

    # -- what exports read -----------------------------------------------------------------
    def completed_sessions(self, cohort_id: str) -> Generator[SessionRecord, None, None]:
        """The cohort members' completed sessions, by trainee then start (streamed)."""
        self.cohort(cohort_id)
        rows = self.stream(self.sql.cohort_sessions, (cohort_id,))
        with closing(rows):
            for row in rows:
                yield _record(row, cohort_id, self.where)

    def completed_turns(self, cohort_id: str) -> Generator[TurnRecord, None, None]:
        """The turns of those sessions, in the same order (streamed)."""
        rows = self.stream(self.sql.cohort_turns, (cohort_id,))
        with closing(rows):
            for row in rows:
                yield turn_record(row, self.where)

    @guarded("read the trainee's records")
    def trainee_records(self, trainee_id: str) -> tuple[list[dict[str, Any]], list[TurnRecord]]:
        """One trainee's session rows (by column) and their turns, oldest first."""
        sessions = [dict(zip(SESSION_COLUMNS, row, strict=True))
                    for row in self._run(self.sql.export_sessions, (trainee_id,))]
        turns = [turn_record(r, self.where) for s in sessions
                 for r in self._run(self.sql.session_turns, (s["id"],))]
        return sessions, turns

    # -- importing records files --------------------------------------------------------------
    @guarded("import the records")
    def import_batches(self, batches: Sequence[ImportBatch], cohort_id: str | None,
                       replace: bool = False) -> int:
        """Import checked files in one transaction; returns how many sessions were new.

        Refused whole (StoreError, nothing written) when a file's session is another
        trainee's here, when its trainee has sessions recorded on this database itself,
        when it lacks sessions an earlier file of the same trainee brought (unless the
        trainer chose ``replace``: then those sessions, which came from a file that may
        not have been theirs, are removed), or when it changes a session already
        completed here.
        """
        now = iso(self.clock())
        with self._write():
            if cohort_id is not None:
                self.cohort(cohort_id)
            new = 0
            for batch in batches:
                self._check_trainee(batch, replace)
                for session in batch.sessions:
                    new += self._import_session(batch, session, now)
                self._run(self.sql.insert_trainee, (batch.trainee_id, now))
                if cohort_id is not None:
                    self._run(self.sql.insert_member, (cohort_id, batch.trainee_id))
            return new

    def _check_trainee(self, batch: ImportBatch, replace: bool = False) -> None:
        held = {s["id"] for s in batch.sessions}
        stored = list(self._run(self.sql.trainee_sessions, (batch.trainee_id,)))
        if any(row["imported_at"] is None for row in stored):
            raise StoreError(f"{batch.label}: trainee {batch.trainee_id} already has sessions"
                             " recorded in this database itself; a records file cannot add"
                             " to them")
        missing = sorted(row["id"] for row in stored if row["id"] not in held)
        if missing and replace:
            for sid in missing:
                self._drop_imported_session(sid)
        elif missing:
            raise StoreError(f"{batch.label}: trainee {batch.trainee_id}'s records here came"
                             f" from another file (session {missing[0]} is not in this one);"
                             " one of the two may not be theirs. Ask the trainee: if this"
                             " file is theirs, import it again with --replace (the sessions"
                             " only the earlier file held are removed)")

    def _drop_imported_session(self, sid: str) -> None:
        """Remove one imported session with its turns (kept and taken back), any review
        of it (with what became of its flags and the roles its writers stated), its
        sign-offs, its link to an assignment and the notices it raised (inside the
        import's transaction: every row that refers to it, or the database refuses)."""
        p = "?" if self.kind == "sqlite" else "%s"
        for table in ("review_reads", "review_stances", "resolutions"):
            self._run(f"DELETE FROM {table} WHERE entry_id IN"
                      f" (SELECT id FROM review_entries WHERE session_id = {p})", (sid,))
        for statement in (f"DELETE FROM signoffs WHERE session_id = {p}",
                          f"DELETE FROM assignment_attempts WHERE session_id = {p}",
                          f"DELETE FROM help_requests WHERE session_id = {p}",
                          f"DELETE FROM review_entries WHERE session_id = {p}",
                          f"DELETE FROM taken_back WHERE session_id = {p}",
                          f"DELETE FROM turns WHERE session_id = {p}",
                          f"DELETE FROM sessions WHERE id = {p} AND imported_at IS NOT NULL"):
            self._run(statement, (sid,))

    def _import_session(self, batch: ImportBatch, session: dict[str, Any], now: str) -> int:
        """Write one session and its turns (in today's shape); 1 if it was new."""
        from simulator.engine import record

        sid = session["id"]
        turns = batch.turns_of(sid)
        row = self._run(self.sql.session_row, (sid,)).fetchone()
        if row is not None and row["trainee_id"] != batch.trainee_id:
            raise StoreError(f"{batch.label}: session {sid} is already recorded for another"
                             f" trainee ({row['trainee_id']})")
        if row is None:
            self._run(self.sql.insert_trainee, (batch.trainee_id, now))
            self._run(self.sql.import_session, [*(session[c] for c in SESSION_COLUMNS), now])
        elif row["completed_at"] is not None:
            stored = [turn_record(r, self.where).turn
                      for r in self._run(self.sql.session_turns, (sid,))]
            if (any(row[c] != session[c] for c in _COMPARED)
                    or _result(row["result_json"]) != _result(session["result_json"])
                    or stored != [t.turn for t in turns]):
                raise StoreError(f"{batch.label}: session {sid} is already complete here and"
                                 " this file changes it (a completed session cannot gain or"
                                 " change turns)")
            return 0
        else:  # unfinished here: the file's later copy replaces it
            self._run(self.sql.replace_session, (
                session["completed_at"], session["abandoned_at"], session["state_json"],
                session["turns"], session["overall"], session["passed"],
                session["result_json"], now, sid))
            self._run(self.sql.drop_turns_from, (sid, 0))
        for turn in turns:
            self._run(self.sql.upsert_turn, (sid, turn.index, turn.recorded_at,
                                             record.dumps(turn.turn)))
        return int(row is None)

    # -- settings ---------------------------------------------------------------------------
    @guarded("read a setting")
    def setting(self, name: str) -> str | None:
        """A stored setting (the trainer key's digest, say), or None."""
        row = self._run(self.sql.setting, (name,)).fetchone()
        return None if row is None else str(row[0])

    @guarded("store a setting")
    def set_setting(self, name: str, value: str) -> None:
        """Store a setting, replacing any earlier value."""
        with self._write():
            self._run(self.sql.set_setting, (name, value))

