"""``peersim play``: open the app on an author's own scenarios, decks and rubrics."""

from __future__ import annotations

import argparse
import importlib

from simulator.cli.output import CliError, print_companions, print_diagnostics
from simulator.loading.diagnostics import has_errors
from simulator.loading.playable import load_playable


def cmd_play(args: argparse.Namespace) -> int:
    """Play-test: every problem is listed first; without ``--watch`` errors stop here."""
    playable = load_playable(args.paths, hide_shipped=args.no_shipped)
    print_companions(playable.library.companion_notes())
    print_diagnostics(playable.problems)
    if has_errors(playable.problems) and not args.watch:
        raise CliError("fix the problems above first, or add --watch to fix them with the"
                       " app open (it reloads each time you save)", 1)
    if not playable.own_scenarios() and not args.watch:
        raise CliError("no scenario in the given files; play-testing needs at least one"
                       " (kind: scenario)", 1)
    module = importlib.import_module("simulator.tui.playtest")
    code: int = module.launch_playtest(args.paths, hide_shipped=args.no_shipped,
                                       watch=args.watch, playable=playable)
    return code
