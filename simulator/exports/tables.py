"""CSV (long and wide), JSON Lines and Excel exports of a cohort's results."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from simulator.exports import review
from simulator.exports.files import atomic_file, atomic_path, neutralise
from simulator.exports.rows import LONG_COLUMNS, long_rows, sessions, sessions_with_turns
from simulator.records.cohorts import Roster, get_cohort
from simulator.records.sql_store import SqlStore
from simulator.wording import redact

# (deck id, fragment id) -> the piece's words: looked up in the session's own deck only
StoryText = Callable[[str | None, str], str | None]


def write_csv_long(store: SqlStore, cohort_id: str, target: Path) -> int:
    """One row per trainee x session x criterion; returns the number of data rows."""
    count = 0
    with atomic_file(target) as handle:
        writer = csv.writer(handle)
        writer.writerow(LONG_COLUMNS)
        for row in long_rows(store, cohort_id):
            writer.writerow([neutralise(v) for v in row])
            count += 1
    return count


def wide_table(store: SqlStore, cohort_id: str,
               roster: Roster | None = None) -> tuple[list[str], list[list[object]]]:
    """One row per trainee: best result per scenario on a 0-100 scale, for gradebooks."""
    cohort = get_cohort(store, cohort_id)
    best: dict[str, dict[str, float]] = defaultdict(dict)
    passed: dict[str, int] = defaultdict(int)
    done: dict[str, int] = defaultdict(int)
    scenarios: set[str] = set()
    for record in sessions(store, cohort_id):
        scenarios.add(record.scenario_id)
        score = round(record.overall / 3 * 100, 1)
        previous = best[record.trainee_id].get(record.scenario_id, -1.0)
        best[record.trainee_id][record.scenario_id] = max(previous, score)
        done[record.trainee_id] += 1
        passed[record.trainee_id] += record.passed
    columns = ["trainee_id"]
    if roster is not None:
        columns += ["name", "email"]
    ordered = sorted(scenarios)
    columns += [f"{s} (best, 0-100)" for s in ordered] + ["sessions completed", "sessions passed"]
    rows: list[list[object]] = []
    for trainee in cohort.members:
        row: list[object] = [trainee]
        if roster is not None:
            name, email = roster.lookup(trainee) or ("", "")
            row += [name, email]
        row += [best[trainee].get(s, "") for s in ordered]
        row += [done[trainee], passed[trainee]]
        rows.append(row)
    return columns, rows


def write_csv_wide(store: SqlStore, cohort_id: str, target: Path,
                   roster: Roster | None = None) -> int:
    """The gradebook layout as CSV."""
    columns, rows = wide_table(store, cohort_id, roster)
    with atomic_file(target) as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralise(v) for v in row])
    return len(rows)


def write_jsonl(store: SqlStore, cohort_id: str, target: Path,
                story_text: StoryText | None = None) -> int:
    """One JSON object per completed session, with its choices, scores and supervision
    entries (``review``: the comments, replies, flags, prompts, answers and proposed lines
    on it)."""
    count = 0
    notes = review.by_session(store, cohort_id)
    with atomic_file(target) as handle:
        for record, recorded in sessions_with_turns(store, cohort_id):
            choices = []
            for turn, _at in recorded:
                entry: dict[str, Any] = {
                    "index": turn.index, "beat": turn.beat,
                    "step": turn.step.model_dump(mode="json", exclude_none=True),
                    "band": turn.score.band,
                    "scores": [{"criterion": s.criterion, "level": s.level,
                                "reason": redact(s.reason)} for s in turn.score.scores],
                    "events": list(turn.score.events)}
                shared = turn.step.share.fragments if turn.step.share is not None else []
                if story_text is not None and shared:
                    entry["story_text"] = {fid: story_text(record.deck_id, fid)
                                           for fid in shared}
                choices.append(entry)
            handle.write(json.dumps({
                "trainee_id": record.trainee_id, "cohort_id": cohort_id,
                "session_id": record.session_id, "scenario_id": record.scenario_id,
                "scenario_version": record.scenario_version, "mode": record.mode,
                "started_at": record.started_at, "completed_at": record.completed_at,
                "overall": record.overall, "passed": record.passed,
                "criteria": record.result["criteria"], "gates": record.result["gates"],
                "choices": choices, "review": notes.get(record.session_id, []),
            }, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_xlsx(store: SqlStore, cohort_id: str, target: Path,
               roster: Roster | None = None) -> int:
    """Both layouts as sheets of one workbook (streamed, constant memory)."""
    import xlsxwriter

    count = 0

    def fill(path: Path) -> None:
        nonlocal count
        # closed by ``with`` even on failure: its streamed sheets hold temporary files
        with xlsxwriter.Workbook(str(path), {"constant_memory": True,
                                             "strings_to_formulas": False,
                                             "strings_to_urls": False}) as book:
            sheet = book.add_worksheet("scores (long)")
            sheet.write_row(0, 0, LONG_COLUMNS)
            for count, row in enumerate(long_rows(store, cohort_id), start=1):
                sheet.write_row(count, 0, [neutralise(v) for v in row])
            columns, rows = wide_table(store, cohort_id, roster)
            wide = book.add_worksheet("gradebook (wide)")
            wide.write_row(0, 0, columns)
            for i, row in enumerate(rows, start=1):
                wide.write_row(i, 0, [neutralise(v) for v in row])

    atomic_path(target, fill)
    return count
