"""Time to check and import a records file against its number of sessions.

Run: ``python -m benchmarks.bench_import [--sessions 1000 4000 16000] [--runs 3]``. One
genuine session (the shipped ``loud-again``, played to its end) is copied under new ids
into files of each size; each file is checked (``read_export``) and imported into an
empty SQLite store. Reported: bytes, median and worst seconds, and how time grew from
the smallest file to the largest against how the size grew (about 1.0 means linear).
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from simulator.engine.engine import Engine
from simulator.loading.library import load_library
from simulator.practice import PracticeService
from simulator.records.sqlite_store import SqliteStore
from simulator.records.transfer import _digest, export_mine, import_records, read_export

TRAINEE = "t-0123456789ab"


def one_session(folder: Path) -> dict[str, Any]:
    library, _problems = load_library([])
    engine = Engine(library.scenario("loud-again"), library.rubric("core"),
                    library.deck("robin"))
    store = SqliteStore(folder / "trainee.sqlite3")
    service = PracticeService(store)
    practice = service.start(engine, trainee_id=TRAINEE, mode="assessment", session_id="s-0")
    for step in next(p for p in engine.scenario.tests if p.model).steps:
        service.choose(practice, step)
    service.finish(practice)
    export_mine(store, TRAINEE, folder / "one.json")
    store.close()
    payload: dict[str, Any] = json.loads((folder / "one.json").read_text())["payload"]
    return payload


def file_of(payload: dict[str, Any], count: int, path: Path) -> int:
    session, turns = payload["sessions"][0], payload["turns"]
    many = {**payload, "sessions": [{**session, "id": f"s-{n}"} for n in range(count)],
            "turns": [{**t, "session_id": f"s-{n}"} for n in range(count) for t in turns]}
    path.write_text(json.dumps({"payload": many, "sha256": _digest(many)}))
    return path.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        payload = one_session(folder)
        print("| sessions | bytes | check (median) | check + import (median) | worst |")
        print("| --- | --- | --- | --- | --- |")
        for count in args.sessions:
            path = folder / f"{count}.json"
            size = file_of(payload, count, path)
            checks, imports = [], []
            for run in range(args.runs):
                start = time.perf_counter()
                read_export(path)
                checks.append(time.perf_counter() - start)
                store = SqliteStore(folder / f"trainer-{count}-{run}.sqlite3")
                start = time.perf_counter()
                import_records(store, [path])
                imports.append(time.perf_counter() - start)
                store.close()
            rows.append((count, size, statistics.median(imports)))
            print(f"| {count:,} | {size:,} | {statistics.median(checks):.2f} s |"
                  f" {statistics.median(imports):.2f} s | {max(imports):.2f} s |", flush=True)
    (_first, first_size, first_time), (_last, last_size, last_time) = rows[0], rows[-1]
    print(f"\ntime growth / size growth: {(last_time / first_time) / (last_size / first_size):.2f}")


if __name__ == "__main__":
    main()
