"""Printing for the CLI: plain text for people, JSON for scripts, never a traceback."""

from __future__ import annotations

import json
import sys
from typing import Any

from simulator.loading.diagnostics import Diagnostic


class CliError(Exception):
    """An error meant for the person at the terminal; printed without a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def emit_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """One ``file:line:col: CODE message`` line each, on stderr."""
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
