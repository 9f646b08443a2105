"""Cohorts, and the roster that links opaque trainee ids to real names and emails.

The roster is a separate file (``roster.sqlite3``, 0600) so the records never hold
a name or an email; it is read only when building a gradebook file for an LMS.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from simulator.model.common import ID_MAX, ID_RE
from simulator.records.sql_store import SqlStore, StoreError, cannot_open, iso


@dataclass(frozen=True)
class Cohort:
    """A group of trainees taught together."""

    cohort_id: str
    title: str
    created_at: str
    members: tuple[str, ...]


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


def create_cohort(store: SqlStore, cohort_id: str, title: str) -> Cohort:
    """Make a cohort; an existing id is an error, not a silent overwrite."""
    problem = id_problem("cohort", cohort_id)
    if problem:
        raise StoreError(problem)
    with store._write() as db:
        added = db.execute("INSERT OR IGNORE INTO cohorts (id, title, created_at)"
                           " VALUES (?, ?, ?)", (cohort_id, title, iso(store.clock()))).rowcount
    if not added:
        raise StoreError(f"cohort {cohort_id!r} already exists")
    return get_cohort(store, cohort_id)


def get_cohort(store: SqlStore, cohort_id: str) -> Cohort:
    """A cohort and its members."""
    row = store.execute("SELECT * FROM cohorts WHERE id = ?", (cohort_id,)).fetchone()
    if row is None:
        raise StoreError(f"no cohort {cohort_id!r} (peersim cohort list shows them)")
    members = tuple(r[0] for r in store.execute(
        "SELECT trainee_id FROM cohort_members WHERE cohort_id = ? ORDER BY trainee_id",
        (cohort_id,)))
    return Cohort(row["id"], row["title"], row["created_at"], members)


def list_cohorts(store: SqlStore) -> list[Cohort]:
    """Every cohort."""
    ids = [r[0] for r in store.execute("SELECT id FROM cohorts ORDER BY id")]
    return [get_cohort(store, cid) for cid in ids]


def add_members(store: SqlStore, cohort_id: str, count: int = 0,
                trainee_ids: list[str] | None = None) -> list[str]:
    """Add existing trainees, or ``count`` new ones with fresh random ids."""
    problem = next(filter(None, (id_problem("trainee", t) for t in trainee_ids or [])), None)
    if count < 0 or problem:
        raise StoreError(problem or f"cannot add {count} trainees")
    get_cohort(store, cohort_id)
    added = list(dict.fromkeys(trainee_ids or []))
    added += [store.ensure_trainee() for _ in range(count)]
    with store._write() as db:
        for tid in added:
            db.execute("INSERT OR IGNORE INTO trainees (id, created_at) VALUES (?, ?)",
                       (tid, iso(store.clock())))
            db.execute("INSERT OR IGNORE INTO cohort_members (cohort_id, trainee_id)"
                       " VALUES (?, ?)", (cohort_id, tid))
    return added


class Roster:
    """The separate file that maps trainee ids to names and emails (for LMS imports only)."""

    def __init__(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():
                os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
            self.db = sqlite3.connect(path, isolation_level=None)
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
        self.db.execute("INSERT OR REPLACE INTO roster VALUES (?, ?, ?)",
                        (trainee_id, name, email))

    def lookup(self, trainee_id: str) -> tuple[str, str] | None:
        """(name, email) for a trainee id, if the roster has it."""
        row = self.db.execute("SELECT name, email FROM roster WHERE trainee_id = ?",
                              (trainee_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def close(self) -> None:
        """Release the file."""
        self.db.close()
