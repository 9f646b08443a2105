"""What the conversation and the debrief both read from the practice they show."""

from __future__ import annotations

from simulator.engine.engine import Engine
from simulator.engine.session import Session
from simulator.practice.service import Practice


class ShowsPractice:
    """A screen about one practice: its engine and its live session, never copies."""

    practice: Practice

    @property
    def engine(self) -> Engine:
        """The engine playing the session."""
        return self.practice.engine

    @property
    def session(self) -> Session:
        """The live session (replaced when the trainee tries another way)."""
        return self.practice.session
