"""The records store: durable, private, resumable, safe under several processes.

Unmarked tests run on SQLite and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

import json
import os
import queue
import signal
import stat
import subprocess
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records import DB_NAME, open_store
from simulator.records.migrations import MIGRATIONS
from simulator.records.sql_store import SqlStore, StoreError
from simulator.records.sqlite_store import SqliteStore

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture
def engine(shipped: Library) -> Engine:
    return Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"),
                  label=shipped.theme_label)


@pytest.mark.sqlite_only
def test_files_are_private(store: SqlStore) -> None:
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700


@pytest.mark.sqlite_only
def test_every_connection_is_wal_and_fully_synchronous(store: SqlStore) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.schema_version() == len(MIGRATIONS)


@pytest.mark.sqlite_only
def test_newer_schema_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    SqliteStore(path).db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer peersim"):
        SqliteStore(path)


def test_trainee_ids_are_random_and_opaque(store: SqlStore) -> None:
    a, b = store.ensure_trainee(), store.ensure_trainee()
    assert a != b and a.startswith("t-") and len(a) == 14
    assert store.ensure_trainee("t-fixed") == "t-fixed"


def test_each_choice_is_committed_and_resumable(store: SqlStore, engine: Engine,
                                                tmp_path: Path) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-one", mode="practice", session_id="s1")
    service.choose(practice, Step(line="exhausting"))
    # another connection (another process) sees the committed choice at once
    other = open_store()
    assert [(t.beat, t.score.band) for t in other.turns("s1")] == [("loud-again", "strong")]
    other.close()
    [pending] = store.unfinished("t-one")
    assert (pending.session_id, pending.turns, pending.completed_at) == ("s1", 1, None)
    resumed = engine.restore(store.load_state("s1"))
    assert resumed.state == "opening-up" and resumed.variables == {"trust": 1}


def test_finish_attempts_and_abandon(store: SqlStore, engine: Engine) -> None:
    service = PracticeService(store)
    plan = next(p for p in engine.scenario.tests if p.model)
    for sid in ("a", "b"):
        practice = service.start(engine, trainee_id="t-x", mode="assessment", session_id=sid)
        for step in plan.steps if sid == "a" else plan.steps[:1]:
            service.choose(practice, step)
        if sid == "a":
            service.finish(practice)
    assert [s.session_id for s in store.unfinished("t-x")] == ["b"]
    store.abandon_session("b")
    assert store.unfinished("t-x") == []
    [attempt] = store.attempts("t-x")
    assert (attempt.attempts, attempt.completed, attempt.ever_passed) == (2, 1, True)
    assert attempt.best_overall is not None and attempt.best_overall > 2.5
    assert [t.index for t in store.turns("a")] == [0, 1, 2, 3, 4]


def test_replayed_turn_replaces_the_later_ones(store: SqlStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-r", mode="practice", session_id="r")
    service.choose(practice, Step(line="doubt"))
    service.choose(practice, Step(line="i-believe-you"))
    service.try_again(practice, 1)  # "try another way" at the second beat
    service.choose(practice, Step(line="just-doing-my-job"))
    assert [t.step.line for t in store.turns("r")] == ["doubt", "just-doing-my-job"]


@pytest.mark.sqlite_only
def test_no_story_text_is_stored(store: SqlStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-p", mode="practice", session_id="p")
    service.choose(practice, Step(share=ShareStep(fragments=["the-restraint"])))
    dump = "\n".join(store.db.iterdump())
    assert "the-restraint" in dump  # the fragment id is recorded
    assert "held down by four people" not in dump  # its words are not


@pytest.mark.sqlite_only
def test_open_store_uses_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(tmp_path / "dd"))
    store = open_store()
    assert isinstance(store, SqliteStore) and store.path == tmp_path / "dd" / DB_NAME
    with pytest.raises(StoreError, match="unsupported records database URL 'mysql://x'"):
        open_store("mysql://x")


WRITER = """
import sys
import threading
from simulator.loading.library import load_library
from simulator.engine.engine import Engine
from simulator.practice import PracticeService
from simulator.model.plan import Step
from simulator.practice import PracticeService
from simulator.records.sqlite_store import SqliteStore
lib, _ = load_library([])
store = SqliteStore(__import__('pathlib').Path(sys.argv[1]))
engine = Engine(lib.scenario('loud-again'), lib.rubric('core'), lib.deck('robin'))
service = PracticeService(store)
n = 0
while True:
    p = service.start(engine, trainee_id='t-' + sys.argv[2], mode='practice',
                      session_id=f'{sys.argv[2]}-{n}')
    service.choose(p, Step(line='doubt'))
    print(n, flush=True)
    n += 1
"""


def acknowledged_up_to(proc: subprocess.Popen[str], wanted: int, seconds: float = 60) -> int:
    """The last number a writer printed once it reaches ``wanted``. Lines are read on a
    thread so a writer that hangs or dies fails the test at the deadline, not never."""
    lines: queue.Queue[str] = queue.Queue()
    assert proc.stdout is not None
    stdout = proc.stdout

    def pump() -> None:
        with suppress(ValueError, OSError):  # the pipe closed under us: nothing more
            for line in stdout:
                lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + seconds
    last = -1
    while last < wanted:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            pytest.fail(f"the writer acknowledged only up to {last} in {seconds:g} s")
        last = int(line)
    return last


@pytest.mark.sqlite_only
@pytest.mark.parametrize("writer", ["import time; time.sleep(600)", "print(1)"])
def test_a_writer_that_hangs_or_dies_fails_at_the_deadline(writer: str) -> None:
    proc = subprocess.Popen([sys.executable, "-c", writer], stdout=subprocess.PIPE, text=True)
    try:
        with pytest.raises(pytest.fail.Exception, match="acknowledged only up to"):
            acknowledged_up_to(proc, 5, seconds=2)
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


@pytest.mark.sqlite_only
def test_sigkill_mid_recording_loses_no_committed_choice(tmp_path: Path) -> None:
    db = tmp_path / "kill.sqlite3"
    SqliteStore(db).close()
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "k"], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        acknowledged = acknowledged_up_to(proc, 30)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    store = SqliteStore(db)
    assert store.integrity() == "ok"
    recorded = {row[0] for row in store.db.execute("SELECT session_id FROM turns")}
    # every choice the writer reported as made (it prints after the commit) is there
    assert {f"k-{n}" for n in range(acknowledged + 1)} <= recorded


@pytest.mark.sqlite_only
def test_two_processes_record_at_once(tmp_path: Path) -> None:
    db = tmp_path / "two.sqlite3"
    SqliteStore(db).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), name], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True) for name in ("a", "b")]
    try:
        for proc in procs:
            acknowledged_up_to(proc, 20)
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
    store = SqliteStore(db)
    per = dict(store.db.execute("SELECT trainee_id, COUNT(*) FROM sessions GROUP BY trainee_id")
               .fetchall())
    assert per["t-a"] >= 21 and per["t-b"] >= 21 and store.integrity() == "ok"
    assert json.loads(store.db.execute("SELECT turn_json FROM turns LIMIT 1").fetchone()[0]
                      )["step"]["line"] == "doubt"
