"""Pilot tests: every flow a trainee goes through, driven by keys as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, RadioButton, RadioSet, SelectionList, Static

from simulator.model.plan import Step
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.notes import ContentNotesScreen
from simulator.tui.screens.persona import PersonaScreen
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen
from tests.tui.conftest import MakeApp, press_nth


def text_of(app: PeersimApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def conversation(app: PeersimApp) -> ConversationScreen:
    screen = app.screen
    assert isinstance(screen, ConversationScreen), type(screen)
    return screen


def highlight(app: PeersimApp, scenario_id: str) -> None:
    table = app.screen.query_one("#library", DataTable)
    table.move_cursor(row=table.get_row_index(scenario_id))


async def start_loud_again(pilot: object, app: PeersimApp) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    highlight(app, "loud-again")
    await pilot.pause()
    await pilot.press("enter")
    assert isinstance(app.screen, ContentNotesScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, PersonaScreen)  # the whole person first
    await pilot.press("enter")
    assert conversation(app).engine.scenario.id == "loud-again"


async def test_home_shows_trainee_library_and_details(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, HomeScreen)
        assert "t-test" in text_of(app, "#whoami") and "practice" in text_of(app, "#whoami")
        table = app.screen.query_one("#library", DataTable)
        keys = [str(row.value) for row in table.rows]
        assert {"loud-again", "nothing-left"} <= set(keys)
        assert "Content notes" in text_of(app, "#detail")


async def test_content_notes_can_be_declined(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, ContentNotesScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_practice_mode_through_every_turn_kind(make_app: MakeApp, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        # reflect: name both concerns; nothing is preselected, so an untouched answer
        # is not credited: choose "to be heard and believed"
        await pilot.press("f")
        assert isinstance(app.screen, ReflectScreen)
        heard = app.screen.query_one("#heard")
        themes = [heard.get_option_at_index(i).value for i in range(heard.option_count)]
        for theme in ("not-believed", "voices"):
            heard.select(theme)
        assert app.screen.query_one("#ask", RadioSet).pressed_index == -1
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReflectScreen)  # asked to pick what they want first
        app.screen.query_one("#ask-validation", RadioButton).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        # the person answers; the turn waits for a response
        screen = conversation(app)
        assert screen.heard is not None and screen.session.transcript == []
        assert "You reflected" in text_of(app, "#says")
        assert "Listening accuracy 3/3" in text_of(app, "#says")  # scored as it is made
        assert "Reflected ✓ · respond:" in text_of(app, "#steps")
        choices = app.screen.query_one("#choices", OptionList)
        go_on = choices.get_option_at_index(choices.option_count - 1)
        assert go_on.id == "go-on"
        await pilot.press(str(choices.option_count))  # say no more: let them go on
        assert isinstance(app.screen, FeedbackScreen)
        assert "Listening accuracy: 3 of 3" in text_of(app, "#coaching")
        # themes in the reasons read as the vocabulary's labels, not as ids
        assert "You heard not being believed and hearing voices" in text_of(app, "#coaching") \
            or "You heard hearing voices and not being believed" in text_of(app, "#coaching")
        assert set(themes) == {"faith", "housing", "money", "not-believed", "voices"}
        await pilot.press("enter")
        assert conversation(app).session.state == "opening-up"
        # share one fragment, asking first and handing back
        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        app.screen.query_one("#fragments").select("writing-them-down")
        await pilot.press("tab", "space", "tab", "tab", "space")  # ask first, hand back
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)
        coaching = text_of(app, "#coaching")
        assert "That worked well." in coaching and "Mutuality and autonomy: 3 of 3" in coaching
        await pilot.press("enter")
        # authored lines by number
        assert conversation(app).session.state == "work-worry"
        await press_nth(pilot, 1)
        await pilot.press("enter")
        await press_nth(pilot, 1)
        await pilot.press("enter")
        assert conversation(app).session.state == "next-step"
        await press_nth(pilot, 1)  # "your-call" is offered: trust is high enough
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert text_of(app, "#verdict").startswith("Passed: overall")
        assert "She came back" in text_of(app, "#summary")
        assert "A path a skilled peer might take" in text_of(app, "#skilled")
    store = SqliteStore(db_path)
    [done] = store.sessions("t-test")
    assert done.completed_at is not None and done.passed and done.turns == 5
    store.close()


async def test_hold_back_and_try_another_way(make_app: MakeApp, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press("s")
        await pilot.press("ctrl+n")  # hold back
        assert isinstance(app.screen, FeedbackScreen)
        assert "Strategic selectivity: 3 of 3" in text_of(app, "#coaching")
        await pilot.press("r")  # try another way: back to the same beat
        screen = conversation(app)
        assert screen.session.state == "loud-again" and screen.session.transcript == []
        await press_nth(pilot, 2)
        await pilot.press("enter")
        assert conversation(app).session.state == "opening-up"
    store = SqliteStore(db_path)
    turns = store.turns(store.sessions("t-test")[0].session_id)
    assert [t.step for t in turns] == [Step(line="exhausting")]  # the retried turn replaced
    store.close()


async def test_leaving_after_try_another_way_resumes_at_the_retried_beat(
        make_app: MakeApp, db_path: Path) -> None:
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, first)
        await press_nth(pilot, 1)  # "Are you sure it isn't stress?"
        assert isinstance(first.screen, FeedbackScreen)
        await pilot.press("r")  # try another way, then leave at once
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(first.screen, HomeScreen)
    store = SqliteStore(db_path)
    session_id = store.sessions("t-test")[0].session_id
    assert store.turns(session_id) == []  # the choice taken back no longer stands...
    kept = store.load_state(session_id)  # ...but stays in the record as the first attempt
    assert [(e.attempt, e.turn.step.line) for e in kept.earlier] == [(1, "doubt")]
    assert kept.attempts == 2
    store.close()
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "enter")
        await pilot.pause()
        await pilot.press("enter")  # past the person's card: nothing was said yet
        screen = conversation(second)
        assert screen.session.state == "loud-again" and screen.session.transcript == []


async def test_assessment_mode_gives_no_feedback_until_the_end(make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        for key in (1, 2):  # doubt; just-doing-my-job
            await press_nth(pilot, key)
            assert not isinstance(app.screen, FeedbackScreen)
        await pilot.press("t")  # the transcript so far: what was said, never a score
        shown = text_of(app, "#transcript")
        assert "Are you sure it isn't stress?" in shown
        assert "judged" not in shown and "/3" not in shown
        await press_nth(pilot, "escape", 2)  # fill-the-silence: the end
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert text_of(app, "#verdict").startswith("Not passed: ")
        annotated = text_of(app, "#annotated")
        assert "judged" in annotated and "Radical acceptance" in annotated  # and why


async def test_safety_gate_shows_the_route(make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(app, "nothing-left")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter")  # notes, person, conversation
        assert conversation(app).engine.scenario.id == "nothing-left"
        await press_nth(pilot, 2)  # cheer-up
        await press_nth(pilot, 2)  # everyone-feels: minimises the risk
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        summary = text_of(app, "#summary")
        assert summary.startswith("SAFETY FIRST") and "supervisor" in summary


async def test_replay_from_a_turn_in_the_debrief(make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await press_nth(pilot, 1, 2, 2)
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        replay = app.screen.query_one("#replay", OptionList)
        await pilot.press("enter")  # the first enter goes to the list of turns
        assert app.screen.focused is replay and isinstance(app.screen, DebriefScreen)
        replay.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        screen = conversation(app)
        assert screen.session.state == "guarded" and len(screen.session.transcript) == 1


async def test_resume_after_an_abrupt_stop(make_app: MakeApp) -> None:
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, first)
        await press_nth(pilot, 2, "enter")  # exhausting, then continue past feedback
        assert conversation(first).session.state == "opening-up"
        session_id = conversation(first).session.session_id
    # the app stopped without finishing; a new one offers to resume at the same beat
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        picker = second.screen.query_one("#sessions", OptionList)
        assert picker.option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        screen = conversation(second)
        assert screen.session.session_id == session_id
        assert screen.session.state == "opening-up" and screen.session.variables["trust"] == 1


async def test_leave_saves_and_returns_home(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        assert len(app.ctx.store.unfinished("t-test")) == 1


async def test_help_and_quit(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Every choice is saved" in text_of(app, "#help-text")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_mode_and_deck_choice(make_app: MakeApp) -> None:
    from simulator.tui.screens.decks import DecksScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        assert app.ctx.mode == "assessment" and "assessment" in text_of(app, "#whoami")
        await pilot.press("d")
        assert isinstance(app.screen, DecksScreen)
        decks = app.screen.query_one("#deck-list", OptionList)
        ids = [decks.get_option_at_index(i).id for i in range(decks.option_count)]
        assert ids[0] == "" and {"robin", "jun", "dee"} <= set(ids)
        assert decks.highlighted == 0  # each scenario's own deck, as the home screen said
        decks.highlighted = ids.index("robin")
        await pilot.pause()
        pieces = app.screen.query_one("#deck-fragments", OptionList)
        titles = [str(pieces.get_option_at_index(i).prompt) for i in range(pieces.option_count)]
        assert "Writing down what the voices said" in titles
        assert "Robin" in text_of(app, "#deck-about")
        await pilot.press("tab", "tab")  # past the deck's description, to its pieces
        assert app.screen.focused is pieces
        pieces.highlighted = titles.index("Writing down what the voices said")
        await pilot.pause()
        detail = text_of(app, "#fragment-detail")
        assert "with the time" in detail  # the piece's own words
        assert "what helped" in detail and "Detail: 1 of 3" in detail
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.ctx.deck_id == "robin" and "Robin's story" in text_of(app, "#whoami")
        await pilot.press("d")
        assert app.screen.query_one("#deck-list", OptionList).highlighted == ids.index("robin")
        await pilot.press("escape")  # back, keeping Robin's deck
        assert app.ctx.deck_id == "robin"
        await pilot.press("d")
        app.screen.query_one("#deck-list", OptionList).highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert app.ctx.deck_id is None and "scenario's practice deck" in text_of(app, "#whoami")


async def test_choosing_who_is_training(make_app: MakeApp) -> None:
    from textual.widgets import Input

    from simulator.paths import data_dir
    from simulator.tui.screens.identity import IdentityScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, IdentityScreen)
        app.screen.query_one("#trainee", Input).value = "no spaces allowed"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, IdentityScreen)  # refused, with a reason
        assert "not a valid trainee id" in text_of(app, "#identity-error")
        app.screen.query_one("#trainee", Input).value = "T.Upper_Case"  # a trainer's
        await pilot.press("ctrl+s")  # cohort add would refuse it, so this does too
        assert isinstance(app.screen, IdentityScreen)
        app.screen.query_one("#trainee", Input).value = "t-from-trainer"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        assert app.ctx.trainee_id == "t-from-trainer" and "t-from-trainer" in text_of(
            app, "#whoami")
    assert (data_dir() / "trainee-id").read_text().strip() == "t-from-trainer"


async def test_a_trainee_id_that_cannot_be_kept_stays_typed_with_the_reason(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    from simulator.tui.screens.identity import IdentityScreen

    def refuse(_store: object, _trainee: str) -> str:
        raise PermissionError(13, "Permission denied", "trainee-id")

    monkeypatch.setattr("simulator.records.identity.remember_trainee", refuse)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        app.screen.query_one("#trainee", Input).value = "t-from-trainer"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, IdentityScreen)  # not closed: nothing typed is lost
        assert app.screen.query_one("#trainee", Input).value == "t-from-trainer"
        assert "could not be kept on this computer (Permission denied)" in text_of(
            app, "#identity-error")
        assert app.ctx.trainee_id == "t-test"


def footer_labels(app: PeersimApp) -> list[str]:
    from simulator.tui.compat import footer_key_labels

    return footer_key_labels(app.screen)


async def test_every_screen_shows_enter_in_its_footer_and_enter_presses_the_focus(
        make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        highlight(app, "loud-again")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentNotesScreen)
        assert "Continue" in footer_labels(app)
        await pilot.press("tab")  # to "Go back": Enter now answers with that button
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await start_loud_again(pilot, app)
        assert footer_labels(app)[:1] == ["Choose"]  # the number keys, shown as 1-9
        await press_nth(pilot, 1)
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert "Continue" in footer_labels(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationScreen)


async def test_the_debrief_transcript_names_the_person_at_every_turn(make_app: MakeApp) -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await press_nth(pilot, 1, 2, 2)
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        annotated = text_of(app, "#annotated")
        assert annotated.count("Dani: ") == 3


async def test_a_store_failure_keeps_the_choice_and_says_so(make_app: MakeApp) -> None:
    from simulator.records import StoreError

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        store = app.ctx.store
        real = store.record_turn
        failing = True

        def flaky(session: object, turn: object) -> None:
            if failing:
                raise StoreError("the records database is locked; try again in a moment")
            real(session, turn)  # type: ignore[arg-type]

        store.record_turn = flaky  # type: ignore[method-assign]
        notices: list[str] = []
        notify = app.notify

        def noting(message: str, **kwargs: object) -> None:
            notices.append(message)
            notify(message, **kwargs)  # type: ignore[arg-type]

        app.notify = noting  # type: ignore[method-assign]
        await press_nth(pilot, 2)  # "exhausting": the store refuses it
        await pilot.pause()
        screen = conversation(app)  # no crash, no feedback for an unsaved choice
        assert screen.session.transcript == [] and screen.unsaved is not None
        assert any("could not be saved yet" in m and "ctrl+s" in m for m in notices)
        await pilot.press("escape")  # leaving would lose it: refused, and said
        assert isinstance(app.screen, ConversationScreen)
        failing = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        assert [t.step.line for t in conversation_after(app).session.transcript] == ["exhausting"]
        assert app.ctx.store.load_state(screen.session.session_id).transcript[0].step \
            == Step(line="exhausting")


def conversation_after(app: PeersimApp) -> ConversationScreen:
    """The conversation under the feedback dialog."""
    return next(s for s in app.screen_stack if isinstance(s, ConversationScreen))


async def pick_ask(pilot: Pilot[None], ask: str) -> None:
    """Choose what they want from you in the reflect dialog (nothing is preselected)."""
    pilot.app.screen.query_one(f"#ask-{ask}", RadioButton).value = True
    await pilot.pause()


async def reflect(pilot: Pilot[None], *themes: str, ask: str = "validation") -> None:
    """Open the reflect dialog, tick ``themes`` and what they want, and reflect."""
    await pilot.press("f")
    for theme in themes:
        pilot.app.screen.query_one("#heard", SelectionList).select(theme)
    await pick_ask(pilot, ask)
    await pilot.press("ctrl+s")


async def test_reflect_then_share_at_one_beat_is_one_turn(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await reflect(pilot, "not-believed", "voices")
        await pilot.press("f")  # a second reflection is not on offer: respond now
        assert isinstance(app.screen, ConversationScreen)
        await pilot.press("s")
        assert isinstance(app.screen, ShareScreen)
        app.screen.query_one("#fragments").select("writing-them-down")
        await pilot.press("tab", "space", "tab", "tab", "space")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FeedbackScreen)
        coaching = text_of(app, "#coaching")
        assert coaching.index("Your reflection") < coaching.index("Listening accuracy") \
            < coaching.index("Your response") < coaching.index("Strategic selectivity")
        session = conversation_after(app).session
        [turn] = session.transcript
        assert turn.step.reflect is not None and turn.step.share is not None
        assert turn.reflection is not None
        saved = app.ctx.store.load_state(session.session_id).transcript
        assert saved == [turn] and turn.reflection.score.scores and turn.response


async def test_escape_takes_back_an_unanswered_reflection_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        await reflect(pilot, "voices")
        assert conversation(app).heard is not None
        await pilot.press("escape")
        assert isinstance(app.screen, ConversationScreen) and conversation(app).heard is None
        assert "Step 1 listen" in text_of(app, "#steps")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_a_reflection_is_kept_when_the_terminal_closes(make_app: MakeApp) -> None:
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, first)
        await reflect(pilot, "voices")
        assert conversation(first).heard is not None
    second = make_app()  # the terminal closed before the response; start again
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "enter")
        await pilot.pause()
        if isinstance(second.screen, PersonaScreen):  # the person's card, if it opens
            await pilot.press("enter")
        screen = conversation(second)
        assert screen.heard is not None and screen.heard.step.concerns == ["voices"]
        assert "Reflected ✓ · respond:" in text_of(second, "#steps")
        assert "You reflected" in text_of(second, "#says")


async def test_home_says_where_a_scenario_is_set_and_decks_show_their_content_notes(
        make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        highlight(app, "loud-again")
        await pilot.pause()
        setting = " ".join(app.ctx.library.scenario("loud-again").setting.split())
        assert setting and f"Where: {setting}" in text_of(app, "#detail")
        await pilot.press("d")
        await pilot.pause()
        deck = next(d for d in app.ctx.decks().values() if d.content_notes)
        screen = app.screen
        screen.show_deck(deck.id)  # type: ignore[attr-defined]
        await pilot.pause()
        assert "Content notes: " + deck.content_notes[0] in text_of(app, "#deck-about")
