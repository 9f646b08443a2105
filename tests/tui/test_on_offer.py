"""At 80x24 the step hint and the footer offer only what is on offer, and the words on
screen agree with what happened (issue 23, items 5 and 6)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ReflectStep, Step
from simulator.practice import PracticeService
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.transcript import TranscriptScreen
from tests.tui.conftest import MakeApp, press_nth
from tests.tui.test_flows import footer_labels, start_loud_again, text_of

SIZE = (80, 24)


def _steps(app: PeersimApp) -> str:
    return str(app.screen.query_one("#steps", Static).render())


async def test_a_beat_without_reflect_or_share_offers_neither(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_loud_again(pilot, app)
        assert "reflect (f)" in _steps(app) and "share (s)" in _steps(app)
        assert {"Reflect", "Share"} <= set(footer_labels(app))
        await press_nth(pilot, 3)  # "me too, the ward": on to a beat of lines only
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.session.state == "polite"
        hint = _steps(app)
        assert "reflect" not in hint and "share" not in hint and "line" in hint
        labels = footer_labels(app)
        assert "Reflect" not in labels and "Share" not in labels
        assert "Transcript" in labels


async def test_after_reflecting_reflect_is_no_longer_offered(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_loud_again(pilot, app)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        screen._reflected(ReflectStep(concerns=["not-believed"], asks_for="validation"))
        await pilot.pause()
        hint = _steps(app)
        assert hint.startswith("Reflected ✓") and "reflect (f)" not in hint
        assert "share (s)" in hint
        labels = footer_labels(app)
        assert "Reflect" not in labels and "Share" in labels
        await pilot.press("f")  # not on offer: nothing opens
        await pilot.pause()
        assert not isinstance(app.screen, ReflectScreen)


async def test_the_transcript_before_an_answer_does_not_say_nothing_was_said(
        make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TranscriptScreen)
        said = text_of(app, "#transcript")
        assert "Nothing said yet" not in said
        assert "not answered yet" in said


def _unfinished(path: Path, shipped: Library, sessions: int) -> None:
    store = SqliteStore(path)
    store.ensure_trainee("t-test")
    service = PracticeService(store)
    for number in range(sessions):
        engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                        shipped.deck("robin"), label=shipped.theme_label)
        practice = service.start(engine, trainee_id="t-test", mode="practice",
                                 session_id=f"s-{number}")
        service.choose(practice, Step(line="doubt"))
    store.close()


async def test_two_unfinished_sessions_are_counted(make_app: MakeApp, db_path: Path,
                                                   shipped: Library) -> None:
    _unfinished(db_path, shipped, 2)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert "You have 2 unfinished sessions. Press r to resume one." in said


async def test_assessment_shows_how_they_took_a_share(make_app: MakeApp) -> None:
    from simulator.tui.screens.share import ShareScreen

    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        app.screen.query_one("#fragments").select("writing-them-down")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)
        said = text_of(app, "#says")
        assert "I haven't even told you yet" in said  # their reaction, then their words
        assert said.index("I haven't even told you yet") < said.index("Dani: ")


def test_every_step_line_names_only_what_is_offered_and_fits_80_columns() -> None:
    import itertools

    from simulator.engine.menu import Heard, Menu, Options, Typing
    from simulator.model.common import AsksFor
    from simulator.model.scenario import Line
    from simulator.scoring.types import TurnScore
    from simulator.tui.steps import steps_hint

    line = Line(id="a-line", text="Hello.", evidence={"focus": 2}, feedback="Fine.", next="b")
    heard = Heard(ReflectStep(concerns=["x"], asks_for=AsksFor.validation),
                  TurnScore((), "weak", 0.0),
                  "", {})
    for reflect, share, lines, reflected, words in itertools.product(
            (True, False), repeat=5):
        offered = Options((line,) if lines else (), (), reflect and not reflected, share, ())
        menu = Menu.of(offered, heard if reflected else None,
                       Typing.required if words else Typing.off)
        hint = steps_hint(menu)
        assert len(hint) <= 78, hint  # within the padding at 80 columns
        assert ("reflect (f)" in hint) == (reflect and not reflected), hint
        assert ("(s)" in hint) == share, hint
        assert ("your own words" in hint) == (words and lines), hint
