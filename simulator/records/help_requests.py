""""I need to talk": a trainee asks for their supervisor, and sessions that need one
say so themselves.

Why: the too-close and were-you-too scenarios tell a trainee to ring their supervisor,
and supervision that answers quickly is what peers value (Stefancic et al. 2021:
informal texts and calls beside weekly supervision). A request carries only what the
trainee typed as its note (optional, never filled in for them). A session that tripped
a safety gate, or in which a piece marked private was shared, raises a notice of its
own: which session and which turn, never the piece's words. Open requests come first in
the trainer's review list and dashboard until a trainer marks them answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.records.api import Refused
from simulator.records.certify_sql import Stored, new_id, now
from simulator.records.sql_store import SqlStore
from simulator.records.statements import INSERT_TRAINEE

REASONS = ("asked", "safety-gate", "private-share")
MAX_NOTE = 1000
_COLUMNS = ("id, trainee_id, session_id, reason, turn_idx, note, created_at, answered_at,"
            " answered_by")
INSERT = ("INSERT INTO help_requests (id, trainee_id, session_id, reason, turn_idx, note,"
          " created_at) VALUES (:id, :trainee_id, :session_id, :reason, :turn, :note,"
          " :created_at)")
ONE = f"SELECT {_COLUMNS} FROM help_requests WHERE id = :id"
SAME = ("SELECT COUNT(*) FROM help_requests WHERE session_id = :session_id AND"
        " reason = :reason")
OPEN_ALL = (f"SELECT {_COLUMNS} FROM help_requests WHERE answered_at IS NULL"
            " ORDER BY created_at, id")
OPEN_COHORT = (f"SELECT {_COLUMNS} FROM help_requests WHERE answered_at IS NULL AND"
               " trainee_id IN (SELECT trainee_id FROM cohort_members WHERE cohort_id ="
               " :cohort_id)"
               " ORDER BY created_at, id")
OF_TRAINEE = (f"SELECT {_COLUMNS} FROM help_requests WHERE trainee_id = :trainee_id"
              " ORDER BY created_at, id")
ANSWER = ("UPDATE help_requests SET answered_at = :now, answered_by = :by WHERE id = :id"
          " AND answered_at IS NULL")


class HelpError(Refused):
    """A request that cannot be recorded as given; the message says what to change."""


@dataclass(frozen=True)
class HelpRequest(Stored):
    """One request for a supervisor, or one notice a session raised."""

    id: str
    trainee_id: str
    session_id: str | None
    reason: str  # "asked", "safety-gate" or "private-share"
    turn: int | None  # 0-based; the turn that raised a notice
    note: str  # only what the trainee typed
    created_at: str
    answered_at: str | None
    answered_by: str | None
    COLUMNS = {"turn": "turn_idx"}

    def describe(self) -> str:
        """One line for the trainer: who, why, when (and the note the trainee typed)."""
        where = f" in session {self.session_id}" if self.session_id else ""
        turn = f", turn {self.turn + 1}" if self.turn is not None else ""
        what = {"asked": "asks to talk",
                "safety-gate": f"met a safety gate{where}{turn}",
                "private-share": f"shared a piece marked private{where}{turn}"}[self.reason]
        note = f": {self.note}" if self.note else ""
        return f"{self.trainee_id} {what} ({self.created_at}){note}"


class HelpRequests:
    """Requests to talk, and sessions' own notices, in a records store."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def ask(self, trainee_id: str, note: str = "", session_id: str | None = None
            ) -> HelpRequest:
        """The trainee asks for a supervisor, with an optional note they typed."""
        note = note.strip()
        if len(note) > MAX_NOTE:
            raise HelpError(f"keep the note under {MAX_NOTE} characters")
        return self._add(trainee_id, "asked", note, session_id, None)

    def notify(self, trainee_id: str, session_id: str, reason: str, turn: int
               ) -> HelpRequest | None:
        """A session's own notice (a safety gate, a private piece shared): once per
        session and reason, with no words of the conversation."""
        if reason not in REASONS[1:]:
            raise HelpError(f"a session's notice is one of {', '.join(REASONS[1:])}")
        if int(self.store.execute(SAME, {"session_id": session_id, "reason": reason}
                                  ).fetchone()[0]):
            return None
        return self._add(trainee_id, reason, "", session_id, turn)

    def _add(self, trainee_id: str, reason: str, note: str, session_id: str | None,
             turn: int | None) -> HelpRequest:
        made = HelpRequest(new_id("h"), trainee_id, session_id, reason, turn, note,
                           now(self.store), None, None)
        with self.store.write():
            self.store.execute(INSERT_TRAINEE, {"trainee_id": trainee_id,
                                                "now": made.created_at})
            self.store.execute(INSERT, made.__dict__)
        return made

    def open(self, cohort_id: str | None = None) -> list[HelpRequest]:
        """Requests no one has answered yet, oldest first (of a cohort, or all)."""
        found = self.store.execute(OPEN_COHORT, {"cohort_id": cohort_id}) if cohort_id \
            else self.store.execute(OPEN_ALL)
        return [HelpRequest.of_row(r) for r in found]

    def of_trainee(self, trainee_id: str) -> list[HelpRequest]:
        """A trainee's own requests and notices, oldest first."""
        return [HelpRequest.of_row(r)
                for r in self.store.execute(OF_TRAINEE, {"trainee_id": trainee_id})]

    def answer(self, request_id: str, by: str) -> HelpRequest:
        """Mark a request answered (the trainer has been in touch)."""
        by = by.strip()
        if not by:
            raise HelpError("say who answered (a name or initials)")
        which = {"id": request_id}
        row = self.store.execute(ONE, which).fetchone()
        if row is None:
            raise HelpError(f"no request {request_id}")
        with self.store.write():
            self.store.execute(ANSWER, {**which, "now": now(self.store), "by": by})
        return HelpRequest.of_row(self.store.execute(ONE, which).fetchone())
