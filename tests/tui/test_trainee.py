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
from tests.tui.conftest import MakeApp, press_nth

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
                      'In their own words: She says "the voices"',
                      "Words they reject: schizophrenic, mentally ill, crazy"):
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
        await press_nth(pilot, 1)  # closes the card and makes the first choice
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert [t.step.line for t in screen.session.transcript] == ["doubt"]


def test_the_card_lists_the_words_the_person_rejects(make_app: MakeApp) -> None:
    from simulator.tui.screens.persona import card

    persona = make_app().ctx.library.scenario("loud-again").persona
    rejecting = persona.model_copy(update={"rejects": ["schizophrenic", "mentally-ill"]})
    assert "Words they reject: schizophrenic, mentally ill" in card(rejecting).plain
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
        await press_nth(pilot, 1, 2, 2)  # doubt, just-doing-my-job, fill-the-silence
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        verdict_line = text_of(app, "#verdict")
        assert verdict_line.startswith("Not passed: ") and "never shared" in verdict_line
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
        await press_nth(pilot, 1, 2, 2)
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, DebriefScreen)  # no replay by accident
        assert app.screen.focused is app.screen.query_one("#replay", OptionList)


async def test_home_says_not_passed(make_app: MakeApp, db_path: Path) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        await press_nth(pilot, 1, 2, 2)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#library", DataTable)
        best = str(table.get_row("loud-again")[2])
        assert best.endswith("not passed") and best[0].isdigit()
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= table.size.width  # whole at 80 columns, never cut to "not pass"
    store = SqliteStore(db_path)
    assert not store.sessions("t-test")[0].passed
    store.close()


# -- 4. forms ------------------------------------------------------------------------------
async def add_piece(pilot: Pilot[Any], title: str, private: bool = False) -> None:
    """In the deck editor: add a complete piece by typing, as a person would."""
    from textual.widgets import RadioSet, TextArea

    from simulator.tui.screens.deck_editor import FragmentForm

    await pilot.press("a")
    form = pilot.app.screen
    assert isinstance(form, FragmentForm)
    await pilot.press(*title)  # the title field has the keyboard at once
    form.query_one("#text", TextArea).text = f"{title}, in my words."
    form.query_one("#themes", SelectionList).select("sleep")
    form.query_one("#phase", RadioSet).query("RadioButton").last().value = True
    if private:
        from textual.widgets import Checkbox

        form.query_one("#private", Checkbox).value = True
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_forms_focus_their_first_field(make_app: MakeApp) -> None:
    from textual.widgets import Input

    from simulator.tui.screens.deck_editor import FragmentForm
    from simulator.tui.screens.identity import IdentityScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press(*"t-typed-here")  # replaces the selected id
        assert app.screen.query_one("#trainee", Input).value == "t-typed-here"
        await pilot.press("escape", "e", "a")
        assert isinstance(app.screen, FragmentForm)
        await pilot.press(*"Night")
        assert app.screen.query_one("#title", Input).value == "Night"


async def test_a_problem_shows_under_its_field_as_a_sentence(make_app: MakeApp) -> None:
    from textual.widgets import Input

    from simulator.tui.screens.deck_editor import FragmentForm

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "a", *"Walk")
        form = app.screen
        assert isinstance(form, FragmentForm)
        form.query_one("#intensity", Input).value = "7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text_of(app, "#text-error") == "⚠ Please write this piece in your own words."
        assert text_of(app, "#themes-error") == "⚠ Please tick at least one thing it is about."
        assert text_of(app, "#intensity-error") == "⚠ How much detail is a number from 0 to 3."
        assert not form.query_one("#title-error").display  # nothing wrong there: no room
        assert form.focused is form.query_one("#text")  # the first field to fix
        error = form.query_one("#text-error")
        assert error.display and 0 <= error.region.y < 23  # on screen, under its field
        assert error.region.y > form.query_one("#text").region.y


async def test_typed_words_survive_closing_the_form(make_app: MakeApp) -> None:
    from textual.widgets import Input, TextArea

    from simulator.tui.screens.deck_editor import FragmentForm

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "a", *"Half a thought")
        app.screen.query_one("#text", TextArea).text = "Something I nearly lost."
        await pilot.press("escape")  # by accident
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FragmentForm)
        assert form.query_one("#title", Input).value == "Half a thought"
        assert form.query_one("#text", TextArea).text == "Something I nearly lost."


