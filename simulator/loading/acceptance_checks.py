"""Checks for the radical-acceptance tags: known words, and a trap in every scenario.

Acceptance is scored from tags, so a misspelt way or word would silently never
count (PS330). A beat that records a disclosure is where a trainee can pass
judgement by what they share; if the scenario's deck has no piece that would
sound like a verdict on it, the moment cannot test acceptance at all (PS331).
"""

from __future__ import annotations

from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.documents import Loaded
from simulator.loading.library import Library
from simulator.model.deck import Deck
from simulator.model.plan import Plan
from simulator.model.rubric import Rubric
from simulator.model.scenario import Scenario

_SECTION_WORDS = {"ways": "way of getting by", "words": "word", "readings": "reading"}


def _unknown(loaded: Loaded, library: Library, section: str, ids: list[str],
             *path: str | int) -> list[Diagnostic]:
    known = library.acceptance_terms(section)
    out: list[Diagnostic] = []
    for i, term in enumerate(ids):
        if term not in known:
            line, col = loaded.at(*path, i)
            out.append(Diagnostic(loaded.path, line, col, "PS330",
                                  f"unknown {_SECTION_WORDS[section]} {term!r}; they are listed"
                                  f" under {section}: in rubrics/acceptance.yaml"))
    return out


def check_deck_acceptance(loaded: Loaded, library: Library) -> list[Diagnostic]:
    """A deck's ``judges`` and ``labels`` name known ways and words."""
    deck: Deck = loaded.model
    out: list[Diagnostic] = []
    for i, piece in enumerate(deck.fragments):
        out += _unknown(loaded, library, "ways", piece.judges, "fragments", i, "judges")
        out += _unknown(loaded, library, "words", piece.labels, "fragments", i, "labels")
    return out


def check_plan_readings(loaded: Loaded, library: Library, plan: Plan,
                        path: tuple[str | int, ...]) -> list[Diagnostic]:
    """A plan's reflections give known readings."""
    out: list[Diagnostic] = []
    known = library.acceptance_terms("readings")
    for i, step in enumerate(plan.steps):
        reading = step.reflect.reading if step.reflect is not None else None
        if reading is not None and reading not in known:
            line, col = loaded.at(*path, "steps", i, "reflect", "reading")
            out.append(Diagnostic(loaded.path, line, col, "PS330",
                                  f"unknown reading {reading!r}; they are listed under readings:"
                                  " in rubrics/acceptance.yaml"))
    return out


def check_scenario_acceptance(loaded: Loaded, library: Library) -> list[Diagnostic]:
    """Known disclosures and rejected words; every disclosure has a trap in the deck."""
    scenario: Scenario = loaded.model
    out = _unknown(loaded, library, "words", scenario.persona.rejects, "persona", "rejects")
    deck: Deck | None = library.deck(scenario.deck) if scenario.deck in library.decks else None
    judged = {w for piece in deck.fragments for w in piece.judges} if deck else set()
    for beat_id, beat in scenario.beats.items():
        out += _unknown(loaded, library, "ways", beat.discloses, "beats", beat_id, "discloses")
        if deck is None:
            continue
        for i, way in enumerate(beat.discloses):
            if way not in judged:
                line, col = loaded.at("beats", beat_id, "discloses", i)
                out.append(Diagnostic(
                    loaded.path, line, col, "PS331",
                    f"the person discloses {way!r} here, but no piece of deck {deck.id!r} is"
                    " tagged as judging it (judges:), so this moment cannot test acceptance",
                    Severity.warning))
    return out


def check_rubric_acceptance(loaded: Loaded, library: Library) -> list[Diagnostic]:
    """The rubric's judging readings and words are in the vocabulary."""
    rubric: Rubric = loaded.model
    if rubric.acceptance is None:
        return []
    rules = rubric.acceptance
    return (_unknown(loaded, library, "readings", rules.judging_readings,
                     "acceptance", "judging_readings")
            + _unknown(loaded, library, "words", rules.judging_words,
                       "acceptance", "judging_words"))
