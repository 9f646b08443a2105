"""Pilot tests: a trainer comments on a session in the app, and the trainee sees it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import OptionList, RadioButton, Static, TextArea

from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.records.review import Reviews
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.launch_review import cohort_screen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.review import (
    SessionsScreen,
    TraineeReviewScreen,
    TrainerReviewScreen,
    WriteScreen,
)
from tests.tui.conftest import spring_store


@pytest.fixture
def store(tmp_path: Path, shipped: Library) -> SqliteStore:
    """t-test has one finished loud-again session, in cohort spring."""
    return spring_store(tmp_path / "records.sqlite3", shipped, [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])


def _items(app: PeersimApp) -> list[str]:
    items = app.screen.query_one("#review-items", OptionList)
    return [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]


async def _write(app: PeersimApp, pilot: object, text: str, choice: int = 0) -> None:
    from textual.pilot import Pilot
    from textual.widgets import RadioSet

    assert isinstance(pilot, Pilot)
    assert isinstance(app.screen, WriteScreen)
    if choice:
        radios = app.screen.query_one(RadioSet)
        radios.query("RadioButton")[choice].value = True
    app.screen.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_trainer_comments_and_the_trainee_sees_it_and_replies(
        store: SqliteStore, shipped: Library) -> None:
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    async with trainer.run_test(size=(100, 36)) as pilot:
        assert isinstance(trainer.screen, SessionsScreen)
        await pilot.press("enter")
        assert isinstance(trainer.screen, TrainerReviewScreen)
        shown = "\n".join(_items(trainer))
        assert "Turn 1. Dani:" in shown and "Turn 2." in shown  # every turn ...
        assert "/3:" in shown  # ... with every score and reason
        await pilot.press("c")  # on turn 1, highlighted first
        await _write(trainer, pilot, "You named her tiredness before anything else.")
        await pilot.press("down", "down")  # turn 2 (below the new comment on turn 1)
        await pilot.press("p")  # the two co-reflection prompts about turn 2
        await pilot.press("n")
        await _write(trainer, pilot, "A steady, kind conversation.")
        shown = "\n".join(_items(trainer))
        assert "Strength · Dana (trainer): You named her tiredness" in shown
        assert "Overall note · Dana (trainer): A steady, kind conversation." in shown
        assert shown.count("Co-reflection prompt · Dana") == 2
    kinds = [e.kind for e in Reviews(store).entries("s-1")]
    assert kinds == ["strength", "prompt", "prompt", "note"]

    trainee = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test"))
    told = asyncio.Event()  # the notes are checked just after the home screen paints

    def notice(message: Message) -> None:
        if isinstance(message, Notify) and "new note" in message.notification.message:
            told.set()

    async with trainee.run_test(size=(100, 36), message_hook=notice) as pilot:
        assert isinstance(trainee.screen, HomeScreen)
        await asyncio.wait_for(told.wait(), 30)
        await pilot.pause()  # the notice posted, and shown
        said = [n.message for n in trainee._notifications]
        assert any("4 new notes" in m and "Press v" in m for m in said), said
        await pilot.press("v")
        assert isinstance(trainee.screen, SessionsScreen)
        listed = trainee.screen.query_one("#sessions", OptionList)
        assert "4 NEW" in str(listed.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert isinstance(trainee.screen, TraineeReviewScreen)
        items = _items(trainee)
        strength = next(i for i, t in enumerate(items) if "Strength · Dana" in t)
        trainee.screen.query_one("#review-items", OptionList).highlighted = strength
        await pilot.press("r")
        await _write(trainee, pilot, "Thank you, I was unsure about that.")
        prompt = next(i for i, t in enumerate(_items(trainee)) if "Co-reflection" in t)
        trainee.screen.query_one("#review-items", OptionList).highlighted = prompt
        await pilot.press("r")
        await _write(trainee, pilot, "I noticed I wanted to fix it for her.")
        trainee.screen.query_one("#review-items", OptionList).highlighted = 0  # turn 1
        await pilot.press("g")
        await _write(trainee, pilot, "I think I did hear both worries here.")
        await pilot.press("l")
        await _write(trainee, pilot, "That sounds exhausting. What helps, even a little?")
        shown = "\n".join(_items(trainee))
        assert "Reply · t-test (trainee): Thank you" in shown
        assert "Answer · t-test (trainee): I noticed" in shown
        await pilot.press("escape")
        assert "NEW" not in str(trainee.screen.query_one("#sessions", OptionList)
                                .get_option_at_index(0).prompt)
    reviews = Reviews(store)
    assert reviews.unread("t-test") == []
    assert [e.kind for e in reviews.unread("t-test", reader="Dana")] == [
        "reply", "answer", "flag", "proposal"]
    proposal = reviews.entries("s-1")[-1]
    assert proposal.turn == 0 and proposal.beat == "loud-again"


async def test_a_comment_quoting_the_shared_story_is_refused_in_the_app(
        store: SqliteStore, shipped: Library) -> None:
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    typed = "Quote: I noticed they were worse when I hadn't slept."
    async with trainer.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "c")
        await _write(trainer, pilot, typed, choice=2)  # a suggestion
        # refused: the dialog stays, with every word typed and the reason under them
        assert isinstance(trainer.screen, WriteScreen)
        assert trainer.screen.query_one(TextArea).text == typed
        reason = str(trainer.screen.query_one("#write-error", Static).render())
        assert "Not saved" in reason and "quotes the story" in reason
        assert trainer.screen.query_one("#write-error").region.height > 0  # in view at 80x24
        assert trainer.screen.query(RadioButton)[2].value  # the choice is kept too
        assert Reviews(store).entries("s-1") == []
        await _write(trainer, pilot, "You noticed what sleep does for them.", choice=2)
        assert isinstance(trainer.screen, TrainerReviewScreen)
    (entry,) = Reviews(store).entries("s-1")
    assert entry.kind == "suggestion" and entry.body == "You noticed what sleep does for them."


async def test_an_empty_comment_is_refused_beside_the_field(
        store: SqliteStore, shipped: Library) -> None:
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    async with trainer.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "c")
        await _write(trainer, pilot, "   ")
        assert isinstance(trainer.screen, WriteScreen)
        assert "Write something first" in str(
            trainer.screen.query_one("#write-error", Static).render())


async def test_words_put_aside_with_escape_come_back(store: SqliteStore,
                                                     shipped: Library) -> None:
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    async with trainer.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "c")
        trainer.screen.query_one(TextArea).text = "You waited until she asked."
        await pilot.press("escape")
        assert isinstance(trainer.screen, TrainerReviewScreen)
        said = [n.message for n in trainer._notifications]
        assert any("Your words are kept" in m for m in said), said
        await pilot.press("c")  # the same turn: the words are back
        assert trainer.screen.query_one(TextArea).text == "You waited until she asked."
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("c")  # saved: the next comment starts empty
        assert trainer.screen.query_one(TextArea).text == ""
    assert [e.body for e in Reviews(store).entries("s-1")] == ["You waited until she asked."]
