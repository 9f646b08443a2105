"""Assignments: a trainer sets a scenario, in assessment mode, for a cohort or one
trainee, with a due date.

Why: a certification programme grades what it asked for, not whatever a trainee
happened to play in practice. An attempt started from an assignment is recorded in
assessment mode whatever the trainee's own mode setting, and linked to the assignment
(``assignment_attempts``), so gradebooks can count assigned assessments and say so.
An assignment is never deleted: withdrawing it keeps the attempts' link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from simulator.records.api import Refused, StoreError
from simulator.records.certify_sql import Stored, new_id, now, session_row
from simulator.records.selection import Selection
from simulator.records.sql_store import SqlStore
from simulator.records.statements import INSERT_TRAINEE

_COLUMNS = "a.id, a.scenario_id, a.cohort_id, a.trainee_id, a.due, a.assigned_by," \
           " a.created_at, a.withdrawn_at"
INSERT = ("INSERT INTO assignments (id, scenario_id, cohort_id, trainee_id, due, assigned_by,"
          " created_at) VALUES (:id, :scenario_id, :cohort_id, :trainee_id, :due,"
          " :assigned_by, :created_at)")
ONE = f"SELECT {_COLUMNS} FROM assignments a WHERE a.id = :id"
ALL = f"SELECT {_COLUMNS} FROM assignments a ORDER BY a.due, a.created_at, a.id"
FOR_TRAINEE = (f"SELECT {_COLUMNS} FROM assignments a WHERE a.withdrawn_at IS NULL AND"
               " (a.trainee_id = :trainee_id OR a.cohort_id IN (SELECT cohort_id FROM"
               " cohort_members WHERE trainee_id = :trainee_id))"
               " ORDER BY a.due, a.created_at, a.id")
_OF_COHORT = ("a.cohort_id = :cohort_id OR a.trainee_id IN (SELECT trainee_id FROM"
              " cohort_members WHERE cohort_id = :cohort_id)")
OF_COHORT = f"SELECT {_COLUMNS} FROM assignments a WHERE {_OF_COHORT} ORDER BY a.due," \
            " a.created_at, a.id"
WITHDRAW = ("UPDATE assignments SET withdrawn_at = :now WHERE id = :id AND withdrawn_at"
            " IS NULL")
ATTACH = ("INSERT INTO assignment_attempts (session_id, assignment_id) VALUES (:session_id,"
          " :assignment_id)")
ATTEMPTS = ("SELECT s.id, s.completed_at, s.abandoned_at, s.passed FROM assignment_attempts t"
            " JOIN sessions s ON s.id = t.session_id WHERE t.assignment_id = :assignment_id"
            " AND s.trainee_id = :trainee_id ORDER BY s.started_at, s.seq, s.id")
OF_SESSION = "SELECT assignment_id FROM assignment_attempts WHERE session_id = :session_id"
ASSIGNED = ("SELECT t.session_id FROM assignment_attempts t JOIN sessions s ON"
            " s.id = t.session_id WHERE s.mode = 'assessment'")
ANY_FOR_COHORT = f"SELECT COUNT(*) FROM assignments a WHERE {_OF_COHORT}"


class AssignmentError(Refused):
    """An assignment that cannot be made as asked; the message says what to change."""


@dataclass(frozen=True)
class Assignment(Stored):
    """One scenario set for a cohort (or one trainee), due on a day."""

    id: str
    scenario_id: str
    cohort_id: str | None
    trainee_id: str | None
    due: str  # YYYY-MM-DD
    assigned_by: str
    created_at: str
    withdrawn_at: str | None

    @property
    def who(self) -> str:
        """Whom it is for, in words."""
        return f"cohort {self.cohort_id}" if self.cohort_id else f"trainee {self.trainee_id}"


@dataclass(frozen=True)
class Progress:
    """One trainee's standing on one assignment."""

    assignment: Assignment
    state: str  # "to do", "started", "done"
    sessions: tuple[str, ...]  # the attempts, oldest first
    overdue: bool

    def describe(self) -> str:
        """One line for the trainee's home screen."""
        due = f"due {self.assignment.due}" + (" (past due)" if self.overdue else "")
        return f"{self.assignment.scenario_id}: assessment, {due}, {self.state}"


