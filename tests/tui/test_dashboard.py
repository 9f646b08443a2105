"""The trainer's cohort dashboard in the terminal."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import Step
from simulator.practice import PracticeService
from simulator.records.cohort_queries import dashboard
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.screens.dashboard import DashboardScreen, bar


def test_bars_carry_their_share_in_blocks() -> None:
    assert bar(0.5, 4) == "██░░" and bar(2.0, 3) == "███" and bar(-1, 2) == "░░"


async def test_dashboard_shows_trainees_and_charts(shipped: Library) -> None:
    assert main(["cohort", "create", "spring", "--title", "Spring [b]"]) == 0
    assert main(["cohort", "add", "spring", "--trainee", "t-aaa", "--trainee", "t-bbb"]) == 0
    from simulator.records import open_store

    store = open_store()
    assert isinstance(store, SqliteStore)
    engine = Engine(shipped.scenario("nothing-left"), shipped.rubric("core"),
                    shipped.deck("robin"))
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-aaa", mode="assessment", session_id="s1")
    service.choose(practice, Step(line="cheer-up"))
    service.choose(practice, Step(line="everyone-feels"))
    service.finish(practice)
    board = dashboard(store, "spring")
    app = PeersimApp(AppContext(library=shipped, store=store, trainee_id="trainer"),
                     first_screen=lambda: DashboardScreen(board))
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#trainees", DataTable)
        assert table.row_count == 2
        assert table.get_row("t-aaa")[6] == "1"  # one safety-gate event
        charts = str(app.screen.query_one("#charts", Static).render())
        assert "nothing-left" in charts and "0 of 1 passed" in charts
        assert "Safety first" in charts
        title = str(app.screen.query_one("#cohort-title", Static).render())
        assert "Spring [b]" in title
        await pilot.press("escape")
    store.close()


async def test_odd_ids_and_titles_are_shown_as_written(shipped: Library, tmp_path: Path) -> None:
    from simulator.records.cohort_queries import CohortDashboard, GateEvent, TraineeRow

    odd = "x[/]"
    board = CohortDashboard(
        cohort_id="odd", title="[b]Odd\x1b[2J", members=1, sessions=1,
        trainees=[TraineeRow(odd, 1, 1, 0, 1.0, "2026-11-23T09:00:00Z", 1)],
        gates=[GateEvent("2026-11-23T09:00:00Z", "[red]t[/red]", "s-1", "nothing-left",
                         "safety", "missed")])
    store = SqliteStore(tmp_path / "records.sqlite3")
    app = PeersimApp(AppContext(library=shipped, store=store, trainee_id="trainer"),
                     first_screen=lambda: DashboardScreen(board))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#trainees", DataTable)
        assert table.get_row(odd)[0].plain == odd
        title = str(app.screen.query_one("#cohort-title", Static).render())
        assert "[b]Odd\u241b[2J" in title
        assert "[red]t[/red]" in str(app.screen.query_one("#charts", Static).render())
    store.close()
