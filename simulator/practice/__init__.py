"""The practice-session service: the one owner of a session's lifecycle."""

from simulator.practice.service import Practice, PracticeService, Resumed

__all__ = ["Practice", "PracticeService", "Resumed"]
