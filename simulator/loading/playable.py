"""The part of an author's files that can be played now, and the problems with the rest.

Why not refuse everything when one file is broken: an author play-testing with
``peersim play --watch`` is in the middle of editing. A broken deck should not stop
them from playing the scenario next to it, and a typo in one scenario should leave
the conversation they are testing in another one open. So every problem is reported,
and only the files that have errors (and the files that lean on them) are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.loading.checks import check_library
from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.library import Library, load_library
from simulator.model import Scenario


@dataclass
class Playable:
    """A library to play, every problem found, and the files left out because of them."""

    library: Library
    problems: list[Diagnostic]
    left_out: list[str] = field(default_factory=list)
    #: scenarios that loaded but were left out because of errors, by id (so the app
    #: can list them as not startable instead of silently dropping them)
    left_out_scenarios: dict[str, Scenario] = field(default_factory=dict)

    def own_scenarios(self) -> list[str]:
        """Ids of the playable scenarios that came from the author's paths."""
        return [scenario_id for scenario_id, loaded in self.library.scenarios.items()
                if loaded.path in self.library.given]


def _error_paths(problems: list[Diagnostic]) -> set[str]:
    return {p.path for p in problems if p.severity is Severity.error}


def _drop(library: Library, paths: set[str], scenarios: dict[str, Scenario]) -> bool:
    """Remove the given files at ``paths`` from the library (noting the scenarios in
    ``scenarios``); True when any was removed."""
    removed = False
    for kind in ("scenario", "deck", "rubric", "vocabulary", "plan", "phrasebook"):
        bucket = library.bucket(kind)
        for item_id in [i for i, loaded in bucket.items()
                        if loaded.path in paths and loaded.path in library.given]:
            if kind == "scenario":
                scenarios[item_id] = bucket[item_id].model
            del bucket[item_id]
            removed = True
    return removed


def load_playable(paths: Sequence[str | Path], *, hide_shipped: bool = False) -> Playable:
    """Load ``paths`` with the shipped content as context, and keep what can be played.

    ``hide_shipped`` leaves the shipped (and pack) scenarios out of the list, while
    their rubrics, decks and themes still fill in what the author's files refer to.
    """
    library, problems = load_library(list(paths), lenient=True)
    problems.extend(check_library(library))
    problems.sort(key=lambda d: (d.path, d.line, d.col, d.code))
    broken = _error_paths(problems)
    dropped: dict[str, Scenario] = {}
    # leaving a file out can break another that refers to it: repeat until nothing changes
    while _drop(library, broken, dropped):
        broken |= _error_paths(check_library(library))
    if hide_shipped:
        for scenario_id in [i for i, loaded in library.scenarios.items()
                            if loaded.path not in library.given]:
            del library.scenarios[scenario_id]
    return Playable(library, problems, sorted(broken), dropped)
