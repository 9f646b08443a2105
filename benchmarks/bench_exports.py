"""Export benchmarks: time and peak memory for each format at 10k, 100k and 1M choices.

Run: ``python -m benchmarks.bench_exports [--sizes 10000 100000 1000000]``. Records are
generated straight into a SQLite store (sessions of 10 choices, 7 criteria each). The
baseline is ``csv.writer`` writing the same number of long rows from a list already in
memory, measured in the same run. Peak memory is Python's (tracemalloc) during the
export alone. Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from simulator.engine import record
from simulator.engine.session import Position, Turn
from simulator.exports import tables, xapi
from simulator.model.plan import Step
from simulator.records.cohorts import add_members, create_cohort
from simulator.records.sqlite_store import SqliteStore
from simulator.scoring.results import CriterionResult, SessionResult
from simulator.scoring.types import CriterionScore, TurnScore
from simulator.wording import Message

CRITERIA = ["selectivity", "focus", "acceptance", "hope", "harm", "mutuality", "listening"]
TURNS_PER_SESSION = 10


def populate(store: SqliteStore, choices: int) -> None:
    """Fill the store with ``choices`` recorded choices in completed sessions."""
    create_cohort(store, "bench", "Benchmark cohort")
    trainees = add_members(store, "bench", count=50)
    result = record.dumps(SessionResult(
        tuple(CriterionResult(c, c, 2.0, 10, 1.5, True, "met") for c in CRITERIA), 2.0, 2.0,
        True, (), TURNS_PER_SESSION))
    scores = tuple(CriterionScore(c, 2, 2.0, Message("legacy.text", {"text": "a reason"}),
                                  "author") for c in CRITERIA[:4])
    turn = Turn(0, "b0", Step(line="warm"), TurnScore(scores, "strong", 2.5, kind="line"),
                "next", {})
    sessions = choices // TURNS_PER_SESSION
    position = record.dumps(Position("end", {}, {}))
    with store.write():
        for s in range(sessions):
            sid = f"s{s}"
            # straight to the SQLite connection (the store's own execute takes names)
            store.db.execute("INSERT INTO sessions (id, trainee_id, scenario_id, scenario_version,"
                          " content_hash, rubric_id, deck_id, mode, started_at, completed_at,"
                          " state_json, turns, overall, passed, result_json) VALUES"
                          " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                          (sid, trainees[s % len(trainees)], f"scenario-{s % 10}", 1, "h",
                           "core", "robin", "assessment", "2027-01-01T10:00:00Z",
                           "2027-01-01T10:20:00Z", position, TURNS_PER_SESSION, 2.0, 1,
                           result))
            store.db.executemany(
                "INSERT INTO turns (session_id, idx, recorded_at, turn_json) VALUES (?,?,?,?)",
                [(sid, i, "2027-01-01T10:01:00Z",
                  record.dumps(replace(turn, index=i, beat=f"b{i}")))
                 for i in range(TURNS_PER_SESSION)])


def measure(fn: Callable[[], object]) -> dict[str, float]:
    """Seconds of an untraced run, then peak MiB of a traced one (tracing slows it)."""
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {"seconds": round(elapsed, 3), "peak_mib": round(peak, 2)}


def run_size(size: int, folder: Path) -> dict[str, object]:
    """Every format for one size."""
    store = SqliteStore(folder / "r.sqlite3")
    populate(store, size)
    rows = [["t", "bench", "s", "scenario", 1, "assessment", "2027-01-01T10:00:00Z",
             "2027-01-01T10:20:00Z", c, 2.0, 0, 3, 0.6667, True]
            for _ in range(size // TURNS_PER_SESSION) for c in [*CRITERIA, "overall"]]

    def baseline() -> None:
        with open(folder / "base.csv", "w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)

    figures: dict[str, object] = {"baseline: csv.writer from memory": measure(baseline)}
    jobs: dict[str, Callable[[], object]] = {
        "csv": lambda: tables.write_csv_long(store, "bench", folder / "a.csv"),
        "csv-wide": lambda: tables.write_csv_wide(store, "bench", folder / "w.csv"),
        "jsonl": lambda: tables.write_jsonl(store, "bench", folder / "a.jsonl"),
        "xlsx": lambda: tables.write_xlsx(store, "bench", folder / "a.xlsx"),
        "xapi": lambda: xapi.write_statements(store, "bench", folder / "a.json"),
    }
    for name, job in jobs.items():
        figures[name] = measure(job)
    store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    report: dict[str, object] = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            report[f"{size} choices"] = run_size(size, Path(tmp))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
