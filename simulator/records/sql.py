"""The one SQL style of the records package: statements written once, with named
placeholders (``:trainee_id``), run with a mapping of parameters, and rendered for the
driver here.

Why one renderer and not a statement per database: most statements are the same SQL on
SQLite and PostgreSQL but for the placeholder, and writing each twice let the copies
drift (and ordered sessions differently). SQLite reads ``:name`` itself, so its text is
the statement as written; psycopg wants ``%(name)s`` and reads every other ``%`` as the
start of a placeholder, so every literal ``%`` is doubled. The scan below knows quoted
strings and identifiers, dollar quotes, comments and ``::`` casts, so a ``:word`` inside
any of them is left alone. Only what truly differs between the databases (the
transaction start, a DDL type) is written per dialect, by the store classes and the
migrations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Literal

Dialect = Literal["sqlite", "postgresql"]
DIALECTS: tuple[Dialect, ...] = ("sqlite", "postgresql")
Params = Mapping[str, object]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOLLAR = re.compile(r"\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$")
_PLAIN = re.compile(r"[^'\"$:%/eE-]+|.", re.DOTALL)  # a run of text nothing special starts


def _quoted_end(text: str, start: int, quote: str, backslash: bool) -> int:
    """Where the literal opened at ``start`` ends (a doubled quote stays inside it; with
    ``backslash``, an E'' string, so does a backslash-escaped character)."""
    i = start + 1
    while i < len(text):
        if backslash and text[i] == "\\":
            i += 2
        elif text[i] == quote:
            if text.startswith(quote * 2, i):
                i += 2
            else:
                return i + 1
        else:
            i += 1
    return len(text)  # unterminated: the database will say so


def _comment_end(text: str, start: int) -> int:
    """Where a ``/* */`` comment opened at ``start`` ends (PostgreSQL nests them)."""
    depth, i = 0, start
    while i < len(text):
        if text.startswith("/*", i):
            depth, i = depth + 1, i + 2
        elif text.startswith("*/", i):
            depth, i = depth - 1, i + 2
            if depth == 0:
                return i
        else:
            i += 1
    return len(text)


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """``text`` as (kind, text) pieces: "param" (a ``:name``, given without its colon),
    "literal" (a quoted string or identifier, a dollar quote or a comment) or "code"."""
    i = 0
    while i < len(text):
        c = text[i]
        end = 0
        if c in "'\"":
            end = _quoted_end(text, i, c, False)
        elif c in "eE" and text.startswith("'", i + 1) and not _NAME.match(text[i - 1:i]):
            end = _quoted_end(text, i + 1, "'", True)
        elif text.startswith("--", i):
            newline = text.find("\n", i)
            end = len(text) if newline < 0 else newline
        elif text.startswith("/*", i):
            end = _comment_end(text, i)
        elif c == "$" and (tag := _DOLLAR.match(text, i)) and not _NAME.match(text[i - 1:i]):
            close = text.find(tag.group(), tag.end())
            end = len(text) if close < 0 else close + len(tag.group())
        if end:
            yield "literal", text[i:end]
            i = end
        elif text.startswith("::", i):
            yield "code", "::"
            i += 2
        elif c == ":" and (name := _NAME.match(text, i + 1)):
            yield "param", name.group()
            i = name.end()
        else:
            run = _PLAIN.match(text, i)
            assert run is not None  # "." matches any one character
            yield "code", run.group()
            i = run.end()


def names(text: str) -> tuple[str, ...]:
    """The parameters ``text`` names, each once, in order of first use."""
    return tuple(dict.fromkeys(t for kind, t in tokens(text) if kind == "param"))


@cache
def render(text: str, dialect: Dialect) -> str:
    """``text`` as ``dialect``'s driver takes it: unchanged for SQLite (it reads ``:name``
    itself); for psycopg, ``:name`` as ``%(name)s`` and every other ``%`` doubled."""
    if dialect == "sqlite":
        return text
    return "".join(f"%({piece})s" if kind == "param" else piece.replace("%", "%%")
                   for kind, piece in tokens(text))