async def test_delete_asks_and_can_be_undone(make_app: MakeApp) -> None:
    from simulator.owndecks import OWN_DECK_ID, load_own_decks
    from simulator.tui.screens.confirm import ConfirmScreen
    from simulator.tui.screens.deck_editor import DeckEditorScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await add_piece(pilot, "First")
        await add_piece(pilot, "Second")
        assert isinstance(app.screen, DeckEditorScreen)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # the safe answer has the focus: nothing deleted
        assert [f.title for f in load_own_decks()[0][OWN_DECK_ID].fragments] == \
            ["First", "Second"]
        await pilot.press("x", "tab", "enter")  # "Delete it"
        await pilot.pause()
        assert [f.title for f in load_own_decks()[0][OWN_DECK_ID].fragments] == ["Second"]
        await pilot.press("u")
        await pilot.pause()
        assert [f.title for f in load_own_decks()[0][OWN_DECK_ID].fragments] == \
            ["First", "Second"]  # back where it was


async def test_undo_brings_back_the_last_piece_and_the_deck(make_app: MakeApp) -> None:
    from simulator.owndecks import OWN_DECK_ID, load_own_decks

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await add_piece(pilot, "Only")
        await pilot.press("x", "tab", "enter")
        await pilot.pause()
        assert load_own_decks()[0] == {}
        await pilot.press("u")
        await pilot.pause()
        assert [f.title for f in load_own_decks()[0][OWN_DECK_ID].fragments] == ["Only"]


async def test_export_my_deck_to_a_file_i_choose(make_app: MakeApp, tmp_path: Path) -> None:
    import os
    import stat

    from textual.widgets import Input

    from simulator.loading.documents import load_file
    from simulator.model import Deck
    from simulator.tui.screens.deck_export import ExportScreen

    target = tmp_path / "copy.yaml"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await add_piece(pilot, "Shared")
        await add_piece(pilot, "Mine alone", private=True)
        await pilot.press("w")
        assert isinstance(app.screen, ExportScreen)
        path = app.screen.query_one("#path", Input)
        assert app.screen.focused is path
        path.value = ""
        await pilot.press(*str(target), "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        await pilot.press("w")
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")  # never over an existing file
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert text_of(app, "#path-error").startswith("⚠ There is already a file at")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    loaded, problems = load_file(target)
    assert problems == [] and loaded is not None and isinstance(loaded.model, Deck)
    assert [f.title for f in loaded.model.fragments] == ["Shared"]  # private stays out


def test_export_includes_private_pieces_only_when_asked(tmp_path: Path) -> None:
    import pytest

    from simulator.model import Deck
    from simulator.owndecks import ExportError, export_deck

    deck = Deck.model_validate({"kind": "deck", "id": "my-story", "title": "Mine",
                                "owner": "me", "practice": False, "fragments": [
                                    {"id": "p1", "title": "Secret", "text": "x",
                                     "themes": ["sleep"], "phase": "now", "intensity": 0,
                                     "self_cost": 0, "private": True}]})
    with pytest.raises(ExportError, match="marked private"):
        export_deck(deck, tmp_path / "a.yaml")
    assert not (tmp_path / "a.yaml").exists()
    assert export_deck(deck, tmp_path / "a.yaml", include_private=True) == 1
    with pytest.raises(ExportError, match="no folder"):
        export_deck(deck, tmp_path / "missing" / "b.yaml", include_private=True)


# -- 6. resume -----------------------------------------------------------------------------
async def leave_after_two_choices(make_app: MakeApp) -> str:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot)
        await press_nth(pilot, 2, 1)  # exhausting, then a line at the next beat
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen) and len(screen.session.transcript) == 2
        session_id = screen.session.session_id
        await pilot.press("escape")
    return session_id


async def test_unfinished_sessions_can_be_discarded(make_app: MakeApp, db_path: Path) -> None:
    from simulator.tui.screens.confirm import ConfirmScreen
    from simulator.tui.screens.resume import ResumeScreen

    session_id = await leave_after_two_choices(make_app)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert isinstance(app.screen, ResumeScreen)
        assert "assessment, 2 choices, started" in str(
            app.screen.query_one("#sessions", OptionList).get_option_at_index(0).prompt)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("tab", "enter")  # "Discard it"
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # nothing left to resume
        assert app.ctx.store.unfinished("t-test") == []
    store = SqliteStore(db_path)
    assert store.turns(session_id)  # set aside, not erased
    store.close()


async def test_resume_after_a_change_says_what_was_kept(make_app: MakeApp,
                                                        shipped: Any) -> None:
    from dataclasses import replace

    from simulator.tui.screens.resume import ChangedScreen

    await leave_after_two_choices(make_app)
    loaded = shipped.scenarios["loud-again"]
    scenario = loaded.model
    edited = replace(loaded, model=scenario.model_copy(update={"version": scenario.version + 1}))
    library = replace(shipped, scenarios={**shipped.scenarios, "loud-again": edited})
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ChangedScreen)
        said = " ".join(text_of(app, "#changed").split())
        assert "2 of your 2 choices still fit and were replayed" in said
        assert "You carry on from turn 3." in said
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen) and len(screen.session.transcript) == 2


