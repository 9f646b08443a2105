"""A trainee's history at 80x24: past sessions with how each went, a finished one's
debrief again, a replay from one of its turns, and an unfinished one carried on
(issue 23, item 8)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.home import HomeScreen
from tests.tui.conftest import MakeApp, spring_store
from tests.tui.test_flows import footer_labels, text_of

SIZE = (80, 24)


def _played(path: Path, shipped: Library) -> None:
    """s-1 finished (two turns), then s-2 left unfinished after one choice."""
    store = spring_store(path, shipped, [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"), label=shipped.theme_label)
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-test", mode="practice", session_id="s-2")
    service.choose(practice, Step(line="doubt"))
    store.close()


def _rows(app: object) -> list[str]:
    from simulator.tui.app import PeersimApp

    assert isinstance(app, PeersimApp)
    listed = app.screen.query_one("#history", OptionList)
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def test_history_reopens_a_debrief_and_replays_from_a_turn(
        make_app: MakeApp, db_path: Path, shipped: Library) -> None:
    _played(db_path, shipped)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        assert "Past" in footer_labels(app)
        from textual.widgets._footer import FooterKey

        assert max(key.region.right for key in app.screen.query(FooterKey)) <= 80
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        rows = _rows(app)
        assert len(rows) == 2 and all("Loud again" in r for r in rows)
        assert "not finished" in rows[0]  # s-2, newest first
        assert "of 3, " in rows[1] and "2 choices" in rows[1]
        app.screen.query_one("#history", OptionList).highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.session.session_id == "s-1"
        assert "Dani: " in text_of(app, "#annotated")
        await pilot.press("enter")  # to the turns
        await pilot.press("down", "enter")  # replay from turn 2
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.session.session_id != "s-1"
        assert len(screen.session.transcript) == 1  # turn 1 kept, turn 2 to play again


async def test_history_carries_on_an_unfinished_session(
        make_app: MakeApp, db_path: Path, shipped: Library) -> None:
    _played(db_path, shipped)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("enter")  # the unfinished one, highlighted first
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert screen.session.session_id == "s-2" and len(screen.session.transcript) == 1


async def test_an_empty_history_says_how_to_begin(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        assert "No sessions yet" in text_of(app, "#history-empty")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
