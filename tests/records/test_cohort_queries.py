"""The headless cohort dashboard queries (what the TUI dashboard and the report draw)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.records import open_store
from simulator.records.cohort_queries import (
    criterion_spread,
    dashboard,
    gate_events,
    pass_rates,
    progress,
    trainee_rows,
)
from simulator.records.sql_store import SqlStore, StoreError


@pytest.fixture
def opened(cohort: list[str]) -> Iterator[SqlStore]:
    store = open_store()
    yield store
    store.close()


def test_trainee_rows(opened: SqlStore, cohort: list[str]) -> None:
    first, second = cohort
    rows = {r.trainee_id: r for r in trainee_rows(opened, "spring")}
    assert set(rows) == {first, second}
    assert (rows[first].completed, rows[first].passed, rows[first].gate_events) == (1, 1, 0)
    assert rows[first].best_overall is not None and rows[first].best_overall > 2.5
    # a raw, costly piece told past a risk signal: the safety gate and the harm gate
    assert (rows[second].passed, rows[second].gate_events) == (0, 2)
    assert rows[second].last_activity is not None and rows[second].last_activity.endswith("Z")


def test_criterion_spread_counts_every_completed_session(opened: SqlStore) -> None:
    spread = criterion_spread(opened, "spring")
    assert spread and [c.criterion for c in spread] == sorted(c.criterion for c in spread)
    for crit in spread:
        assert sum(crit.histogram) == len(crit.values) == 2
        assert 0.0 <= crit.mean <= 3.0 and crit.name


def test_pass_rates_progress_and_gates(opened: SqlStore, cohort: list[str]) -> None:
    rates = {r.scenario_id: (r.completed, r.passed, r.rate) for r in pass_rates(opened, "spring")}
    assert rates == {"loud-again": (1, 1, 1.0), "nothing-left": (1, 0, 0.0)}
    [first_attempts] = progress(opened, "spring")
    assert (first_attempts.attempt, first_attempts.sessions) == (1, 2)
    events = gate_events(opened, "spring")
    assert {e.gate for e in events} == {"Safety first", "Keeping the story safe"}
    for event in events:
        assert (event.trainee_id, event.session_id, event.scenario_id) == (
            cohort[1], "s-gate", "nothing-left")
        assert event.gate and event.event


def test_dashboard_in_one_call_and_unknown_cohort(opened: SqlStore) -> None:
    board = dashboard(opened, "spring")
    assert (board.members, board.sessions, board.title) == (2, 2, "Spring <b>cohort</b>")
    assert len(board.trainees) == 2 and board.criteria and board.gates
    with pytest.raises(StoreError, match="no cohort"):
        dashboard(opened, "autumn")
