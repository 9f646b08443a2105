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

from simulator.records import statements as q
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
#: what removing an imported session removes, every row that refers to it first
_ENTRIES = "(SELECT id FROM review_entries WHERE session_id = :id)"
DROP_IMPORTED = (*(f"DELETE FROM {table} WHERE entry_id IN {_ENTRIES}"
                   for table in ("review_reads", "review_stances", "resolutions")),
                 *(f"DELETE FROM {table} WHERE session_id = :id"
                   for table in ("signoffs", "assignment_attempts", "help_requests",
                                 "review_entries", "taken_back", "turns")),
                 "DELETE FROM sessions WHERE id = :id AND imported_at IS NOT NULL")


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
            added = self._run(q.INSERT_COHORT, {"id": cohort_id, "title": title,
                                                "now": iso(self.clock())})
            return bool(added.rowcount)

    @guarded("read the cohort")
    def cohort(self, cohort_id: str) -> Cohort:
        """A cohort and its members; StoreError for an unknown id."""
        which = {"cohort_id": cohort_id}
        row = self._run(q.COHORT_ROW, which).fetchone()
        if row is None:
            raise StoreError(f"no cohort {cohort_id!r} (peersim cohort list shows them)")
        members = tuple(r[0] for r in self._run(q.COHORT_MEMBERS, which))
        return Cohort(row["id"], row["title"], row["created_at"], members)

    def cohorts(self) -> list[Cohort]:
        """Every cohort, in id order."""
        ids = [r[0] for r in self.execute(q.COHORT_IDS)]
        return [self.cohort(cid) for cid in ids]

    @guarded("add the trainees to the cohort")
    def add_to_cohort(self, cohort_id: str, trainee_ids: Sequence[str]) -> None:
        """Record the trainees (if new) and their membership, in one transaction."""
        now = iso(self.clock())
        with self._write():
            for tid in trainee_ids:
                self._join(cohort_id, tid, now)

    def _join(self, cohort_id: str | None, trainee_id: str, now: str) -> None:
        """Record a trainee (if new) and, given a cohort, their membership (in a write)."""
        self._run(q.INSERT_TRAINEE, {"trainee_id": trainee_id, "now": now})
        if cohort_id is not None:
            self._run(q.INSERT_MEMBER, {"cohort_id": cohort_id, "trainee_id": trainee_id})

    # -- what exports read -----------------------------------------------------------------
    def completed_sessions(self, cohort_id: str) -> Generator[SessionRecord, None, None]:
        """The cohort members' completed sessions, by trainee then start (streamed)."""
        self.cohort(cohort_id)
        rows = self.stream(q.COHORT_SESSIONS, {"cohort_id": cohort_id})
        with closing(rows):
            for row in rows:
                yield _record(row, cohort_id, self.where)

    def completed_turns(self, cohort_id: str) -> Generator[TurnRecord, None, None]:
        """The turns of those sessions, in the same order (streamed)."""
        rows = self.stream(q.COHORT_TURNS, {"cohort_id": cohort_id})
        with closing(rows):
            for row in rows:
                yield turn_record(row, self.where)

    @guarded("read the trainee's records")
    def trainee_records(self, trainee_id: str) -> tuple[list[dict[str, Any]], list[TurnRecord]]:
        """One trainee's session rows (by column) and their turns, oldest first."""
        sessions = [dict(zip(SESSION_COLUMNS, row, strict=True))
                    for row in self._run(q.EXPORT_SESSIONS, {"trainee_id": trainee_id})]
        turns = [turn_record(r, self.where) for s in sessions
                 for r in self._run(q.SESSION_TURNS, {"session_id": s["id"]})]
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
                self._join(cohort_id, batch.trainee_id, now)
            return new

    def _check_trainee(self, batch: ImportBatch, replace: bool = False) -> None:
        held = {s["id"] for s in batch.sessions}
        stored = list(self._run(q.TRAINEE_SESSIONS, {"trainee_id": batch.trainee_id}))
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
        for statement in DROP_IMPORTED:
            self._run(statement, {"id": sid})

    def _import_session(self, batch: ImportBatch, session: dict[str, Any], now: str) -> int:
        """Write one session and its turns (in today's shape); 1 if it was new."""
        from simulator.engine import record

        sid = session["id"]
        turns = batch.turns_of(sid)
        row = self._run(q.SESSION_ROW, {"id": sid}).fetchone()
        if row is not None and row["trainee_id"] != batch.trainee_id:
            raise StoreError(f"{batch.label}: session {sid} is already recorded for another"
                             f" trainee ({row['trainee_id']})")
        if row is None:
            self._join(None, batch.trainee_id, now)
            self._run(q.IMPORT_SESSION, {**{c: session[c] for c in SESSION_COLUMNS},
                                         "now": now})
        elif row["completed_at"] is not None:
            stored = [turn_record(r, self.where).turn
                      for r in self._run(q.SESSION_TURNS, {"session_id": sid})]
            if (any(row[c] != session[c] for c in _COMPARED)
                    or _result(row["result_json"]) != _result(session["result_json"])
                    or stored != [t.turn for t in turns]):
                raise StoreError(f"{batch.label}: session {sid} is already complete here and"
                                 " this file changes it (a completed session cannot gain or"
                                 " change turns)")
            return 0
        else:  # unfinished here: the file's later copy replaces it
            self._run(q.REPLACE_SESSION, {**session, "now": now, "id": sid})
            self._run(q.DROP_TURNS_FROM, {"session_id": sid, "idx": 0})
        for turn in turns:
            self._run(q.UPSERT_TURN, {"session_id": sid, "idx": turn.index,
                                      "recorded_at": turn.recorded_at,
                                      "turn_json": record.dumps(turn.turn)})
        return int(row is None)

    # -- settings ---------------------------------------------------------------------------
    @guarded("read a setting")
    def setting(self, name: str) -> str | None:
        """A stored setting (the trainer key's digest, say), or None."""
        row = self._run(q.SETTING, {"name": name}).fetchone()
        return None if row is None else str(row[0])

    @guarded("store a setting")
    def set_setting(self, name: str, value: str) -> None:
        """Store a setting, replacing any earlier value."""
        with self._write():
            self._run(q.SET_SETTING, {"name": name, "value": value})

