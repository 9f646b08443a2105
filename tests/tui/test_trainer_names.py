"""At 80x24 the trainer's review picker and review screen name the trainee from the
programme's roster beside the id, and are titled for supervision; the trainee's own
screens never show the roster (issue 23, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.paths import data_dir
from simulator.records.cohorts import Roster
from simulator.records.review import Reviews
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.launch_review import cohort_screen, open_for_trainee
from simulator.tui.screens.review import SessionsScreen, TrainerReviewScreen
from tests.tui.conftest import spring_store

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path: Path, shipped: Library) -> SqliteStore:
    opened = spring_store(tmp_path / "records.sqlite3", shipped, [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])
    roster = Roster(data_dir() / "roster.sqlite3")
    roster.set("t-test", "Ann Lee")
    roster.close()
    return opened


async def test_the_trainer_reads_names_and_titles(store: SqliteStore, shipped: Library) -> None:
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                     first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SessionsScreen)
        assert app.screen.sub_title == "Supervision"
        row = str(app.screen.query_one("#sessions", OptionList).get_option_at_index(0).prompt)
        assert "Ann Lee (t-test)" in row and "Loud again" in row
        await pilot.press("enter")
        assert isinstance(app.screen, TrainerReviewScreen)
        head = str(app.screen.query_one("#review-head", Static).render())
        assert "Ann Lee (t-test)" in head


async def test_the_trainee_never_sees_the_roster(store: SqliteStore, shipped: Library) -> None:
    Reviews(store).add("s-1", kind="note", author="Dana", role="trainer", body="Well done.")
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test"))
    async with app.run_test(size=SIZE) as pilot:
        open_for_trainee(app, "s-1")
        await pilot.pause()
        head = str(app.screen.query_one("#review-head", Static).render())
        assert "t-test" in head and "Ann Lee" not in head


async def test_the_dashboard_names_trainees_from_the_roster(store: SqliteStore,
                                                            shipped: Library) -> None:
    from textual.widgets import DataTable

    from simulator.exports.names import roster_names
    from simulator.records.cohort_queries import dashboard
    from simulator.tui.screens.dashboard import DashboardScreen

    board = dashboard(store, "spring")
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                     first_screen=lambda: DashboardScreen(board, who=roster_names()))
    async with app.run_test(size=SIZE):
        table = app.screen.query_one("#trainees", DataTable)
        assert str(table.get_row("t-test")[0]) == "Ann Lee (t-test)"
