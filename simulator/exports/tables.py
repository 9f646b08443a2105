"""CSV (long and wide), JSON Lines and Excel exports of a cohort's results."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.exports import review, signoffs
from simulator.exports.files import atomic_file, atomic_path, scratch_dir
from simulator.exports.names import NO_NAMES, Names
from simulator.exports.rows import (
    DATE_COLUMNS,
    LONG_COLUMNS,
    SessionRecord,
    long_rows,
    sessions,
    sessions_with_turns,
    verdict,
)
from simulator.exports.sanitise import cell, cells
from simulator.records.cohorts import Roster, get_cohort
from simulator.records.selection import ALL, Selection
from simulator.records.sql_store import SqlStore

# (deck id, fragment id) -> the piece's words: looked up in the session's own deck only
StoryText = Callable[[str | None, str], str | None]


@dataclass(frozen=True)
class Gradebook:
    """What an export covers (the selection) and what it calls things (the names)."""

    selection: Selection = ALL
    names: Names = NO_NAMES
    #: story titles and words no supervision entry in the export may quote
    story: tuple[str, ...] = ()


PLAIN = Gradebook()


def write_csv_long(store: SqlStore, cohort_id: str, target: Path,
                   book: Gradebook = PLAIN) -> int:
    """One row per trainee x session x criterion; returns the number of data rows."""
    count = 0
    with atomic_file(target) as handle:
        writer = csv.writer(handle)
        writer.writerow(cells(LONG_COLUMNS))
        for row in long_rows(store, cohort_id, book.selection, book.names):
            writer.writerow(cells(row))
            count += 1
    return count


def _better(record: SessionRecord, than: SessionRecord | None) -> bool:
    """A passed attempt beats any failed one, whatever its score (a gate-failed attempt
    can score above the pass mark); between equals, the higher score wins."""
    if than is None:
        return True
    return (record.passed, record.overall) > (than.passed, than.overall)


def wide_table(store: SqlStore, cohort_id: str, roster: Roster | None = None,
               book: Gradebook = PLAIN) -> tuple[list[str], list[list[object]]]:
    """One row per trainee: per scenario, the best attempt on a 0-100 scale and its
    verdict (pass or fail, safety gates included), for gradebooks."""
    cohort = get_cohort(store, cohort_id)
    best: dict[str, dict[str, SessionRecord]] = defaultdict(dict)
    passed: dict[str, int] = defaultdict(int)
    done: dict[str, int] = defaultdict(int)
    for record in sessions(store, cohort_id, book.selection):
        if _better(record, best[record.trainee_id].get(record.scenario_id)):
            best[record.trainee_id][record.scenario_id] = record
        done[record.trainee_id] += 1
        passed[record.trainee_id] += record.passed
    columns = ["trainee_id"]
    if roster is not None:
        columns += ["name", "email"]
    ordered = sorted({s for row in best.values() for s in row},
                     key=lambda s: (book.names.title(s).lower(), s))
    for scenario_id in ordered:
        title = book.names.title(scenario_id)
        label = title if title == scenario_id else f"{title} [{scenario_id}]"
        columns += [f"{label} best (0-100)", f"{label} result"]
    columns += ["sessions completed", "sessions passed"]
    rows: list[list[object]] = []
    for trainee in cohort.members:
        row: list[object] = [trainee]
        if roster is not None:
            name, email = roster.lookup(trainee) or ("", "")
            row += [name, email]
        for scenario_id in ordered:
            attempt = best[trainee].get(scenario_id)
            row += ["", ""] if attempt is None else [round(attempt.overall / 3 * 100, 1),
                                                     verdict(attempt.passed)]
        row += [done[trainee], passed[trainee]]
        rows.append(row)
    return columns, rows


def write_csv_wide(store: SqlStore, cohort_id: str, target: Path,
                   roster: Roster | None = None, book: Gradebook = PLAIN) -> int:
    """The gradebook layout as CSV."""
    columns, rows = wide_table(store, cohort_id, roster, book)
    with atomic_file(target) as handle:
        writer = csv.writer(handle)
        writer.writerow(cells(columns))
        for row in rows:
            writer.writerow(cells(row))
    return len(rows)


def write_jsonl(store: SqlStore, cohort_id: str, target: Path,
                story_text: StoryText | None = None, book: Gradebook = PLAIN) -> int:
    """One JSON object per completed session, with its choices, scores and supervision
    entries (``review``: the comments, replies, flags, prompts, answers and proposed lines
    on it)."""
    from simulator.exports.jsonl import session_line

    count = 0
    notes = review.by_session(store, cohort_id, book.story)
    signed = signoffs.by_session(store, cohort_id, book.story)
    line = session_line(cohort_id, book.names, story_text)
    with atomic_file(target) as handle:
        for record, recorded in sessions_with_turns(store, cohort_id, book.selection):
            handle.write(line(record, [turn for turn, _at in recorded],
                              notes.get(record.session_id, []),
                              signoffs.jsonl_keys(signed.get(record.session_id, []))))
            count += 1
    return count


_LONG_WIDTHS = {"trainee_id": 16, "cohort_id": 14, "session_id": 38, "scenario_id": 20,
                "scenario_title": 32, "started_at": 18, "completed_at": 18, "criterion": 14,
                "criterion_name": 28}


def _moment(value: object) -> datetime | None:
    """An ISO 8601 UTC stamp as a naive datetime (Excel has no time zones), or None."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _sheet_row(sheet: Any, row: int, values: list[object], dated: set[int],
               date_format: Any) -> None:
    """One row: stamps in ``dated`` columns as real dates, the rest neutralised."""
    for col, value in enumerate(values):
        moment = _moment(value) if col in dated else None
        if moment is not None:
            sheet.write_datetime(row, col, moment, date_format)
        else:
            sheet.write(row, col, cell(value))


