"""Pilot tests at 80x24: saying it in your own words through a whole scenario, and a
typed line the engine misread, corrected by the trainee."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen
from simulator.tui.screens.typed import LineScreen
from tests.tui.conftest import MakeApp, press_nth
from tests.tui.test_flows import conversation, start_loud_again

REFLECTION = "It sounds like the voices are back and nobody believes you; you want to be heard."
SHARE = "Would it help if I told you what worked for me? What do you think?"


def shown(app: PeersimApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_in(pilot: Pilot[None], app: PeersimApp, text: str) -> None:
    box = app.screen.query_one("#typed", Input)
    box.focus()
    box.value = text
    await pilot.pause()


def choice_number(app: PeersimApp, choice_id: str) -> str:
    choices = app.screen.query_one("#choices", OptionList)
    ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
    return str(ids.index(choice_id) + 1)


async def test_a_typed_reflection_and_a_typed_share_through_a_whole_scenario(
        make_app: MakeApp, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press("f")
        assert isinstance(app.screen, ReflectScreen)
        await type_in(pilot, app, REFLECTION)
        await pilot.press("ctrl+s")  # first: read back, each finding with its words
        assert isinstance(app.screen, ReflectScreen)
        back = shown(app, "#read-back")
        assert "What I read in your words" in back and '"want to be heard"' in back
        assert "• You said back what they said" in back
        await pilot.press("enter")  # enter in the box: as ctrl+s, takes it
        screen = conversation(app)
        assert screen.heard is not None
        assert set(screen.heard.step.concerns) == {"voices", "not-believed"}
        assert "Listening accuracy 3/3" in shown(app, "#says")
        await pilot.press(choice_number(app, "go-on"))
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        assert conversation(app).session.state == "opening-up"
        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        app.screen.query_one("#fragments").select("writing-them-down")  # type: ignore[attr-defined]
        await type_in(pilot, app, SHARE)
        await pilot.press("ctrl+s", "ctrl+s")  # read back, then share: no tick was needed
        assert isinstance(app.screen, FeedbackScreen)
        assert "Mutuality and autonomy: 3 of 3" in shown(app, "#coaching")
        await pilot.press("enter")
        for _ in range(3):
            await press_nth(pilot, 1)
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        page = "".join(str(w.render()) for w in app.screen.query(Static))
        assert f"In your words: {REFLECTION}" in page and f"In your words: {SHARE}" in page
    store = SqliteStore(db_path)
    [done] = store.sessions("t-test")
    turns = store.turns(done.session_id)
    store.close()
    reflect = turns[0].step.reflect
    assert reflect is not None and reflect.typed is not None and reflect.typed.text == REFLECTION
    share = turns[1].step.share
    assert share is not None and share.permission and share.hand_back
    assert share.typed is not None and share.typed.text == SHARE
    assert "asks_permission" in share.typed.found and "hands_back" in share.typed.found


async def test_a_misread_typed_line_corrected_by_the_trainee(make_app: MakeApp,
                                                             db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press(choice_number(app, "typed"))
        assert isinstance(app.screen, LineScreen)
        await type_in(pilot, app, "Tell me more")
        await pilot.press("enter")  # read back, with the line it is taken as
        assert isinstance(app.screen, LineScreen)
        taken = shown(app, "#taken-as")
        assert "Taken as closest to: 'Are you sure it isn't stress?" in taken
        closest = app.screen.query_one("#closest", OptionList)
        ids = [closest.get_option_at_index(i).id for i in range(closest.option_count)]
        assert ids[0] == "doubt" and set(ids) == {"doubt", "exhausting", "me-too-ward"}
        closest.focus()
        closest.highlighted = ids.index("exhausting")  # not what I meant: this one
        await pilot.press("enter")
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.session.state == "opening-up"  # went where the line meant goes
    store = SqliteStore(db_path)
    [session] = store.sessions("t-test")
    [turn] = store.turns(session.session_id)
    store.close()
    assert turn.step.line == "exhausting" and turn.step.typed is not None
    assert turn.step.typed.text == "Tell me more" and turn.step.typed.taken_as == "doubt"
    assert turn.step.typed.corrected


async def test_a_scenario_can_require_typed_turns(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        screen = conversation(app)
        screen.engine.scenario = screen.engine.scenario.model_copy(
            update={"typed_turns": "always"})
        screen.refresh_turn()
        choices = app.screen.query_one("#choices", OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert not any(i and i.startswith("line:") for i in ids) and "typed" in ids
        await pilot.press("f")
        assert isinstance(app.screen, ReflectScreen)
        assert not app.screen.query_one("#heard").display  # the words say what was heard
        app.screen.query_one("#ask-validation").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReflectScreen)  # words first: ticks are not enough


def in_a_cohort_typing_in_assessment(db_path: Path) -> None:
    from simulator.records.cohorts import add_members, create_cohort, set_typed_turns

    store = SqliteStore(db_path)
    create_cohort(store, "spring", "Spring")
    add_members(store, "spring", trainee_ids=["t-test"])
    set_typed_turns(store, "spring", "assessment")
    store.close()


async def test_a_cohort_can_require_typed_turns_in_assessment(make_app: MakeApp,
                                                              db_path: Path) -> None:
    in_a_cohort_typing_in_assessment(db_path)
    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        choices = app.screen.query_one("#choices", OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert "typed" in ids and not any(i and i.startswith("line:") for i in ids)
        await pilot.press(choice_number(app, "typed"))
        assert isinstance(app.screen, LineScreen)
        await type_in(pilot, app, "That sounds exhausting, when nobody takes you seriously.")
        await pilot.press("enter", "ctrl+s")  # read back; said as the closest line
        assert conversation(app).session.transcript[0].step.line == "exhausting"


async def test_practice_in_the_same_cohort_may_still_pick(make_app: MakeApp,
                                                          db_path: Path) -> None:
    in_a_cohort_typing_in_assessment(db_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        choices = app.screen.query_one("#choices", OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        assert "line:exhausting" in ids and "typed" in ids
