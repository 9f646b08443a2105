"""Recording benchmark: the cost of recording choice 1 and choice 500 of one session, on
SQLite and on PostgreSQL.

Run: ``python -m benchmarks.bench_records [--repeats 30] [--at 1 500]``. For each
position N, ``repeats`` sessions are prepared holding N-1 turns (one ``begin_session``
each, not timed); then the N-th choice of each is recorded with ``record_turn`` and
timed. The baseline is choice 1, measured in the same run on the same database: the
goal is choice 500 within 1.5x of it (recording must not grow with the session).
PostgreSQL is a throwaway server started like the tests' (``tests/records/pgserver.py``;
``fsync=off``), or ``PEERSIM_TEST_POSTGRES_URL``. Nothing asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from simulator.engine import record
from simulator.engine.engine import Engine
from simulator.engine.session import Session, Turn
from simulator.loading.library import load_library
from simulator.model.plan import Step
from simulator.records.pg_store import PgStore
from simulator.records.sql_store import SqlStore
from simulator.records.sqlite_store import SqliteStore


def sample_turn() -> tuple[Engine, Turn]:
    """One real scored turn of a shipped scenario, to copy at every index."""
    library, _ = load_library([])
    engine = Engine(library.scenario("loud-again"), library.rubric("core"),
                    library.deck("robin"))
    session = engine.start()
    return engine, engine.decide(session, Step(line="exhausting"))


def time_choice(store: SqlStore, engine: Engine, turn: Turn, at: int, repeats: int,
                tag: str) -> list[float]:
    """Seconds to record choice ``at`` of ``repeats`` sessions that hold ``at - 1`` turns."""
    seconds = []
    for n in range(repeats):
        session: Session = engine.start(f"{tag}-{at}-{n}")
        before = [replace(turn, index=i) for i in range(at - 1)]
        session.transcript = before
        store.begin_session(session, trainee_id="t-bench", turns=before)
        new = replace(turn, index=at - 1)
        after = session.after(new)
        start = time.perf_counter()
        store.record_turn(after, new)
        seconds.append(time.perf_counter() - start)
    return seconds


def time_whole_state(store: SqlStore, engine: Engine, turn: Turn, at: int, repeats: int,
                     tag: str) -> list[float]:
    """For comparison: what the schema-2 store also did at every choice, rewriting the
    whole saved session (the transcript) into the session row."""
    seconds = []
    for n in range(repeats):
        session: Session = engine.start(f"{tag}-{at}-{n}")
        store.begin_session(session, trainee_id="t-bench")
        session.transcript = [replace(turn, index=i) for i in range(at)]
        start = time.perf_counter()
        with store.write():
            store.execute("UPDATE sessions SET state_json = :state WHERE id = :id",
                          {"state": record.dumps(session), "id": session.session_id})
        seconds.append(time.perf_counter() - start)
    return seconds


def measure(store: SqlStore, positions: list[int], repeats: int) -> dict[str, Any]:
    """Median milliseconds per position and each one's ratio to the first (the baseline);
    then the same for the old whole-state rewrite, for comparison."""
    engine, turn = sample_turn()
    time_choice(store, engine, turn, 1, 3, "warm")  # first statements prepared, caches warm
    report: dict[str, Any] = {}
    for name, timer in (("record_turn", time_choice),
                        ("schema 2's whole-state rewrite alone", time_whole_state)):
        medians = {at: statistics.median(timer(store, engine, turn, at, repeats, name[:6]))
                   for at in positions}
        base = medians[positions[0]]
        report[name] = {f"choice {at}": {"median_ms": round(m * 1000, 3),
                                         "ratio": round(m / base, 2)}
                        for at, m in medians.items()}
    return report


def postgres() -> tuple[str, Any]:
    """A database URL on a throwaway server (and the server, to stop), or a given one."""
    from tests.records import pgserver

    given = os.environ.get("PEERSIM_TEST_POSTGRES_URL")
    cluster = None if given else pgserver.Cluster()
    admin = given or (cluster.admin_url if cluster else "")
    return pgserver.fresh_database(admin), cluster


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--at", type=int, nargs="+", default=[1, 500])
    args = parser.parse_args()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp) / "bench.sqlite3")
        report["sqlite"] = measure(store, args.at, args.repeats)
        store.close()
    url, cluster = postgres()
    try:
        pg = PgStore(url)
        report["postgresql"] = measure(pg, args.at, args.repeats)
        pg.close()
    finally:
        if cluster is not None:
            cluster.stop()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
