"""Notes a command leaves for the end of its run: said after its output when it succeeds
(a refusal stays one clear line), so what the store does not protect is never buried."""

from __future__ import annotations

import sys

_pending: list[str] = []


def note(text: str) -> None:
    """Say ``text`` once the command has done its work."""
    if text not in _pending:
        _pending.append(text)


def say_notes(succeeded: bool) -> None:
    """Print the notes (on stderr) when the command succeeded; forget them either way."""
    if succeeded:
        for text in _pending:
            print(f"peersim: note: {text}", file=sys.stderr)
    _pending.clear()
