"""Score reasons name story fragments by reference, never by their words.

A reason is stored with the session and can leave the machine (``records export-mine``,
a trainer's exports). A fragment's title is a piece of someone's history, so a reason
holds ``{fragments:ID,ID}`` where it names pieces, and is rendered where it is read:
with the titles on the trainee's own screen, and without them anywhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from simulator.model import Deck

_REF = re.compile(r"\{fragments:([a-z0-9,-]+)\}")

Titles = Callable[[str], "str | None"]


def ref(fragment_ids: Iterable[str]) -> str:
    """The reference a reason holds in place of these fragments' titles."""
    return "{fragments:" + ",".join(fragment_ids) + "}"


def render(reason: str, title: Titles) -> str:
    """The reason with each reference replaced by the quoted titles ``title`` knows;
    a fragment it does not know is counted, not named."""

    def named(match: re.Match[str]) -> str:
        ids = match.group(1).split(",")
        known = [t for t in (title(i) for i in ids) if t is not None]
        unknown = len(ids) - len(known)
        parts = [f"'{t}'" for t in known]
        if unknown:
            parts.append("one piece of your story" if unknown == 1
                         else f"{unknown} pieces of your story")
        words = ", ".join(parts)
        before = reason[:match.start()].rstrip()
        starts_sentence = not before or before.endswith((".", "!", "?"))
        return words[0].upper() + words[1:] if starts_sentence else words

    return _REF.sub(named, reason)


def redact(reason: str) -> str:
    """The reason with no fragment named: for anything that may leave the machine."""
    return render(reason, lambda _fragment_id: None)


def deck_titles(deck: Deck | None) -> Titles:
    """Titles from a deck (none when there is no deck)."""

    def title(fragment_id: str) -> str | None:
        fragment = deck.fragment(fragment_id) if deck is not None else None
        return fragment.title if fragment is not None else None

    return title
