"""What the certification modules (assignments, sign-offs, resolutions, requests to
talk, goals, peer review) share: the statements they all use, the time stamp, and new ids.

Their statements are written once with named placeholders, like every records statement
(:mod:`simulator.records.sql`), and run with :meth:`SqlStore.execute`.
"""

from __future__ import annotations

import uuid
from dataclasses import fields
from typing import Any, ClassVar, Self

from simulator.records.sql_store import SqlStore, iso

SESSION = ("SELECT id, trainee_id, scenario_id, mode, completed_at, abandoned_at, passed,"
           " overall FROM sessions WHERE id = :id")


def now(store: SqlStore) -> str:
    """The store's clock, as stored."""
    return iso(store.clock())


def new_id(prefix: str) -> str:
    """A random id with a prefix that says what it names (``a-`` an assignment ...)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def next_seq(table: str) -> str:
    """The next number in ``table``'s ``seq`` column, which keeps the order of rows written
    in the same second (as an expression in an INSERT's values)."""
    return f"(SELECT COALESCE(MAX(seq), 0) + 1 FROM {table})"


def session_row(store: SqlStore, session_id: str) -> Any:
    """The session's row (id, trainee, scenario, mode, completion, verdict), or None."""
    return store.execute(SESSION, {"id": session_id}).fetchone()


class Stored:
    """A frozen dataclass read from one row: each field from the column of its name (or
    the one :attr:`COLUMNS` names), and back as plain data for exports and --json."""

    COLUMNS: ClassVar[dict[str, str]] = {}  # field -> column, where the names differ
    __dataclass_fields__: ClassVar[dict[str, Any]]  # a subclass is a dataclass

    @classmethod
    def of_row(cls, row: Any) -> Self:
        """The record a row holds."""
        names = [f.name for f in fields(cls) if f.init]
        return cls(**{n: row[cls.COLUMNS.get(n, n)] for n in names})

    def as_dict(self) -> dict[str, object]:
        """Plain data for exports and --json."""
        return dict(self.__dict__)
