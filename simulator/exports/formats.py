"""Every export format, by name: its writer, file suffix, what it holds and its options.

Why one registry: the command line's ``--format`` choices, its help and its dispatch,
and which options go with which format, are all read from :data:`FORMATS`, so a format
is added (or its rules changed) in one place. Light to import (the parser, which is on
the app's start path, reads it): each writer imports its module only when it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.exports.tables import Gradebook, StoryText
    from simulator.exports.xapi import Place
    from simulator.records.cohorts import Roster
    from simulator.records.sql_store import SqlStore


@dataclass(frozen=True)
class Request:
    """One export to write: whose records, where, and what the chosen options add
    (``roster``, ``story_text`` and ``place`` only where the format takes them)."""

    store: SqlStore
    cohort_id: str
    target: Path
    book: Gradebook
    roster: Roster | None = None
    story_text: StoryText | None = None
    place: Place | None = None


Writer = Callable[[Request], int]


@dataclass(frozen=True)
class ExportFormat:
    """One export format. ``options``: the command-line options (by their argparse
    names) that only this format takes; ``story_text``: whether it may carry the words
    of shared story pieces (only when the trainer asks, with --include-story-text)."""

    name: str
    suffix: str
    holds: str
    write: Writer
    story_text: bool = False
    options: tuple[str, ...] = ()


def _csv_long(request: Request) -> int:
    from simulator.exports.tables import write_csv_long

    return write_csv_long(request.store, request.cohort_id, request.target, request.book)


def _csv_wide(request: Request) -> int:
    from simulator.exports.tables import write_csv_wide

    return write_csv_wide(request.store, request.cohort_id, request.target, request.roster,
                          request.book)


def _xlsx(request: Request) -> int:
    from simulator.exports.tables import write_xlsx

    return write_xlsx(request.store, request.cohort_id, request.target, request.roster,
                      request.book)


def _jsonl(request: Request) -> int:
    from simulator.exports.tables import write_jsonl

    return write_jsonl(request.store, request.cohort_id, request.target, request.story_text,
                       request.book)


def _xapi(request: Request) -> int:
    from simulator.exports.xapi import DEFAULT, write_statements

    return write_statements(request.store, request.cohort_id, request.target, request.book,
                            request.place or DEFAULT)


_ALL = (
    ExportFormat("csv", ".csv", "one row per trainee, session and criterion", _csv_long),
    ExportFormat("csv-wide", ".csv", "the gradebook: one row per trainee and session",
                 _csv_wide, options=("roster",)),
    ExportFormat("xlsx", ".xlsx", "both layouts as sheets of one Excel workbook", _xlsx,
                 options=("roster",)),
    ExportFormat("jsonl", ".jsonl", "one JSON object per session, with its choices, scores"
                 " and supervision", _jsonl, story_text=True,
                 options=("include_story_text",)),
    ExportFormat("xapi", ".json", "xAPI statements for a learning record store", _xapi,
                 options=("xapi_base", "xapi_home", "lrs", "lrs_user", "lrs_password")),
)

FORMATS: Mapping[str, ExportFormat] = MappingProxyType({f.name: f for f in _ALL})
"""Every export format, by its name on the command line."""


def formats_help() -> str:
    """One line per format for the command's help: name, what it holds, its suffix."""
    return "; ".join(f"{f.name}: {f.holds} ({f.suffix})" for f in FORMATS.values())


def formats_taking(option: str) -> tuple[str, ...]:
    """The formats that take ``option`` (its argparse name), in registry order."""
    return tuple(f.name for f in FORMATS.values() if option in f.options)