def write_xlsx(store: SqlStore, cohort_id: str, target: Path,
               roster: Roster | None = None, book: Gradebook = PLAIN) -> int:
    """Both layouts as sheets of one workbook (streamed, constant memory): a bold header
    row that stays in view, a filter on every column, widths that fit, and dates Excel
    can sort and filter as dates (UTC)."""
    import xlsxwriter

    count = 0

    def fill(path: Path) -> None:
        nonlocal count
        # closed by ``with`` even on failure: its streamed sheets hold temporary files,
        # kept in a private folder beside the target (swept if a kill leaves it)
        with scratch_dir(target) as scratch, \
                xlsxwriter.Workbook(str(path), {"constant_memory": True, "tmpdir": str(scratch),
                                                "strings_to_formulas": False,
                                                "strings_to_urls": False}) as workbook:
            bold = workbook.add_format({"bold": True})
            when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
            sheet = workbook.add_worksheet("scores (long)")
            for col, name in enumerate(LONG_COLUMNS):
                sheet.set_column(col, col, _LONG_WIDTHS.get(name, max(9, len(name) + 2)))
            sheet.write_row(0, 0, cells(LONG_COLUMNS), bold)
            sheet.freeze_panes(1, 0)
            dated = {LONG_COLUMNS.index(c) for c in DATE_COLUMNS}
            for count, row in enumerate(long_rows(store, cohort_id, book.selection,
                                                  book.names), start=1):
                _sheet_row(sheet, count, row, dated, when)
            sheet.autofilter(0, 0, max(count, 1), len(LONG_COLUMNS) - 1)
            columns, rows = wide_table(store, cohort_id, roster, book)
            wide = workbook.add_worksheet("gradebook (wide)")
            for col, name in enumerate(columns):
                longest = max([len(name), *(len(str(r[col])) for r in rows)])
                wide.set_column(col, col, min(50, max(8, longest + 2)))
            wide.write_row(0, 0, cells(columns), bold)
            wide.freeze_panes(1, 1)
            for i, row in enumerate(rows, start=1):
                _sheet_row(wide, i, row, set(), when)
            wide.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
            signed = workbook.add_worksheet("sign-offs")
            signed.write_row(0, 0, cells(signoffs.SHEET_COLUMNS), bold)
            signed.freeze_panes(1, 0)
            found = signoffs.sheet_rows(store, cohort_id, book.story)
            dated = {signoffs.SHEET_COLUMNS.index("created_at")}
            for i, row in enumerate(found, start=1):
                _sheet_row(signed, i, row, dated, when)
            signed.autofilter(0, 0, max(len(found), 1), len(signoffs.SHEET_COLUMNS) - 1)

    atomic_path(target, fill)
    return count
