"""One stored copy of each turn: the session row keeps only the position, ``load_state``
assembles the saved session from the two, old stores and old records files convert.

Unmarked tests run on SQLite and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.engine.record import dump
from simulator.engine.session import Session
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records import open_store
from simulator.records.migrations import MIGRATIONS
from simulator.records.sql_store import SqlStore
from simulator.records.sqlite_store import SqliteStore
from simulator.records.transfer import OLD_FORMAT, _digest
from simulator.scoring.results import SessionResult
from tests.old_shapes import as_old, session_v1, turn_v1

STEPS = [Step(line="doubt"), Step(line="i-believe-you"),
         Step(share=ShareStep(fragments=["the-restraint"], permission=True))]


@pytest.fixture
def engine(shipped: Library) -> Engine:
    return Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"),
                  label=shipped.theme_label)


def played(engine: Engine, sid: str, steps: list[Step]) -> Session:
    session = engine.start(sid)
    for step in steps:
        engine.choose(session, step)
    return session


def stored_state(store: SqlStore, sid: str) -> dict[str, Any]:
    row = store.execute("SELECT state_json FROM sessions WHERE id = :id", {"id": sid})
    state: dict[str, Any] = json.loads(row.fetchone()[0])
    return state


def test_a_turn_is_stored_once_and_the_session_row_holds_only_the_position(
        store: SqlStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-once", mode="practice", session_id="once")
    session = practice.session
    sizes = []
    for step in STEPS:
        service.choose(practice, step)
        sizes.append(len(json.dumps(stored_state(store, "once"))))
    assert set(stored_state(store, "once")) == {"version", "state", "variables", "visits", "heard",
                                                "attempts"}
    assert max(sizes) - min(sizes) < 40  # the row does not grow with the transcript
    assert store.load_state("once") == session
    records = store.turn_records("once")
    assert [r.index for r in records] == [0, 1, 2]
    assert [r.turn for r in records] == session.transcript  # typed, and the same turns
    [summary] = store.sessions("t-once")
    assert (summary.mode, summary.turns) == ("practice", 3)  # mode: the session's own


def test_begin_with_turns_and_rewind_are_each_one_write(store: SqlStore,
                                                        engine: Engine) -> None:
    source = played(engine, "src", STEPS[:2])
    replay = engine.start("replay")
    replay.mode = "assessment"
    for step in STEPS[:2]:
        engine.choose(replay, step)
    store.begin_session(replay, trainee_id="t-r", turns=replay.transcript)
    assert store.load_state("replay") == replay
    assert store.sessions("t-r")[0].mode == "assessment"
    back = engine.rewind(replay, 1)
    back.session_id, back.mode = "replay", replay.mode  # as the session service keeps them
    store.rewind_session(back)
    assert store.load_state("replay") == back
    assert [t.step for t in store.turns("replay")] == [source.transcript[0].step]


# -- stores written by an earlier peersim (schema 2, as shipped) ------------------------------

def _old_rows(session: Session) -> list[tuple[object, ...]]:
    rows = []
    for turn in session.transcript:
        data = turn_v1(turn)
        rows.append((session.session_id, turn.index, turn.beat, json.dumps(data["step"]),
                     json.dumps(data["scores"]), turn.score.band, turn.score.mean,
                     json.dumps(data["events"]), turn.next, "2027-01-01T10:00:00Z"))
    return rows


def build_old_store(store_kind: str, connect: Any, sessions: list[Session],
                    version: int = 2) -> None:
    """Write a schema-1 or schema-2 database the way peersim wrote it before migration 3."""
    db = connect()
    marker = "?" if store_kind == "sqlite" else "%s"
    for migration in MIGRATIONS[:version]:
        for statement in migration.statements(store_kind):
            db.execute(statement)
    if store_kind == "sqlite":
        db.execute(f"PRAGMA user_version = {version}")
    else:
        db.execute("CREATE TABLE peersim_schema (version INTEGER NOT NULL)")
        for number in range(1, version + 1):
            db.execute("INSERT INTO peersim_schema VALUES (%s)", (number,))
    db.execute(f"INSERT INTO trainees VALUES ({marker}, {marker})",
               ("t-old", "2027-01-01T09:00:00Z"))
    for session in sessions:
        db.execute(f"INSERT INTO sessions (id, trainee_id, scenario_id, scenario_version,"
                   f" content_hash, rubric_id, deck_id, mode, started_at, state_json, turns)"
                   f" VALUES ({', '.join([marker] * 11)})",
                   (session.session_id, "t-old", session.scenario_id, session.scenario_version,
                    session.content_hash, session.rubric_id, session.deck_id, "practice",
                    "2027-01-01T09:30:00Z", json.dumps(session_v1(session)),
                    len(session.transcript)))
        for row in _old_rows(session):
            db.execute(f"INSERT INTO turns VALUES ({', '.join([marker] * 10)})", row)
    if store_kind == "sqlite":
        db.commit()
    db.close()


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_store_migrates_to_one_copy_of_each_turn(backend: str, engine: Engine,
                                                        tmp_path: Path, version: int) -> None:
    full = played(engine, "old-full", STEPS)
    part = played(engine, "old-part", STEPS[:1])
    bare = engine.start("old-bare")
    if backend == "sqlite":
        path = tmp_path / "data" / "records.sqlite3"
        path.parent.mkdir()
        build_old_store("sqlite", lambda: sqlite3.connect(path), [full, part, bare], version)
    else:
        import psycopg

        url = os.environ["PEERSIM_DATABASE_URL"]
        build_old_store("postgresql", lambda: psycopg.connect(url, autocommit=True),
                        [full, part, bare], version)
    store = open_store() if backend != "sqlite" else SqliteStore(path)
    try:
        assert store.schema_version() == len(MIGRATIONS)
        for session in (full, part, bare):
            assert store.load_state(session.session_id) == as_old(session)
            assert "transcript" not in stored_state(store, session.session_id)
        assert engine.restore(store.load_state("old-full")).transcript == \
            as_old(full).transcript
        assert [t.recorded_at for t in store.turn_records("old-part")] == [
            "2027-01-01T10:00:00Z"]
        # and the store goes on recording after the migration
        service = PracticeService(store)
        resumed = service.resume("old-part", lambda _s, _d: engine, trainee_id="t-old")
        service.choose(resumed.practice, STEPS[1])
        assert store.load_state("old-part") == resumed.practice.session
    finally:
        store.close()


@pytest.mark.sqlite_only
def test_an_old_records_file_is_converted_on_import(engine: Engine, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    session = played(engine, "s-older", STEPS)
    old = tmp_path / "old.sqlite3"
    build_old_store("sqlite", lambda: sqlite3.connect(old), [session])
    db = sqlite3.connect(old)
    db.row_factory = sqlite3.Row
    sessions = [dict(r) for r in db.execute("SELECT * FROM sessions")]
    turns = [dict(r) for r in db.execute("SELECT * FROM turns")]
    db.close()
    payload = {"format": OLD_FORMAT, "trainee_id": "t-old", "sessions": sessions,
               "turns": turns}
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"payload": payload, "sha256": _digest(payload)}))
    assert main(["cohort", "import", str(path)]) == 0
    assert "imported 1 new session(s)" in capsys.readouterr().out
    store = open_store()
    assert store.load_state("s-older") == as_old(session)
    store.close()


def test_only_ddl_types_are_written_per_database() -> None:
    for migration in MIGRATIONS:
        assert not any(" REAL" in s for s in migration.statements("postgresql"))
    [differs] = [m for m in MIGRATIONS if m.by_dialect is not None]
    assert differs is MIGRATIONS[0]  # REAL / DOUBLE PRECISION, nothing else
    assert [s.replace("DOUBLE PRECISION", "REAL") for s in differs.statements("postgresql")] \
        == list(differs.statements("sqlite"))


# -- version-1 records in a store of any schema, and in a peersim-records/2 file ---------------

def _rows_to_version_1(store: SqlStore, session: Session, result: SessionResult) -> None:
    """Rewrite a session's stored records as peersim wrote them before version 2."""
    where = {"format": 1, "state": session.state, "variables": session.variables,
             "visits": session.visits, "heard": None}
    old_result = dump(result)
    del old_result["version"]
    for criterion in old_result["criteria"]:
        del criterion["verdict"]
    with store.write():
        store.execute("UPDATE sessions SET state_json = :state, result_json = :result"
                      " WHERE id = :id", {"state": json.dumps(where),
                                          "result": json.dumps(old_result),
                                          "id": session.session_id})
        for turn in session.transcript:
            store.execute("UPDATE turns SET turn_json = :turn WHERE session_id = :id"
                          " AND idx = :idx", {"turn": json.dumps(turn_v1(turn)),
                                              "id": session.session_id, "idx": turn.index})


