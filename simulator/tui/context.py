"""What the app works with: the library, the records store, who is training, and choices.

Passed to screens explicitly (never read from a global), so tests can build an app
around any library and store. The library may arrive later than the app: the home
screen can open from scenario cards while the full library loads in the background,
and the first screen that needs it waits for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.library_index import ScenarioCard, cards_of

if TYPE_CHECKING:
    from simulator.app_library import AppLibrary
    from simulator.engine.engine import Engine
    from simulator.loading.diagnostics import Diagnostic
    from simulator.loading.library import Library
    from simulator.model import Deck, Scenario
    from simulator.owndecks import DeckShelf
    from simulator.practice.service import PracticeService
    from simulator.records.sql_store import SqlStore


class AppContext:
    """Shared, explicit state of one app run."""

    def __init__(self, library: Library | None = None, *, store: SqlStore,
                 trainee_id: str, mode: str = "practice",
                 deck_id: str | None = None, own_decks: dict[str, Deck] | None = None,
                 loader: Callable[[], AppLibrary] | None = None,
                 cards: list[ScenarioCard] | None = None,
                 settings_file: Path | None = None, theme: str = "",
                 checked: AppLibrary | None = None, shelf: DeckShelf | None = None,
                 served: bool = False) -> None:
        if library is None and loader is None and checked is None:
            raise ValueError("an AppContext needs a library or a way to load one")
        self._library = library
        self._loader = loader
        self._lock = threading.Lock()
        self._cards = cards
        self.store = store
        self._sessions: PracticeService | None = None
        self.trainee_id = trainee_id
        self.mode = mode
        self.deck_id = deck_id
        self.own_decks: dict[str, Deck] = dict(own_decks or {})
        self.settings_file = settings_file  # where choices are remembered, if anywhere
        self.theme = theme  # the colour theme's name ("" for the default)
        #: what is wrong with the library and the own decks (see simulator.app_library)
        self.problems: list[Diagnostic] = []
        self.blocked: dict[str, Scenario] = {}
        self.broken_decks: dict[str, list[Diagnostic]] = {}
        #: scenarios listed first and highlighted (an author's own, when play-testing)
        self.featured: list[str] = []
        self._shelf = shelf
        # served to a classroom (peersim serve): who is training comes from the sign-in,
        # never the app, and nothing is written to the server's files at a trainee's word
        self.served = served
        if checked is not None:
            self._take(checked)

    @property
    def sessions(self) -> PracticeService:
        """Starting, recording and resuming sessions; made when first used, so its
        modules (and their record types) are not imported before the first frame."""
        if self._sessions is None:
            from simulator.practice.service import PracticeService

            self._sessions = PracticeService(self.store)
        return self._sessions

    @property
    def shelf(self) -> DeckShelf:
        """Where the trainee's own decks are kept (this machine's folder unless told)."""
        if self._shelf is None:
            from simulator.owndecks import FolderShelf

            self._shelf = FolderShelf(self.trainee_id)
        return self._shelf

    def switch_trainee(self, trainee_id: str) -> None:
        """Train as ``trainee_id`` from now on, keeping nothing of the previous trainee:
        their own decks, their problems and a deck of theirs chosen to share from are
        dropped from memory, and the shelf becomes the new trainee's (a shared machine
        changes hands; see :func:`simulator.owndecks.own_deck_dir`). The screens, which
        hold drafts and undo, are the app's to replace."""
        from simulator.owndecks import FolderShelf, decks_root

        if self.served:
            raise ValueError("a served app trains as the signed-in trainee only")
        self.warm()  # a background load finishing later must not bring the old decks back
        mine = set(self.own_decks)
        root = str(decks_root())
        self.trainee_id = trainee_id
        self._shelf = FolderShelf(trainee_id)
        own, own_problems = self._shelf.load()
        self.own_decks = dict(own)
        self.problems = [p for p in self.problems if not p.path.startswith(root)]
        self.problems.extend(own_problems)
        self.broken_decks = {path: found for path, found in self.broken_decks.items()
                             if not path.startswith(root)}
        for problem in own_problems:
            self.broken_decks.setdefault(problem.path, []).append(problem)
        if self.deck_id in mine:
            self.deck_id = None
            self.remember()

    def remember(self) -> bool:
        """Keep the mode, the chosen deck and the theme for the next run (when there is a file);
        False when they could not be written (the choice still holds for this run)."""
        from simulator.settings import Settings, save_settings

        if self.settings_file is None:
            return True
        try:
            save_settings(Settings(self.mode, self.deck_id, self.theme),
                          self.settings_file)
        except OSError:
            return False
        return True

    @property
    def library(self) -> Library:
        """The full library, loading it now if the background load has not finished."""
        with self._lock:
            if self._library is None:
                assert self._loader is not None
                self._take(self._loader())
            assert self._library is not None
            return self._library

    def _take(self, checked: AppLibrary) -> None:
        """Play from a checked library, keeping its problems to show."""
        self.own_decks = {**checked.own_decks, **self.own_decks}
        self.problems = list(checked.problems)
        self.blocked = dict(checked.blocked)
        self.broken_decks = dict(checked.broken_decks)
        self._library = checked.library

    def replace_library(self, library: Library) -> None:
        """Play from ``library`` from now on (play-testing reloads an author's files)."""
        with self._lock:
            self._library = library

    @property
    def library_ready(self) -> bool:
        """True once the full library is in memory."""
        return self._library is not None

    def warm(self) -> None:
        """Load the library (meant for a background worker)."""
        _ = self.library

    def cards(self) -> list[ScenarioCard]:
        """What the home screen lists: from the library when loaded, else the index."""
        if self._library is not None or self._cards is None:
            return cards_of(self.library, self.blocked)
        return self._cards

    def decks(self) -> dict[str, Deck]:
        """Practice decks and the trainee's own decks, by id."""
        library = self.library
        out = {deck_id: library.deck(deck_id) for deck_id in sorted(library.decks)}
        out.update(self.own_decks)
        return out

    def deck_for(self, scenario: Scenario) -> Deck | None:
        """The chosen deck, else the one the scenario was written for."""
        decks = self.decks()
        if self.deck_id in decks:
            return decks[self.deck_id]
        if scenario.deck is not None and scenario.deck in decks:
            return decks[scenario.deck]
        return next(iter(decks.values()), None)

    def engine(self, scenario: Scenario, deck: Deck | None = None) -> Engine:
        """An engine for ``scenario`` with the chosen deck (recording is the service's)."""
        from simulator.engine.engine import Engine

        return Engine(scenario, self.library.rubric(scenario.rubric),
                      deck if deck is not None else self.deck_for(scenario),
                      label=self.library.theme_label)
