"""Supervision entries as files: every comment of a cohort (csv, jsonl), and the lines
trainees proposed, for the scenario's author.

Entries hold reviewers' and trainees' own words about a conversation, never the story
pieces shared in it (the records refuse a comment that quotes one), so nothing here
needs the story-text switch the score exports have.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

from simulator.exports.files import atomic_file, neutralise

COLUMNS = ("trainee_id", "session_id", "scenario_id", "turn", "beat", "kind", "criterion",
           "author", "role", "body", "id", "parent_id", "created_at")
PROPOSAL_COLUMNS = ("scenario_id", "beat", "turn", "body", "trainee_id", "session_id",
                    "created_at")


def _cell(name: str, value: object) -> object:
    if name == "turn" and isinstance(value, int):
        return value + 1  # people count turns from 1
    return "" if value is None else neutralise(value)


def write_entries(rows: Sequence[dict[str, object]], target: Path,
                  columns: Sequence[str] = COLUMNS) -> int:
    """Write ``rows`` as CSV (a ``.csv`` target) or JSON Lines (anything else)."""
    with atomic_file(target) as handle:
        if target.suffix.lower() == ".csv":
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                writer.writerow([_cell(c, row.get(c)) for c in columns])
        else:
            for row in rows:
                data = {c: row.get(c) for c in columns}
                if isinstance(data.get("turn"), int):
                    data["turn"] = int(str(data["turn"])) + 1
                handle.write(json.dumps(data, ensure_ascii=False) + "\n")
    return len(rows)


def proposals(rows: Sequence[dict[str, object]], scenario_id: str | None = None
              ) -> list[dict[str, object]]:
    """The proposed lines among ``rows`` (of one scenario, if given), by scenario and beat."""
    found = [r for r in rows if r.get("kind") == "proposal"
             and (scenario_id is None or r.get("scenario_id") == scenario_id)]
    return sorted(found, key=lambda r: (str(r["scenario_id"]), str(r["beat"]),
                                        str(r["created_at"])))