def _finished_as_version_1(store: SqlStore, engine: Engine, trainee: str,
                           sid: str) -> tuple[Session, SessionResult]:
    """A session played and finished, then its rows rewritten in version 1."""
    service = PracticeService(store)
    practice = service.start(engine, trainee_id=trainee, mode="practice", session_id=sid)
    for step in STEPS:
        service.choose(practice, step)
    result = service.finish(practice)
    _rows_to_version_1(store, practice.session, result)
    return practice.session, result


def _back_to_schema(store: SqlStore, version: int) -> None:
    """Make the store look as schema ``version`` left it (later tables not yet made)."""
    made_by = {4: ("review_reads", "review_entries"),
               5: ("join_codes", "web_sessions", "own_decks"), 6: ("taken_back",),
               7: ("signin_limits",),
               8: ("help_requests", "resolutions", "signoffs", "assignment_attempts",
                   "assignments"),
               9: ("review_stances", "peer_consents", "goal_revisits", "growth_goals"),
               10: ()}
    assert max(made_by) == len(MIGRATIONS), "name the tables the newest migration makes"
    with store.write():
        if version < 10:  # 10 numbers the sessions (a column and its index)
            store.execute("DROP INDEX sessions_by_seq")
            store.execute("ALTER TABLE sessions DROP COLUMN seq")
        for later in sorted((v for v in made_by if v > version), reverse=True):
            for table in made_by[later]:
                store.execute(f"DROP TABLE {table}")
        if store.kind == "sqlite":
            store.execute(f"PRAGMA user_version = {version}")
        else:
            store.execute("DELETE FROM peersim_schema WHERE version > :version",
                          {"version": version})