def due_date(text: str) -> str:
    """A due date as YYYY-MM-DD; :class:`AssignmentError` when it is not one."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise AssignmentError(f"the due date is a day as YYYY-MM-DD, not {text!r}") from None


class Assignments:
    """Assignments in a records store."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def assign(self, scenario_id: str, *, due: str, by: str, cohort_id: str | None = None,
               trainee_id: str | None = None) -> Assignment:
        """Set ``scenario_id`` for a cohort or a trainee (one of them), due on ``due``."""
        by = by.strip()
        if (cohort_id is None) == (trainee_id is None):
            raise AssignmentError("assign to a cohort or to one trainee (one of them)")
        if not by:
            raise AssignmentError("say who is assigning (a name or initials)")
        if not scenario_id.strip():
            raise AssignmentError("name the scenario to assign")
        day = due_date(due)
        if cohort_id is not None:
            self.store.cohort(cohort_id)  # StoreError naming the cohort when there is none
        stamp = now(self.store)
        made = Assignment(new_id("a"), scenario_id.strip(), cohort_id, trainee_id, day, by,
                          stamp, None)
        with self.store.write():
            if trainee_id is not None:
                self.store.execute(INSERT_TRAINEE, {"trainee_id": trainee_id, "now": stamp})
            self.store.execute(INSERT, made.__dict__)
        return made

    def get(self, assignment_id: str) -> Assignment:
        """One assignment; :class:`AssignmentError` when there is none."""
        row = self.store.execute(ONE, {"id": assignment_id}).fetchone()
        if row is None:
            raise AssignmentError(f"no assignment {assignment_id}")
        return Assignment.of_row(row)

    def withdraw(self, assignment_id: str) -> None:
        """Stop showing an assignment (its attempts stay linked to it)."""
        self.get(assignment_id)
        with self.store.write():
            self.store.execute(WITHDRAW, {"now": now(self.store), "id": assignment_id})

    def all(self, cohort_id: str | None = None) -> list[Assignment]:
        """Every assignment (of a cohort and its members, or of the whole store)."""
        found = self.store.execute(OF_COHORT, {"cohort_id": cohort_id}) if cohort_id \
            else self.store.execute(ALL)
        return [Assignment.of_row(r) for r in found]

    def for_trainee(self, trainee_id: str, today: str | None = None) -> list[Progress]:
        """What ``trainee_id`` has been assigned (directly or through a cohort) and how
        far they are with each, soonest due first; withdrawn ones are left out."""
        day = today or now(self.store)[:10]
        out: list[Progress] = []
        for row in self.store.execute(FOR_TRAINEE, {"trainee_id": trainee_id}).fetchall():
            made = Assignment.of_row(row)
            tried = self.store.execute(ATTEMPTS, {"assignment_id": made.id,
                                                  "trainee_id": trainee_id}).fetchall()
            done = any(r["completed_at"] for r in tried)
            live = any(r["completed_at"] is None and r["abandoned_at"] is None for r in tried)
            state = "done" if done else "started" if live else "to do"
            out.append(Progress(made, state, tuple(r["id"] for r in tried),
                                state != "done" and made.due < day))
        return out

    def attach(self, session_id: str, assignment_id: str) -> None:
        """Link an assessment attempt to the assignment it answers."""
        session = session_row(self.store, session_id)
        if session is None:
            raise StoreError(f"no session {session_id}")
        made = self.get(assignment_id)
        if session["scenario_id"] != made.scenario_id:
            raise AssignmentError(f"assignment {assignment_id} is for {made.scenario_id},"
                                  f" not {session['scenario_id']}")
        if session["mode"] != "assessment":
            raise AssignmentError("an assigned attempt is recorded in assessment mode")
        with self.store.write():
            self.store.execute(ATTACH, {"session_id": session_id,
                                        "assignment_id": assignment_id})

    def of_session(self, session_id: str) -> str | None:
        """The assignment a session answers, if any."""
        row = self.store.execute(OF_SESSION, {"session_id": session_id}).fetchone()
        return None if row is None else str(row[0])

    def assigned_sessions(self) -> set[str]:
        """Every session recorded as an assigned assessment."""
        return {str(r[0]) for r in self.store.execute(ASSIGNED)}


def selection_for(store: SqlStore, cohort_id: str, mode: str | None,
                  since: date | None = None, until: date | None = None) -> Selection:
    """The sessions a gradebook, report or dashboard of ``cohort_id`` counts: ``mode``
    when one was asked for; otherwise the assigned assessments once the cohort has any
    assignment (and "all sessions" before), each saying it was chosen by default."""
    books = Assignments(store)
    if mode is None:
        has = int(store.execute(ANY_FOR_COHORT, {"cohort_id": cohort_id}).fetchone()[0])
        mode = "assigned" if has else "all"
        because = "by default" if has else "by default: nothing is assigned yet"
    else:
        because = ""
    assigned = frozenset(books.assigned_sessions()) if mode == "assigned" else frozenset()
    return Selection(mode, since, until, assigned, because)
