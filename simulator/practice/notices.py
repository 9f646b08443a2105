"""Which turns should reach a supervisor on their own, and assigned attempts.

Why here, beside the session service: a turn that trips a safety gate (the scorer's
events), or that shares a piece the trainee marked private, is something their
supervisor should hear about without the trainee having to ask. The notice names the
session and the turn, never the piece or its words (:mod:`simulator.records.help_requests`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from simulator.records.certify_sql import session_row
from simulator.records.help_requests import HelpRequest, HelpRequests

if TYPE_CHECKING:
    from simulator.engine.session import Turn
    from simulator.model import Deck
    from simulator.records.sql_store import SqlStore


def reasons(turn: Turn, deck: Deck | None) -> list[str]:
    """The notices one turn raises: "safety-gate", "private-share" (or none)."""
    found: list[str] = []
    if turn.score.events:
        found.append("safety-gate")
    share = turn.step.share
    if share is not None and deck is not None:
        pieces = [deck.fragment(i) for i in share.fragments]
        if any(p is not None and p.private for p in pieces):
            found.append("private-share")
    return found


def raise_notices(store: SqlStore, session_id: str, turns: Iterable[Turn],
                  deck: Deck | None) -> list[HelpRequest]:
    """Record the notices these turns raise (once per session and reason)."""
    raised = [(turn.index, reason) for turn in turns for reason in reasons(turn, deck)]
    row = session_row(store, session_id) if raised else None  # most turns raise nothing
    if row is None:
        return []
    helps = HelpRequests(store)
    made = [helps.notify(str(row["trainee_id"]), session_id, reason, index)
            for index, reason in raised]
    return [m for m in made if m is not None]