@pytest.mark.parametrize("version", [3, 4, 5])
def test_version_1_records_in_a_schema_3_to_5_store_are_read_and_exported(
        backend: str, engine: Engine, tmp_path: Path, version: int,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cohort", "create", "spring"]) == 0
    assert main(["cohort", "add", "spring", "--trainee", "t-old"]) == 0
    store = open_store()
    session, result = _finished_as_version_1(store, engine, "t-old", "v1")
    _back_to_schema(store, version)
    store.close()
    store = open_store()  # migrates forward, leaving the rows' JSON as it was
    try:
        assert store.schema_version() == len(MIGRATIONS)
        assert "format" in stored_state(store, "v1")
        assert store.load_state("v1") == as_old(session)
        [record] = list(store.completed_sessions("spring"))
        assert record.result == result
    finally:
        store.close()
    target = tmp_path / "out.jsonl"
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "--mode", "all",
                 "-o", str(target)]) == 0
    [line] = target.read_text().splitlines()
    assert [c["verdict"] for c in json.loads(line)["criteria"]] == [
        c.verdict for c in result.criteria]


@pytest.mark.sqlite_only
def test_a_peersim_records_2_file_of_version_1_records_imports(
        engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    machine = SqliteStore(tmp_path / "trainee.sqlite3")
    session, _result = _finished_as_version_1(machine, engine, "t-two", "s-two")
    sessions, _turns = machine.trainee_records("t-two")
    machine.close()
    [row] = sessions
    payload = {"format": "peersim-records/2", "trainee_id": "t-two", "sessions": [row],
               "turns": [{"session_id": "s-two", "idx": t.index, "recorded_at": row["started_at"],
                          "turn_json": json.dumps(turn_v1(t))} for t in session.transcript]}
    path = tmp_path / "two.json"
    path.write_text(json.dumps({"payload": payload, "sha256": _digest(payload)}))
    assert main(["cohort", "import", str(path)]) == 0
    assert "imported 1 new session(s)" in capsys.readouterr().out
    store = open_store()
    try:
        assert store.load_state("s-two") == as_old(session)
        assert "version" in stored_state(store, "s-two")  # imported in today's shape
    finally:
        store.close()
    assert main(["cohort", "import", str(path)]) == 0  # twice changes nothing
    assert "imported 0 new session(s)" in capsys.readouterr().out
