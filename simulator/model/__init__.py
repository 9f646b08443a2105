"""Typed models of the data files trainers write: vocabulary, decks, scenarios, rubrics, plans.

The models are the single source of truth for the formats: the loader validates
against them, the JSON Schemas in ``docs/schema/`` are generated from them, and
the engine runs on them.
"""

from simulator.model.deck import Deck, Fragment
from simulator.model.phrasebook import Phrasebook
from simulator.model.plan import Plan
from simulator.model.rubric import Rubric
from simulator.model.scenario import Scenario
from simulator.model.vocabulary import Vocabulary

__all__ = ["Deck", "Fragment", "Phrasebook", "Plan", "Rubric", "Scenario", "Vocabulary"]
