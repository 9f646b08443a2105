"""Fixtures for the records tests: every test runs on SQLite and on a real PostgreSQL.

Tests marked ``sqlite_only`` (file permissions, PRAGMAs, SIGKILL of a SQLite writer)
run once. The PostgreSQL runs use a throwaway server (see pgserver.py) and skip with
the reason when none can be started here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records import open_store
from simulator.records.sql_store import SqlStore
from tests.records import pgserver

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: a SQLite-specific test; runs once")
    config.addinivalue_line("markers", "postgresql_only: a PostgreSQL-specific test")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        marked = metafunc.definition.get_closest_marker
        names = (["sqlite"] if marked("sqlite_only") else ["postgresql"]
                 if marked("postgresql_only") else list(BACKENDS))
        metafunc.parametrize("backend", names, indirect=True)


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[str]:
    """An admin URL for a PostgreSQL server started for this test run."""
    given = os.environ.get("PEERSIM_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    try:
        cluster = pgserver.Cluster()
    except (pgserver.NoServer, OSError) as exc:
        pytest.skip(f"no PostgreSQL server could be started here: {exc}")
    try:
        yield cluster.admin_url
    finally:
        cluster.stop()


@pytest.fixture(autouse=True)
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point open_store() at SQLite (the data folder) or at a fresh PostgreSQL database."""
    name: str = getattr(request, "param", "sqlite")
    if name == "sqlite":
        yield name
        return
    admin: str = request.getfixturevalue("pg_admin")
    url = pgserver.fresh_database(admin)
    monkeypatch.setenv("PEERSIM_DATABASE_URL", url)
    try:
        yield name
    finally:
        pgserver.drop_database(admin, url)


@pytest.fixture
def store(backend: str, tmp_path: Path) -> Iterator[SqlStore]:
    """A store on the backend under test."""
    opened = open_store()
    yield opened
    opened.close()


def play(store: SqlStore, engine: Engine, trainee: str, sid: str, steps: list[Step]) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id=trainee, mode="assessment", session_id=sid)
    for step in steps:
        service.choose(practice, step)
    service.finish(practice)


@pytest.fixture
def cohort(shipped: Library, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """A cohort of two trainees: one skilled session and one that trips the safety gate."""
    assert main(["cohort", "create", "spring", "--title", "Spring <b>cohort</b>"]) == 0
    assert main(["cohort", "add", "spring", "--new", "1"]) == 0
    assert main(["cohort", "add", "spring", "--trainee", "t-named", "--name", "=cmd|' /C calc'!A0",
                 "--email", "ann@example.org"]) == 0
    capsys.readouterr()
    store = open_store()
    members = list(store.execute("SELECT trainee_id FROM cohort_members ORDER BY trainee_id"))
    first, second = sorted(str(m[0]) for m in members)
    loud = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))
    skilled = next(p for p in loud.scenario.tests if p.model)
    play(store, loud, first, "s-skilled", list(skilled.steps))
    risky = Engine(shipped.scenario("nothing-left"), shipped.rubric("core"), shipped.deck("robin"))
    play(store, risky, second, "s-gate", [
        Step(line="tell-me-more"),
        Step(share=ShareStep(fragments=["wanting-to-disappear"], permission=True))])
    store.close()
    return [first, second]


