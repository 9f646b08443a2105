"""Writing export files safely: atomic, private, and safe to open in a spreadsheet."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from simulator.paths import private_dir

_FORMULA_STARTS = ("=", "+", "-", "@")


class OutputError(RuntimeError):
    """An output file cannot be written; the message names it and says why."""


def _invisible(char: str) -> bool:
    """Blank or invisible: whitespace, controls, and format characters (zero-width
    space, joiners, bidi marks, the byte-order mark) a spreadsheet skips before ``=``."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def _shown(char: str) -> str:
    """A control character as visible text (``\\x1b``); any other as itself."""
    if unicodedata.category(char) == "Cc" and char not in "\n\t":
        return f"\\x{ord(char):02x}"
    return char


def neutralise(value: object) -> object:
    """Text made safe for a spreadsheet cell.

    A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first, even
    behind spaces, tabs, newlines or invisible characters) gets a leading apostrophe;
    control characters (escape sequences, bells, carriage returns) are written as
    visible ``\\xNN`` text, so no raw control byte reaches the file.
    """
    if not isinstance(value, str):
        return value
    if value.isprintable() and not value.startswith(" "):  # the common case, checked in C
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    text = "".join(map(_shown, value)) if any(map(_invisible, value)) else value
    start = 0
    while start < len(value) and _invisible(value[start]):
        start += 1
    if value[start:].startswith(_FORMULA_STARTS) or value.startswith(("\t", "\r")):
        return "'" + text
    return text


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {exc.strerror or exc}")


def check_target(target: Path) -> None:
    """Refuse, before any work, a target that is a folder or whose folder cannot be made."""
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder; give a file name")
    try:
        private_dir(target.parent)  # folders it makes are 0700, whatever the umask
    except OSError as exc:
        raise OutputError(f"cannot write {target}: its folder {target.parent} cannot be made"
                          f" ({exc.strerror or exc})") from exc


@contextmanager
def _staged(target: Path) -> Iterator[tuple[int, Path]]:
    """An open temporary file beside ``target`` (0600), renamed onto it on success and
    removed on any failure; an OSError becomes an :class:`OutputError` naming ``target``."""
    check_target(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        os.chmod(tmp, 0o600)
        yield fd, Path(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from exc
        raise


@contextmanager
def atomic_file(target: Path, mode: str = "w") -> Iterator[IO[str]]:
    """A file that appears at ``target`` (0600) only once fully written and synced."""
    with _staged(target) as (fd, _tmp), \
            os.fdopen(fd, mode, encoding="utf-8", newline="") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def atomic_path(target: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary path, then move it into place (0600)."""
    with _staged(target) as (fd, tmp):
        os.close(fd)
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
