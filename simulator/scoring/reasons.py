"""Naming story pieces where a reason is read: titles from the trainee's own deck.

A reason names pieces by id (see :mod:`simulator.wording`); this module gives the
titles that render them on the trainee's own screen. Everything that is stored or
leaves the machine renders without titles (``simulator.wording.redact``).
"""

from __future__ import annotations

from simulator.model import Deck
from simulator.wording import Titles

__all__ = ["Titles", "deck_titles"]


def deck_titles(deck: Deck | None) -> Titles:
    """Titles from a deck (none when there is no deck)."""

    def title(fragment_id: str) -> str | None:
        fragment = deck.fragment(fragment_id) if deck is not None else None
        return fragment.title if fragment is not None else None

    return title
