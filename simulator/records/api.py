"""The contract between the records store and its callers (session service, CLI, exports).

The store itself is one class, :class:`~simulator.records.sql_store.SqlStore` (SQLite
and PostgreSQL subclasses only connect), which ``open_store()`` returns and every caller
types against. The record types here are what it hands out, typed: a turn is one
:class:`TurnRecord` (the engine's ``Turn`` and when it was recorded), a completed
session's result the engine's ``SessionResult`` (stored as :mod:`simulator.engine.record`
writes them).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.errors import PeersimError

if TYPE_CHECKING:  # annotations only: the app opens the store before loading any models
    from simulator.engine.session import Turn
    from simulator.scoring.results import SessionResult


class StoreError(PeersimError, RuntimeError):
    """The store cannot do what was asked (a missing session, a newer schema, a database
    that is locked, full or gone). The message is one line, fit to show a trainee: it
    never holds story text nor a password, and it never chains the driver's exception."""

    title = "Records store"


class Refused(PeersimError, ValueError):
    """Something asked of the records that cannot be recorded as given (an assignment,
    a goal, a sign-off, a comment...); the message says what to change, and which
    thing it is, so one title serves every kind (each has its own subclass)."""

    title = "Not recorded"


class StoreBusy(StoreError):
    """The store did not answer in time: another program holds its lock, or the server
    is slow or unreachable. Trying again later may succeed; the app says it is waiting
    rather than freezing (see :meth:`~simulator.records.store_base.StoreBase.patience`)."""


@dataclass(frozen=True)
class SessionSummary:
    """One recorded session, as a list or a resume prompt shows it."""

    session_id: str
    trainee_id: str
    scenario_id: str
    scenario_version: int
    mode: str  # "practice" or "assessment"
    started_at: str  # ISO 8601 UTC
    completed_at: str | None
    turns: int
    overall: float | None
    passed: bool | None


@dataclass(frozen=True)
class AttemptSummary:
    """A trainee's attempts at one scenario."""

    scenario_id: str
    attempts: int
    completed: int
    best_overall: float | None
    ever_passed: bool


@dataclass(frozen=True)
class TurnRecord:
    """One stored turn (the only copy), read back as the engine's typed ``Turn``, and
    when it was recorded."""

    session_id: str
    index: int
    recorded_at: str  # ISO 8601 UTC
    turn: Turn


@dataclass(frozen=True)
class SessionRecord:
    """A completed session with its result, as exports and the dashboard see it."""

    trainee_id: str
    cohort_id: str
    session_id: str
    scenario_id: str
    scenario_version: int
    deck_id: str | None
    mode: str
    started_at: str
    completed_at: str
    overall: float
    passed: bool
    result: SessionResult


@dataclass(frozen=True)
class Cohort:
    """A group of trainees taught together."""

    cohort_id: str
    title: str
    created_at: str
    members: tuple[str, ...]
