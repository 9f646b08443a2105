"""Printing for the CLI: plain text for people, JSON for scripts, never a traceback,
and never a character that commands the terminal (see :mod:`simulator.safetext`)."""

from __future__ import annotations

import functools
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, cast

from simulator.errors import PeersimError
from simulator.safetext import json_visible, visible

if TYPE_CHECKING:
    from simulator.loading.diagnostics import Diagnostic

T = TypeVar("T")


class CliError(PeersimError):
    """An error meant for the person at the terminal; printed without a traceback."""

    title = "Not done"

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class VisibleStream(io.TextIOBase):
    """A text stream that passes everything written through :func:`visible`.

    Installed over stdout and stderr while a command runs, so every line any command
    prints (titles, transcripts, diagnostics quoting a file, error messages, argparse's
    complaints) shows control characters instead of obeying them, without each
    ``print`` having to remember.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


@contextmanager
def visible_streams() -> Iterator[None]:
    """stdout and stderr made :class:`VisibleStream` for the duration (once, not nested)."""
    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, VisibleStream):
        sys.stdout = cast(TextIO, VisibleStream(sys.stdout))
    if not isinstance(sys.stderr, VisibleStream):
        sys.stderr = cast(TextIO, VisibleStream(sys.stderr))
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, VisibleStream):
                stream.flush()
        sys.stdout, sys.stderr = saved


def visible_output(command: Callable[..., T]) -> Callable[..., T]:
    """Run ``command`` with :func:`visible_streams` (the CLI's entry point uses it)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> T:
        with visible_streams():
            return command(*args, **kwargs)

    return run


def emit_json(data: Any) -> None:
    """Write ``data`` as indented JSON to stdout (unsafe characters as ``\\u`` escapes)."""
    sys.stdout.write(json_visible(json.dumps(data, indent=2, ensure_ascii=False, default=str)))
    sys.stdout.write("\n")


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """One ``file:line:col: CODE message`` line each, on stderr."""
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def print_companions(notes: list[str]) -> None:
    """Say which files beside the given ones were used (on stderr, so JSON stays clean)."""
    for note in notes:
        print(f"peersim: {note}", file=sys.stderr)
