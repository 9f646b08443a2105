"""A command whose module is imported only when it runs: the grammar is read on every
start, so opening the app never pays for the models, YAML or exports a command needs."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

Command = Callable[[argparse.Namespace], int]


def lazy(module: str, name: str) -> Command:
    """``name`` from ``simulator.cli.<module>``, imported when it is run."""

    def run(args: argparse.Namespace) -> int:
        command: Command = getattr(importlib.import_module(f"simulator.cli.{module}"), name)
        return command(args)

    return run
