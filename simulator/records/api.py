"""The contract between the records store and its callers (TUI, CLI, engine hook).

Kept as a Protocol so the UI depends on what a store does, not on SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # annotations only: the app opens the store before loading any models
    from simulator.engine.session import Session, Turn
    from simulator.scoring.results import SessionResult


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


class RecordStore(Protocol):
    """What every store offers. Each write is committed before the call returns."""

    def ensure_trainee(self, trainee_id: str | None = None) -> str:
        """Return ``trainee_id`` (created if new), or a new random opaque id when None."""
        ...

    def begin_session(self, session: Session, *, trainee_id: str, mode: str | None = None,
                      turns: Sequence[Turn] = ()) -> None:
        """Record that ``session`` started (its id, scenario id/version/hash, deck, rubric,
        mode: ``session.mode`` unless given), with any ``turns`` it starts with, at once."""
        ...

    def record_turn(self, session: Session, turn: Turn) -> None:
        """Record one choice with its scores, and the session's resumable state after it."""
        ...

    def rewind_session(self, session: Session) -> None:
        """Choices were taken back ("try another way"): keep ``session``'s state and only
        the turns it still holds, so a resume starts where the trainee now is."""
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
        """The latest saved ``Session.as_dict()`` of a session, for ``Engine.restore``."""
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
