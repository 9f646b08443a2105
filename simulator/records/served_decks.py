"""A served trainee's own decks, kept in the records store under their id only.

Why in the store: an app served to a classroom (``peersim serve``) runs on the
programme's server, where a folder would be shared by every trainee's app process. The
deck's YAML text is kept in the ``own_decks`` table, checked exactly as a deck file is,
and read back only for the trainee the server signed in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from simulator.loading.diagnostics import Diagnostic
from simulator.loading.documents import load_text
from simulator.model import Deck
from simulator.owndecks import render
from simulator.records.access import drop_own_deck, own_deck_texts, put_own_deck
from simulator.records.sql_store import SqlStore, StoreError


class StoreShelf:
    """A served trainee's shelf: their decks in the records store, under their id only.

    The trainee id comes from the server's sign-in, never from anything typed in the
    app, so one trainee's shelf cannot reach another's decks.
    """

    privacy = ("Your deck is kept privately with your records on your training programme's"
               " server, under your sign-in only. Other trainees never see it, and it never"
               " appears in an export unless you say so.")
    saved_note = "Saved privately."
    HEADER = "# Your own story deck, kept privately with your records.\n"

    def __init__(self, store: SqlStore, trainee_id: str) -> None:
        self.store = store
        self.trainee_id = trainee_id

    def load(self) -> tuple[dict[str, Deck], list[Diagnostic]]:
        """This trainee's decks from the store, checked like any deck file."""
        decks: dict[str, Deck] = {}
        problems: list[Diagnostic] = []
        for deck_id, text in own_deck_texts(self.store, self.trainee_id).items():
            loaded, found = load_text(f"own-decks/{deck_id}.yaml", text.encode())
            problems.extend(found)
            if loaded is not None and isinstance(loaded.model, Deck):
                decks[loaded.model.id] = loaded.model
        return decks, problems

    def save(self, deck: Deck) -> None:
        """Check the deck as a file would be checked, then keep its text in the store."""
        text = render(deck, self.HEADER)
        loaded, problems = load_text(f"own-decks/{deck.id}.yaml", text.encode())
        if loaded is None:
            raise ValueError("; ".join(p.message for p in problems))
        with _as_os_error():
            put_own_deck(self.store, self.trainee_id, deck.id, text)

    def delete(self, deck_id: str) -> None:
        """Remove the deck from the store."""
        with _as_os_error():
            drop_own_deck(self.store, self.trainee_id, deck_id)


def stored_story_texts(store: SqlStore, trainee_id: str) -> list[str]:
    """The titles and words of every piece in ``trainee_id``'s decks kept in the store
    (what a comment on their sessions must never quote); none when it cannot be read."""
    try:
        decks, _problems = StoreShelf(store, trainee_id).load()
    except StoreError:
        return []
    return [words for deck in decks.values() for f in deck.fragments
            for words in (f.title, f.text)]


@contextmanager
def _as_os_error() -> Iterator[None]:
    """A store failure as the OSError the editor reports (it keeps the words typed)."""
    import psycopg

    try:
        yield
    except (StoreError, sqlite3.Error, psycopg.Error) as exc:
        raise OSError("the records store could not keep it") from exc
