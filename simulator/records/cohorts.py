"""Cohorts, and the roster that links opaque trainee ids to real names and emails.

The roster is a separate file (``roster.sqlite3``, 0600) so the records never hold
a name or an email; it is read only when building a gradebook file for an LMS.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from simulator.model.common import ID_MAX, ID_RE
from simulator.paths import private_dir, private_file
from simulator.records.api import Cohort, StoreError
from simulator.records.errors import cannot_open, failure, sqlite_reason
from simulator.records.sql import Params
from simulator.records.sql_store import SqlStore, new_trainee_id

__all__ = ["TYPED_TURNS", "Cohort", "Roster", "add_members", "create_cohort", "get_cohort",
           "id_problem", "list_cohorts", "set_typed_turns", "typed_turns",
           "typed_turns_for"]

#: when a cohort's trainees must say things in their own words, least strict first
#: (as a scenario's ``typed_turns``): either way, in assessment sessions, always
TYPED_TURNS = ("optional", "assessment", "always")


def _typed_setting(cohort_id: str) -> str:
    return f"typed_turns:{cohort_id}"


def id_problem(kind: str, value: str) -> str | None:
    """Why ``value`` cannot be a cohort or trainee id (``kind``), or None when it can.

    Both follow the one id grammar of every peersim file; trainee ids made by peersim
    (``t-`` and 12 hex digits) follow it too.
    """
    if len(value) <= ID_MAX and ID_RE.match(value):
        return None
    example = "spring-2027" if kind == "cohort" else "t-1a2b3c4d5e6f"
    return (f"{value!r} is not a valid {kind} id: use lowercase letters and digits in words"
            f" joined by single hyphens, starting with a letter, at most {ID_MAX}"
            f" characters (like {example})")


def ids_problem(kind: str, values: list[str]) -> str | None:
    """The first of ``values`` that cannot be a ``kind`` id, said as :func:`id_problem`."""
    return next((p for p in (id_problem(kind, v) for v in values) if p), None)


def create_cohort(store: SqlStore, cohort_id: str, title: str) -> Cohort:
    """Make a cohort; an existing id is an error, not a silent overwrite."""
    problem = id_problem("cohort", cohort_id)
    if problem:
        raise StoreError(problem)
    if not store.add_cohort(cohort_id, title):
        raise StoreError(f"cohort {cohort_id!r} already exists")
    return store.cohort(cohort_id)


def get_cohort(store: SqlStore, cohort_id: str) -> Cohort:
    """A cohort and its members (StoreError for an unknown id)."""
    return store.cohort(cohort_id)


def list_cohorts(store: SqlStore) -> list[Cohort]:
    """Every cohort."""
    return store.cohorts()


def add_members(store: SqlStore, cohort_id: str, count: int = 0,
                trainee_ids: list[str] | None = None) -> list[str]:
    """Add existing trainees, or ``count`` new ones with fresh random ids (one transaction)."""
    problem = next(filter(None, (id_problem("trainee", t) for t in trainee_ids or [])), None)
    if count < 0 or problem:
        raise StoreError(problem or f"cannot add {count} trainees")
    store.cohort(cohort_id)
    added = list(dict.fromkeys(trainee_ids or []))
    added += [new_trainee_id() for _ in range(count)]
    store.add_to_cohort(cohort_id, added)
    return added


def set_typed_turns(store: SqlStore, cohort_id: str, when: str) -> None:
    """Require typed turns of a cohort's trainees ``when`` (one of :data:`TYPED_TURNS`)."""
    if when not in TYPED_TURNS:
        raise StoreError(f"typed turns are {', '.join(TYPED_TURNS)}, not {when!r}")
    store.cohort(cohort_id)
    store.set_setting(_typed_setting(cohort_id), when)


def typed_turns(store: SqlStore, cohort_id: str) -> str:
    """When a cohort requires typed turns ("optional" unless a trainer said otherwise)."""
    when = store.setting(_typed_setting(cohort_id))
    return when if when in TYPED_TURNS else "optional"


def typed_turns_for(store: SqlStore, trainee_id: str) -> str:
    """The strictest typed-turns setting of the cohorts ``trainee_id`` belongs to."""
    mine = [c.cohort_id for c in store.cohorts() if trainee_id in c.members]
    return max((typed_turns(store, c) for c in mine), key=TYPED_TURNS.index,
               default="optional")


class Roster:
    """The separate file that maps trainee ids to names and emails (for LMS imports only)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            private_dir(path.parent)
            private_file(path)
            self.db = sqlite3.connect(path, timeout=5, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise cannot_open(str(path), exc, "check that its folder is yours to write",
                              "the roster") from exc
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("CREATE TABLE IF NOT EXISTS roster (trainee_id TEXT PRIMARY KEY,"
                            " name TEXT NOT NULL, email TEXT NOT NULL DEFAULT '')")
        except sqlite3.Error as exc:
            self.db.close()
            raise cannot_open(str(path), exc, "if it is not a peersim roster, move it aside"
                              " (peersim makes a new one)", "the roster") from exc

    def set(self, trainee_id: str, name: str, email: str = "") -> None:
        """Record who a trainee id belongs to."""
        self._run("record the name", "INSERT INTO roster (trainee_id, name, email) VALUES"
                  " (:trainee_id, :name, :email) ON CONFLICT (trainee_id) DO UPDATE SET"
                  " name = excluded.name, email = excluded.email",
                  {"trainee_id": trainee_id, "name": name, "email": email})

    def lookup(self, trainee_id: str) -> tuple[str, str] | None:
        """(name, email) for a trainee id, if the roster has it."""
        row = self._run("read the roster", "SELECT name, email FROM roster WHERE"
                        " trainee_id = :trainee_id", {"trainee_id": trainee_id}).fetchone()
        return (row[0], row[1]) if row else None

    def _run(self, doing: str, statement: str, params: Params) -> sqlite3.Cursor:
        """One statement (written, like every records statement, with named placeholders);
        a failure is one clean StoreError (names are never in it)."""
        try:
            return self.db.execute(statement, params)
        except sqlite3.Error as exc:
            problem = failure(doing, str(self.path), sqlite_reason(exc, 5), "the roster")
        raise problem

    def close(self) -> None:
        """Release the file."""
        self.db.close()
