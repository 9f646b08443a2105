"""What the trainee's app plays from: the library, their own decks, and every problem.

Why not simply load what loads: a scenario whose rubric is missing crashed on Enter, a
dangling ``next:`` left the trainee stuck mid-conversation, a broken own deck silently
vanished (and the deck editor would then have written over it), and nobody was told.
So the app's library is checked as ``peersim validate`` checks it; every problem is
kept as ``file:line:col: CODE message`` for the app to show; a scenario with errors
(or one that leans on a file with errors) is kept aside, by id, so the app can list it
as not startable; and an own deck that cannot be read is kept as its problems.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.loading.diagnostics import Diagnostic
from simulator.loading.library import Library
from simulator.loading.playable import load_playable
from simulator.model import Deck, Scenario
from simulator.owndecks import load_own_decks
from simulator.paths import library_folders


@dataclass
class AppLibrary:
    """The playable library and what is wrong with the rest."""

    library: Library
    own_decks: dict[str, Deck] = field(default_factory=dict)
    #: every problem in the library and the own decks, sorted by file and position
    problems: list[Diagnostic] = field(default_factory=list)
    #: scenarios that cannot be started until their problems are fixed, by id
    blocked: dict[str, Scenario] = field(default_factory=dict)
    #: own deck files that could not be read: path -> their problems
    broken_decks: dict[str, list[Diagnostic]] = field(default_factory=dict)


def load_app_library(paths: Sequence[str | Path] | None = None,
                     trainee_id: str | None = None) -> AppLibrary:
    """The library under ``paths`` (default: the shipped library and any pack), checked
    as ``peersim validate`` checks it, and the own decks of ``trainee_id`` (none: those
    in the decks folder itself)."""
    playable = load_playable(list(paths) if paths is not None else library_folders())
    own, own_problems = load_own_decks(trainee_id)
    broken: dict[str, list[Diagnostic]] = {}
    for problem in own_problems:
        broken.setdefault(problem.path, []).append(problem)
    return AppLibrary(playable.library, own, [*playable.problems, *own_problems],
                      dict(playable.left_out_scenarios), broken)


def problem_lines(problems: Sequence[Diagnostic]) -> list[str]:
    """One ``file:line:col: CODE message`` line per problem."""
    return [problem.format() for problem in problems]
