"""Store guarantees checked on both SQLite and PostgreSQL: concurrent writers, a first
open by two processes at once, all-or-nothing imports, and no story text at rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records import open_store
from simulator.records.sql_store import SqlStore, StoreError
from simulator.records.transfer import _digest, export_mine, import_records

ROOT = Path(__file__).parent.parent.parent

WRITER = """
import sys
from simulator.loading.library import load_library
from simulator.engine.engine import Engine
from simulator.practice import PracticeService
from simulator.model.plan import Step
from simulator.records import open_store
lib, _ = load_library([])
store = open_store()
from simulator.practice import PracticeService
engine = Engine(lib.scenario('loud-again'), lib.rubric('core'), lib.deck('robin'))
service = PracticeService(store)
for n in range(int(sys.argv[2])):
    p = service.start(engine, trainee_id='t-' + sys.argv[1], mode='practice',
                      session_id=f'{sys.argv[1]}-{n}')
    service.choose(p, Step(line='doubt'))
store.close()
"""


def test_two_processes_open_a_new_store_and_record_at_once(backend: str) -> None:
    # neither process finds a schema: both migrate at once, then both write
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, name, "15"], cwd=ROOT,
                              env=os.environ.copy(), stderr=subprocess.PIPE, text=True)
             for name in ("a", "b")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = open_store()
    per = {r[0]: r[1] for r in store.execute(
        "SELECT trainee_id, COUNT(*) FROM turns t JOIN sessions s ON s.id = t.session_id"
        " GROUP BY trainee_id")}
    assert per == {"t-a": 15, "t-b": 15}
    store.close()


def _played(shipped: Library) -> SqlStore:
    store = open_store()
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-p", mode="practice", session_id="p")
    service.choose(practice, Step(share=ShareStep(fragments=["the-restraint"])))
    return store


def test_no_story_text_is_stored(shipped: Library) -> None:
    store = _played(shipped)
    dump = []
    for table in ("trainees", "sessions", "turns", "cohorts", "cohort_members"):
        dump += [json.dumps([str(v) for v in row]) for row in store.execute(
            f"SELECT * FROM {table}")]
    text = "\n".join(dump)
    assert "the-restraint" in text  # the fragment id is recorded
    assert "held down by four people" not in text  # its words are not
    store.close()


def test_an_import_failing_half_way_leaves_nothing(shipped: Library, tmp_path: Path) -> None:
    store = _played(shipped)
    mine = tmp_path / "mine.json"
    export_mine(store, "t-p", mine)
    data = json.loads(mine.read_text())
    payload = data["payload"]
    # a well-formed, correctly checksummed file whose second session is someone else's
    other = dict(payload["sessions"][0], id="p2", trainee_id="t-intruder")
    payload["sessions"] = [dict(payload["sessions"][0], id="p1"), other]
    data["sha256"] = _digest(payload)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    before = store.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    with pytest.raises(StoreError, match="another trainee"):
        import_records(store, [bad])
    assert store.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == before
    assert store.execute("SELECT COUNT(*) FROM sessions WHERE id = 'p1'").fetchone()[0] == 0
    store.close()


def test_open_store_follows_the_database_url(backend: str) -> None:
    store = open_store()
    assert store.kind == backend
    assert store.schema_version() >= 2
    store.close()
