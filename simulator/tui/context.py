"""What the app works with: the library, the records store, who is training, and choices.

Passed to screens explicitly (never read from a global), so tests can build an app
around any library and store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model import Deck, Scenario
from simulator.records.api import RecordStore


@dataclass
class AppContext:
    """Shared, explicit state of one app run."""

    library: Library
    store: RecordStore
    trainee_id: str
    cohort: str = ""
    mode: str = "practice"  # or "assessment"
    deck_id: str | None = None
    own_decks: dict[str, Deck] = field(default_factory=dict)

    def decks(self) -> dict[str, Deck]:
        """Practice decks and the trainee's own decks, by id."""
        out = {deck_id: self.library.deck(deck_id) for deck_id in sorted(self.library.decks)}
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
        """An engine that records every choice as it is made."""
        return Engine(scenario, self.library.rubric(scenario.rubric),
                      deck if deck is not None else self.deck_for(scenario),
                      label=self.library.theme_label, on_turn=self.store.record_turn)
