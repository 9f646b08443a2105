"""The contract between the records store and its callers (session service, CLI, exports).

Kept as a Protocol so callers depend on what a store does, not on SQL. The record types
here are what the store hands out: a turn is one :class:`TurnRecord` (the engine's
``Turn.as_dict()`` plus when it was recorded), stored once and read back typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: the app opens the store before loading any models
    from simulator.engine.session import Session, Turn
    from simulator.scoring.results import SessionResult


class StoreError(RuntimeError):
    """The store cannot do what was asked (a missing session, a newer schema, a database
    that is locked, full or gone). The message is one line, fit to show a trainee: it
    never holds story text nor a password, and it never chains the driver's exception."""


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
    """One stored turn: the engine's ``Turn.as_dict()`` (the only copy) and its time.

    ``data`` is the saved shape; :meth:`turn` gives the typed engine object, which is
    how exports and xAPI read a turn (never by probing the dict).
    """

    session_id: str
    index: int
    recorded_at: str  # ISO 8601 UTC
    data: dict[str, Any]

    def turn(self) -> Turn:
        """The typed turn (imports the engine's types on first use, off the start path)."""
        from simulator.engine.session import Turn

        return Turn.from_dict(self.data)


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
    result: dict[str, Any]  # SessionResult.as_dict()


@dataclass(frozen=True)
class Cohort:
    """A group of trainees taught together."""

    cohort_id: str
    title: str
    created_at: str
    members: tuple[str, ...]


class RecordStore(Protocol):
    """What every store offers. Each write is one transaction, committed before the call
    returns; every database failure raises :class:`StoreError`."""

    def ensure_trainee(self, trainee_id: str | None = None) -> str:
        """Return ``trainee_id`` (created if new), or a new random opaque id when None."""
        ...

    def begin_session(self, session: Session, *, trainee_id: str, mode: str | None = None,
                      turns: Iterable[Turn] = ()) -> None:
        """Record that ``session`` started (ids, scenario version/hash, deck, rubric, its
        position) with ``turns`` already taken (a replay), in one transaction. ``mode``
        defaults to ``session.mode``."""
        ...

    def record_turn(self, session: Session, turn: Turn) -> None:
        """Record one choice and the position after it (``session`` is the state after the
        turn), in one transaction whose cost does not grow with the session."""
        ...

    def save_position(self, session: Session) -> None:
        """Store ``session``'s position alone: a reflection heard and waiting for its
        response (or taken back), so a closed terminal does not lose it."""
        ...

    def rewind_session(self, session: Session) -> None:
        """Choices were taken back ("try another way"): drop the turns ``session`` no
        longer holds and store its position, in one transaction."""
        ...

    def finish_session(self, session: Session, result: SessionResult) -> None:
        """Mark the session complete with its results."""
        ...

    def abandon_session(self, session_id: str) -> None:
        """Mark an unfinished session as one the trainee chose not to resume."""
        ...

    def unfinished(self, trainee_id: str) -> list[SessionSummary]:
        """Sessions of this trainee that were neither finished nor abandoned, newest first."""
        ...

    def load_state(self, session_id: str) -> dict[str, Any]:
        """The session as ``Session.as_dict()`` (session row + turn rows), for restoring."""
        ...

    def sessions(self, trainee_id: str) -> list[SessionSummary]:
        """All of a trainee's sessions, newest first."""
        ...

    def attempts(self, trainee_id: str) -> list[AttemptSummary]:
        """Per-scenario attempt counts and best results for a trainee."""
        ...

    def close(self) -> None:
        """Release connections."""
        ...
