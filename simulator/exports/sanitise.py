"""The one sanitiser for everything peersim writes out: spreadsheet cells and headers
(CSV, Excel), the HTML report, JSON Lines and one-line messages.

Why one place: a title, a name or a comment written by anyone can end up in a header,
a cell, a report or a message, and each output was once guarded differently, so each
had a gap (a formula in a CSV header, raw escape bytes in an Excel header, bidi
overrides in a CSV cell). Every writer now goes through these functions, built on one
set of unsafe characters, :data:`simulator.safetext.UNSAFE`:

- C0 controls (except tab and newline), DEL and the C1 controls (U+0080 to U+009F):
  in a terminal that shows the file they are commands (retitle, rewrite, clipboard);
- bidirectional overrides, isolates and marks: they make text display in another
  order than it is stored, so a reader sees something other than what is there.

In cells, headers, the report and messages they become visible text (``\\x1b``,
``\\u202e``); in JSON they become ``\\u`` escapes, so the data read back is unchanged.
A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from html import escape

from simulator.safetext import UNSAFE, json_visible

_FORMULA_STARTS = ("=", "+", "-", "@")


def _written(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` with every unsafe character written as visible text (``\\x1b``);
    tabs and newlines kept."""
    return UNSAFE.sub(_written, text)


def _invisible(char: str) -> bool:
    """Blank or invisible: whitespace, controls, and format characters (zero-width
    space, joiners, bidi marks, the byte-order mark) a spreadsheet skips before ``=``."""
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def cell(value: object) -> object:
    """A value made safe for a spreadsheet cell or header (numbers pass unchanged).

    A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first, even
    behind spaces, tabs, newlines or invisible characters; or starting with a tab or a
    carriage return) gets a leading apostrophe; unsafe characters are written as
    visible text, so no raw control byte or bidi override reaches the file.
    """
    if not isinstance(value, str):
        return value
    if value.isprintable() and not value.startswith(" "):  # the common case, checked in C
        return "'" + value if value.startswith(_FORMULA_STARTS) else value
    text = shown(value)
    start = 0
    while start < len(value) and _invisible(value[start]):
        start += 1
    if value[start:].startswith(_FORMULA_STARTS) or value.startswith(("\t", "\r")):
        return "'" + text
    return text


def cells(values: Sequence[object]) -> list[object]:
    """A whole row (or header) through :func:`cell`."""
    return [cell(v) for v in values]


def markup(text: object) -> str:
    """Text for the HTML report: unsafe characters made visible, then HTML-escaped."""
    return escape(shown(str(text)))


#: built once (``json.dumps`` with options builds an encoder per call); no circular
#: check: what is written is plain data the exports built, never self-referring
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False)


def json_line(data: object) -> str:
    """One JSON Lines record: readable UTF-8, with every unsafe character escaped."""
    return json_visible(_JSON.encode(data)) + "\n"


def plain_line(text: str) -> str:
    """Text for a one-line message: unsafe characters visible, lines joined."""
    return " ".join(shown(text).split())
