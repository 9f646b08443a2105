"""Development goals a trainer and trainee agree on and come back to.

Why: professional development is one of Stefancic et al.'s (2021) four supervision
strategies; a goal both people have named, and that they revisit, keeps supervision
about the trainee's growth rather than one session's score. Either may set a goal or
revisit it (working on it, met, set aside, or simply agreeing to it); a goal counts as
agreed once both the trainee and a trainer have put their name to it. Nothing is
rewritten: each revisit is a new row, so the goal's history reads in order.

A trainee writes only their own goals as themselves (checked here, and on PostgreSQL by
the database: simulator/records/db_roles.py). A trainer's goal for someone else needs
the trainer's authority, which the calling command checks (simulator/cli/gate.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.records.api import Refused
from simulator.records.certify_sql import new_id, next_seq, now
from simulator.records.review import ROLES, named, written
from simulator.records.sql_store import SqlStore
from simulator.records.statements import INSERT_TRAINEE

STATES = ("agreed", "working", "met", "set-aside")
STATE_WORDS = {"agreed": "agreed", "working": "working on it", "met": "met",
               "set-aside": "set aside for now"}
INSERT = ("INSERT INTO growth_goals (seq, id, trainee_id, criterion, body, set_by, role,"
          f" created_at) VALUES ({next_seq('growth_goals')}, :id, :trainee_id, :criterion,"
          " :body, :set_by, :role, :created_at)")
REVISIT = ("INSERT INTO goal_revisits (seq, id, goal_id, state, note, by_person, role,"
           f" created_at) VALUES ({next_seq('goal_revisits')}, :id, :goal_id, :state, :note,"
           " :by, :role, :created_at)")
_GOAL = "SELECT id, trainee_id, criterion, body, set_by, role, created_at FROM growth_goals"
ONE = f"{_GOAL} WHERE id = :id"
OF_TRAINEE = f"{_GOAL} WHERE trainee_id = :trainee_id ORDER BY seq"
REVISITS = ("SELECT r.goal_id, r.state, r.note, r.by_person, r.role, r.created_at FROM"
            " goal_revisits r JOIN growth_goals g ON g.id = r.goal_id WHERE g.trainee_id ="
            " :trainee_id ORDER BY r.seq")


class GoalError(Refused):
    """A goal or revisit that cannot be recorded as given; the message says what to change."""


@dataclass(frozen=True)
class Revisit:
    """One return to a goal: where it stands, in whose words."""

    state: str
    note: str
    by: str
    role: str
    created_at: str


@dataclass(frozen=True)
class Goal:
    """A development goal and every revisit of it, oldest first."""

    id: str
    trainee_id: str
    criterion: str | None
    body: str
    set_by: str
    role: str
    created_at: str
    revisits: list[Revisit] = field(default_factory=list, compare=False)

    @property
    def state(self) -> str:
        """Where the goal stands now (its latest revisit; "agreed" until revisited)."""
        moved = [r.state for r in self.revisits if r.state != "agreed"]
        return moved[-1] if moved else "agreed"

    @property
    def agreed(self) -> bool:
        """Both the trainee and a trainer have put their name to it."""
        return {self.role, *(r.role for r in self.revisits)} >= set(ROLES)

    def describe(self) -> str:
        """One line: the goal, where it stands, and whether both agree yet."""
        on = f" ({self.criterion})" if self.criterion else ""
        waiting = "" if self.agreed else (
            ", waiting for the trainer to agree" if self.role == "trainee"
            else ", waiting for the trainee to agree")
        where = "proposed" if waiting and self.state == "agreed" else STATE_WORDS[self.state]
        return f"{self.body}{on}: {where}{waiting}"


def _who(trainee_id: str, by: str, role: str) -> str:
    if role not in ROLES:
        raise GoalError(f"the role is trainer or trainee, not {role!r}")
    by = named(by, GoalError, "writing")
    if role == "trainee" and by != trainee_id:
        raise GoalError("a trainee sets and revisits only their own goals")
    return by


class Goals:
    """Development goals in a records store."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def add(self, trainee_id: str, body: str, *, by: str, role: str,
            criterion: str | None = None) -> Goal:
        """Set a goal for ``trainee_id`` (as the trainee, or as a trainer)."""
        by = _who(trainee_id, by, role)
        body = written(body, GoalError, "the goal", empty="write the goal in a few words")
        made = Goal(new_id("g"), trainee_id, criterion or None, body, by, role,
                    now(self.store))
        with self.store.write():
            self.store.execute(INSERT_TRAINEE, {"trainee_id": trainee_id,
                                                "now": made.created_at})
            self.store.execute(INSERT, made.__dict__)
        return made

    def revisit(self, goal_id: str, state: str, *, by: str, role: str, note: str = ""
                ) -> Goal:
        """Come back to a goal: agree to it, or say how it stands now."""
        row = self.store.execute(ONE, {"id": goal_id}).fetchone()
        if row is None:
            raise GoalError(f"no goal {goal_id}")
        if state not in STATES:
            raise GoalError(f"a goal is {', '.join(STATES)}, not {state!r}")
        by = _who(str(row["trainee_id"]), by, role)
        with self.store.write():
            self.store.execute(REVISIT, {
                "id": new_id("gr"), "goal_id": goal_id, "state": state,
                "note": written(note, GoalError, "the note"), "by": by, "role": role,
                "created_at": now(self.store)})
        return next(g for g in self.of_trainee(str(row["trainee_id"])) if g.id == goal_id)

    def of_trainee(self, trainee_id: str) -> list[Goal]:
        """A trainee's goals with their revisits, oldest first."""
        revisits: dict[str, list[Revisit]] = {}
        which = {"trainee_id": trainee_id}
        for r in self.store.execute(REVISITS, which).fetchall():
            revisits.setdefault(str(r["goal_id"]), []).append(
                Revisit(r["state"], r["note"], r["by_person"], r["role"], r["created_at"]))
        return [_goal(r, revisits.get(str(r["id"]), []))
                for r in self.store.execute(OF_TRAINEE, which)]


def _goal(row: Any, revisits: list[Revisit]) -> Goal:
    return Goal(row["id"], row["trainee_id"], row["criterion"], row["body"], row["set_by"],
                row["role"], row["created_at"], revisits)
