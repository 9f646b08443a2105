"""Fixtures for the records tests: a cohort with played sessions."""

from __future__ import annotations

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.records import open_store
from simulator.records.sqlite_store import SqliteStore


def play(store: SqliteStore, engine: Engine, trainee: str, sid: str, steps: list[Step]) -> None:
    engine.on_turn = store.record_turn
    session = engine.start(sid)
    store.begin_session(session, trainee_id=trainee, mode="assessment")
    for step in steps:
        engine.choose(session, step)
    store.finish_session(session, engine.results(session))


@pytest.fixture
def cohort(shipped: Library, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """A cohort of two trainees: one skilled session and one that trips the safety gate."""
    assert main(["cohort", "create", "spring", "--title", "Spring <b>cohort</b>"]) == 0
    assert main(["cohort", "add", "spring", "--new", "1"]) == 0
    assert main(["cohort", "add", "spring", "--trainee", "t-named", "--name", "=cmd|' /C calc'!A0",
                 "--email", "ann@example.org"]) == 0
    capsys.readouterr()
    store = open_store()
    assert isinstance(store, SqliteStore)
    members = list(store.db.execute("SELECT trainee_id FROM cohort_members ORDER BY trainee_id"))
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


