"""Pilot tests at 80x24: the trainee opens their record of growth from home and sets a
goal; the trainer opens it from the cohort's sessions and agrees to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.records.goals import Goals
from simulator.records.peer_review import PeerReviews
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.launch_review import cohort_screen
from simulator.tui.screens.growth import GrowthScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.write import WriteScreen
from tests.tui.conftest import spring_store

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path: Path, shipped: Library) -> SqliteStore:
    """t-test, in cohort spring, has one finished loud-again session (s-1)."""
    return spring_store(tmp_path / "records.sqlite3", shipped, [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])


async def test_a_trainee_sets_a_goal_and_the_trainer_agrees_to_it(
        store: SqliteStore, shipped: Library) -> None:
    [session] = store.sessions("t-test")
    PeerReviews(store).supervise(session.session_id, kind="strength", author="Dana",
                                 body="You waited before sharing.", stance="peer-supervisor")
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test", mode="practice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GrowthScreen)
        shown = str(app.screen.query_one("#growth", Static).render())
        assert "Each criterion over time" in shown
        assert "You waited before sharing. (Dana, peer supervisor)" in shown
        if app.ctx.library_ready:  # criteria by name once the library is in memory
            assert "Listening accuracy:" in shown
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        app.screen.query_one(TextArea).text = "Ask before I share my story"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GrowthScreen)
        goals = app.screen.query_one("#goals", OptionList)
        assert "waiting for the trainer to agree" in str(goals.get_option_at_index(0).prompt)
    [goal] = Goals(store).of_trainee("t-test")
    assert (goal.body, goal.role, goal.set_by) == ("Ask before I share my story", "trainee",
                                                   "t-test")
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped),
                         trainer=True)
    async with trainer.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sessions = trainer.screen.query_one("#sessions", OptionList)
        sessions.highlighted = next(i for i in range(sessions.option_count)
                                    if sessions.get_option_at_index(i).id
                                    == session.session_id)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(trainer.screen, GrowthScreen)
        assert trainer.screen.trainee_id == "t-test"
        shown = str(trainer.screen.query_one("#growth", Static).render())
        assert "Listening accuracy:" in shown and "  listening:" not in shown
        goals = trainer.screen.query_one("#goals", OptionList)
        goals.highlighted = 0
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(trainer.screen, WriteScreen)
        await pilot.press("ctrl+s")  # "agreed" is the first choice; the note is optional
        await pilot.pause()
        assert isinstance(trainer.screen, GrowthScreen)
        line = str(goals.get_option_at_index(0).prompt)
        assert line == "Ask before I share my story: agreed"
    [goal] = Goals(store).of_trainee("t-test")
    assert goal.agreed and [(r.by, r.role) for r in goal.revisits] == [("Dana", "trainer")]


async def test_the_review_shows_each_reviewers_stated_role(
        store: SqliteStore, shipped: Library) -> None:
    from simulator.tui.screens.review import TrainerReviewScreen

    [session] = store.sessions("t-test")
    PeerReviews(store).supervise(session.session_id, kind="note", author="Sam",
                                 body="Warm throughout.", stance="non-peer-supervisor")
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: TrainerReviewScreen(
                             store, session.session_id, shipped, me="Dana"), trainer=True)
    async with trainer.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = trainer.screen.query_one("#review-items", OptionList)
        shown = [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]
        assert any("Sam (trainer, non-peer supervisor): Warm throughout." in line
                   for line in shown)


async def test_two_trainees_agree_and_one_comments_as_a_peer(
        store: SqliteStore, shipped: Library) -> None:
    from simulator.tui.screens.peer import PeerReviewScreen, PeerSessionsScreen

    [session] = store.sessions("t-test")
    PeerReviews(store).invite("t-test", "t-peer")  # t-test lets t-peer review their sessions
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-peer", mode="practice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PeerSessionsScreen)
        rows = app.screen.query_one("#sessions", OptionList)
        assert "t-test invited you: a accepts" in str(rows.get_option_at_index(0).prompt)
        rows.highlighted = 0
        await pilot.press("enter")  # only a description: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, PeerSessionsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        app.screen.query_one(TextArea).text = "t-test"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeerSessionsScreen)
        ids = [rows.get_option_at_index(i).id for i in range(rows.option_count)]
        assert session.session_id in ids
        rows.highlighted = ids.index(session.session_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PeerReviewScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        app.screen.query_one(TextArea).text = "You let them lead."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PeerReviewScreen)
    [entry] = [e for e in PeerReviews(store).entries_for("t-test", session.session_id)
               if e.author == "t-peer"]
    assert (entry.kind, entry.role, entry.body) == ("strength", "trainee", "You let them lead.")
    assert PeerReviews(store).stances(session.session_id)[entry.id] == "peer-trainee"
    PeerReviews(store).withdraw("t-test", "t-peer")
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-peer", mode="practice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        rows = app.screen.query_one("#sessions", OptionList)
        ids = [rows.get_option_at_index(i).id for i in range(rows.option_count)]
        assert session.session_id not in ids  # withdrawn: the session is gone from the list