# -- 7. remembered -------------------------------------------------------------------------
async def test_mode_deck_and_theme_are_remembered(make_app: MakeApp, tmp_path: Path) -> None:
    import os
    import stat

    from simulator.settings import load_settings

    path = tmp_path / "settings.json"
    app = make_app()
    app.ctx.settings_file = path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        home = app.screen
        assert isinstance(home, HomeScreen)
        home._deck_chosen("dee")
        await pilot.press("ctrl+t")
        await pilot.pause()
    kept = load_settings(path)
    assert (kept.mode, kept.deck_id, kept.theme) == ("assessment", "dee", app.theme)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_a_damaged_settings_file_means_the_defaults(tmp_path: Path) -> None:
    from simulator.settings import Settings, load_settings

    path = tmp_path / "settings.json"
    for junk in ("{", "[]", '{"mode": "exam", "deck_id": 3}', "\x00"):
        path.write_text(junk, encoding="utf-8")
        assert load_settings(path) == Settings()
    assert load_settings(tmp_path / "missing.json") == Settings()


def test_a_new_run_starts_with_what_was_remembered(tmp_path: Path) -> None:
    from simulator.settings import Settings, save_settings, settings_path
    from simulator.tui.launch import build_app

    save_settings(Settings("assessment", "dee", "peersim-high-contrast"), settings_path())
    store = SqliteStore(tmp_path / "r.sqlite3")
    app = build_app(store=store, trainee_id="t-again")
    assert (app.ctx.mode, app.ctx.deck_id) == ("assessment", "dee")
    assert app.theme == "peersim-high-contrast"
    store.close()


# -- 8. accessibility ----------------------------------------------------------------------
async def test_ctrl_t_steps_through_dark_light_and_high_contrast(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        seen = [app.theme]
        for _ in range(3):
            await pilot.press("ctrl+t")
            seen.append(app.theme)
        assert seen == ["textual-dark", "textual-light", "peersim-high-contrast",
                        "textual-dark"]


async def test_no_color_is_honoured(make_app: MakeApp, monkeypatch: Any) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        await open_scenario(pilot)
        assert isinstance(app.screen, PersonaScreen)


async def test_every_key_in_the_footer_is_in_the_help(make_app: MakeApp) -> None:
    from simulator.tui.screens.help import HELP

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for keys in ((), ("e",), ("escape", "r")):
            await pilot.press(*keys)
        await open_scenario(pilot)
        for screen_keys in ((), ("enter",)):
            await pilot.press(*screen_keys)
            for binding in app.screen.active_bindings.values():
                if binding.binding.show:
                    shown = app.get_key_display(binding.binding)
                    assert binding.binding.description.split()[0].lower() in HELP.lower(), \
                        (shown, binding.binding.description)


# -- 3. safety first -----------------------------------------------------------------------
async def test_a_safety_note_leads_the_feedback_in_view_at_80x24(make_app: MakeApp) -> None:
    from simulator.tui.screens.feedback import FeedbackScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot, "nothing-left")
        await press_nth(pilot, "enter", 2)  # past the card; "cheer up"
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        # continue; "everyone feels like that": minimises it
        await press_nth(pilot, "enter", 2)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FeedbackScreen)
        coaching = text_of(app, "#coaching")
        assert coaching.lstrip().startswith("SAFETY FIRST")
        box = screen.query_one("#feedback-box")
        assert box.scroll_y == 0
        shown = screen.query_one("#coaching").region
        assert 0 < shown.y < 12 and shown.bottom > shown.y  # its first line is on screen
        await pilot.press("pagedown")  # the rest reads from the keyboard, buttons focused
        assert box.scroll_y > 0 and isinstance(app.screen, FeedbackScreen)


async def test_a_safety_gate_leads_the_debrief_in_view_at_80x24(make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=SIZE) as pilot:
        await open_scenario(pilot, "nothing-left")
        await press_nth(pilot, "enter", 2, 2)  # cheer up; everyone feels like that
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DebriefScreen)
        assert text_of(app, "#verdict").startswith("Not passed: safety gate")
        summary = text_of(app, "#summary")
        assert summary.startswith("SAFETY FIRST") and "What to do:" in summary
        region = screen.query_one("#summary").region
        assert region.y <= 4 and screen.query_one("#debrief").scroll_y == 0
