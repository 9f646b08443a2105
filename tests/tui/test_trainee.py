"""Pilot tests of the trainee's experience (issue 12, items 2-8): the whole person, safety
first, forms that keep what was typed, the debrief and home, resume, what is remembered,
and accessibility."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, RadioButton, SelectionList, Static

from simulator.records.sqlite_store import SqliteStore
from simulator.scoring.results import CriterionResult, GateResult, SessionResult
from simulator.scoring.verdict import verdict
from simulator.tui.app import PeersimApp
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.persona import PersonaScreen
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen
from tests.tui.conftest import MakeApp

SIZE = (80, 24)


def text_of(app: PeersimApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_scenario(pilot: Pilot[Any], scenario_id: str = "loud-again") -> None:
    """Highlight a scenario and start it, past its content notes, to the person's card."""
    table = pilot.app.screen.query_one("#library", DataTable)
    table.move_cursor(row=table.get_row_index(scenario_id))
    await pilot.pause()
    await pilot.press("enter", "enter")
    await pilot.pause()


def criterion(name: str, mean: float, mark: float | None, passed: bool) -> CriterionResult:
    return CriterionResult(name.lower(), name, mean, 3, mark, passed)


# -- 2. the whole person -------------------------------------------------------------------
async def test_the_persona_card_opens_at_the_start_and_p_toggles_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        assert isinstance(app.screen, PersonaScreen)
        card = text_of(app, "#persona-card")
        for words in ("Dani (she/her, early thirties)", "car wash", "Strengths: keeps going",
                      'In their own words: She says "the voices"'):
            assert words in card
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("p")
        assert isinstance(app.screen, PersonaScreen)
        assert "The person you are with" in text_of(app, "#persona-box .dialog-title")
        await pilot.press("p")
        assert isinstance(app.screen, ConversationScreen)


async def test_a_choice_key_pressed_on_the_card_is_not_lost(make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        assert isinstance(app.screen, PersonaScreen)
        await pilot.press("1")  # closes the card and makes the first choice
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert [t.step.line for t in screen.session.transcript] == ["doubt"]


def test_the_card_lists_the_words_the_person_rejects(make_app: MakeApp) -> None:
    from simulator.tui.screens.persona import card

    persona = make_app().ctx.library.scenario("loud-again").persona
    rejecting = persona.model_copy(update={"rejects": ["schizophrenic", "patient"]})
    assert "Words they reject: schizophrenic, patient" in card(rejecting).plain
    quiet = persona.model_copy(update={"rejects": []})
    assert "reject" not in card(quiet).plain  # no empty heading


async def test_reflect_and_share_show_what_the_person_just_said(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        await pilot.press("enter", "f")
        assert isinstance(app.screen, ReflectScreen)
        said = text_of(app, "#said")
        assert said.startswith("Dani just said: They've been loud again all week.")
        assert app.screen.query_one("#said").region.y < 24  # in view, not below the fold
        await pilot.press("escape", "s")
        assert isinstance(app.screen, ShareScreen)
        assert "Nobody believes me" in text_of(app, "#said").replace("\n", " ")


async def test_after_a_reflection_the_share_dialog_shows_their_answer(
        make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        await pilot.press("enter", "f")
        assert isinstance(app.screen, ReflectScreen)
        app.screen.query_one("#heard", SelectionList).select("voices")
        app.screen.query_one("#ask-validation", RadioButton).value = True  # none preselected
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen) and screen.heard is not None
        answer = " ".join(screen.heard.reaction.split())
        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        said = " ".join(text_of(app, "#said").split())
        assert said.startswith("Dani just said: ") and f"To your reflection: {answer}" in said


# -- 5. debrief and home -------------------------------------------------------------------
def test_the_verdict_gives_its_reason_in_one_line() -> None:
    below = SessionResult((criterion("Selectivity", 1.2, 1.5, False),
                           criterion("Focus", 2.5, 1.5, True)), 1.9, 2.0, False, (), 3)
    assert verdict(below) == "Not passed: Selectivity 1.2, pass mark 1.5."
    close = SessionResult((criterion("Selectivity", 1.49, 1.5, False),), 1.9, 2.0, False, (), 3)
    assert verdict(close) == "Not passed: Selectivity 1.49, pass mark 1.5."  # never "1.5"
    overall = SessionResult((criterion("Focus", 1.9, 1.5, True),), 1.9, 2.0, False, (), 3)
    assert verdict(overall) == "Not passed: overall 1.9, pass mark 2."
    gate = GateResult("safety", "Safety first", "risk-ignored", 1, "moved past", "ask")
    gated = SessionResult((criterion("Focus", 3.0, 1.5, True),), 3.0, 2.0, False, (gate,), 3)
    assert verdict(gated).startswith("Not passed: safety gate (Safety first) at turn 2.")
    passed = SessionResult((criterion("Focus", 2.5, 1.5, True),), 2.5, 2.0, True, (), 3)
    assert verdict(passed) == "Passed: overall 2.5, pass mark 2."


async def test_the_debrief_scrolls_from_the_keyboard_at_once(make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        await pilot.press("1", "2", "2")  # doubt, just-doing-my-job, fill-the-silence
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        verdict_line = text_of(app, "#verdict")
        assert verdict_line.startswith("Not passed: ") and "pass mark" in verdict_line
        page = screen.query_one("#debrief")
        assert page.max_scroll_y > 0 and page.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert page.scroll_y > 0
        before = page.scroll_y
        await pilot.press("down")
        await pilot.pause()
        assert page.scroll_y > before
        assert app.screen.query_one("#verdict").region.y == 1  # stays under the header


async def test_enter_in_the_debrief_goes_to_the_turns_before_replaying(
        make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        await pilot.press("1", "2", "2")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)  # no replay by accident
        assert app.screen.focused is app.screen.query_one("#replay", OptionList)


async def test_home_says_not_passed(make_app: MakeApp, db_path: Path) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        await pilot.press("1", "2", "2")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#library", DataTable)
        best = str(table.get_row("loud-again")[2])
        assert best.endswith("not passed") and best[0].isdigit()
    store = SqliteStore(db_path)
    assert not store.sessions("t-test")[0].passed
    store.close()
