"""Find the scenario, deck and rubric a command names: by file path or by shipped id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simulator.cli.output import CliError, print_companions, print_diagnostics
from simulator.engine.engine import Engine
from simulator.loading.checks import validate_paths
from simulator.loading.diagnostics import has_errors
from simulator.loading.library import Library, load_library
from simulator.model import Deck, Rubric, Scenario


@dataclass
class Resolved:
    """A playable scenario with everything it needs."""

    library: Library
    scenario: Scenario
    rubric: Rubric
    deck: Deck | None

    def engine(self) -> Engine:
        """A fresh engine for this scenario."""
        return Engine(self.scenario, self.rubric, self.deck, label=self.library.theme_label)


def _load(paths: list[str]) -> Library:
    if not paths:
        library, _ = load_library([])
        return library
    library, problems = validate_paths(paths)
    print_companions(library.companion_notes())
    if has_errors(problems):
        print_diagnostics(problems)
        raise CliError("fix the problems above first (peersim validate shows them all)", 1)
    return library


def resolve(scenario_arg: str, deck_arg: str | None = None,
            extra: list[str] | None = None) -> Resolved:
    """Load the scenario (a file or a shipped id), its rubric and a deck."""
    paths = [p for p in [scenario_arg, deck_arg, *(extra or [])] if p and Path(p).exists()]
    library = _load(paths)
    if Path(scenario_arg).exists():
        given = [lo for lo in library.scenarios.values()
                 if Path(lo.path).resolve() == Path(scenario_arg).resolve()]
        if not given:
            raise CliError(f"{scenario_arg} does not hold a scenario")
        scenario: Scenario = given[0].model
    elif scenario_arg in library.scenarios:
        scenario = library.scenario(scenario_arg)
    else:
        known = ", ".join(sorted(library.scenarios)) or "none"
        raise CliError(f"no scenario file or id {scenario_arg!r}; shipped scenarios: {known}")
    if scenario.rubric not in library.rubrics:
        raise CliError(f"scenario {scenario.id!r} needs rubric {scenario.rubric!r}, not found")
    deck = None
    if deck_arg is not None:
        if Path(deck_arg).exists():
            decks = [lo.model for lo in library.decks.values()
                     if Path(lo.path).resolve() == Path(deck_arg).resolve()]
            if not decks:
                raise CliError(f"{deck_arg} does not hold a deck")
            deck = decks[0]
        elif deck_arg in library.decks:
            deck = library.deck(deck_arg)
        else:
            raise CliError(f"no deck file or id {deck_arg!r}")
    elif scenario.deck is not None and scenario.deck in library.decks:
        deck = library.deck(scenario.deck)
    return Resolved(library, scenario, library.rubric(scenario.rubric), deck)
