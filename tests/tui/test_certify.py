"""Pilot tests at 80x24: a trainer assigns, the trainee attempts in assessment mode,
the trainer signs off with an override and resolves a flag; "I need to talk" shows first
in the trainer's list; a safety-gated session notifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static, TextArea

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records.assignments import Assignments
from simulator.records.help_requests import HelpRequests
from simulator.records.resolutions import Resolutions
from simulator.records.review import Reviews
from simulator.records.signoff import SignOffs
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.launch_review import cohort_screen, waiting_lines
from simulator.tui.screens.certification import CertificationScreen
from simulator.tui.screens.cohort_sessions import CohortSessionsScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.dashboard import DashboardScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.review import TraineeReviewScreen, TrainerReviewScreen
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


def _assessed(store: SqliteStore, shipped: Library, sid: str, steps: list[Step],
              scenario: str = "loud-again") -> None:
    engine = Engine(shipped.scenario(scenario), shipped.rubric("core"), shipped.deck("robin"),
                    label=shipped.theme_label)
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-test", mode="assessment", session_id=sid)
    for step in steps:
        service.choose(practice, step)
    service.finish(practice)


def _items(app: PeersimApp) -> list[str]:
    items = app.screen.query_one(OptionList)
    return [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]


async def _write(app: PeersimApp, pilot: object, text: str, choice: int = 0) -> None:
    from textual.pilot import Pilot
    from textual.widgets import RadioSet

    assert isinstance(pilot, Pilot) and isinstance(app.screen, WriteScreen)
    if choice:
        app.screen.query_one(RadioSet).query("RadioButton")[choice].value = True
    app.screen.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_an_assigned_scenario_is_attempted_as_an_assessment_from_home(
        store: SqliteStore, shipped: Library) -> None:
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped),
                         trainer=True)
    async with trainer.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(trainer.screen, WriteScreen)
        radios = list(trainer.screen.query("RadioButton"))
        which = next(i for i, r in enumerate(radios) if "Loud again" in str(r.label))
        await _write(trainer, pilot, "31 January", choice=which)
        error = str(trainer.screen.query_one("#write-error", Static).render())
        assert "YYYY-MM-DD" in error  # refused, the dialog stays with the words
        await _write(trainer, pilot, "2099-01-31", choice=which)
        assert isinstance(trainer.screen, CohortSessionsScreen)
    [made] = Assignments(store).all("spring")
    assert (made.scenario_id, made.due, made.assigned_by) == ("loud-again", "2099-01-31",
                                                              "Dana")
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test", mode="practice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        line = str(app.screen.query_one("#assigned", Static).render())
        assert "Assigned: Loud again, due 2099-01-31" in line
        table = app.screen.query_one("#library", DataTable)
        table.move_cursor(row=table.get_row_index("loud-again"))
        await pilot.pause()
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "records an assessment" in " ".join(detail.split())
        for _ in range(3):  # the content notes and the person's card come first
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, ConversationScreen):
                break
        assert isinstance(app.screen, ConversationScreen)
        assert app.screen.mode == "assessment" and app.ctx.mode == "practice"
    [started] = store.unfinished("t-test")
    assert started.mode == "assessment"
    assert Assignments(store).of_session(started.session_id) == made.id


async def test_a_trainer_signs_off_with_an_override_and_resolves_a_flag(
        store: SqliteStore, shipped: Library) -> None:
    _assessed(store, shipped, "s-2", [Step(line="exhausting"), Step(share=ShareStep(
        fragments=["writing-them-down"], permission=True, hand_back=True))])
    scored = store.sessions("t-test")[0]
    assert scored.session_id == "s-2" and scored.passed is not None
    flag = Reviews(store).add("s-2", kind="flag", author="t-test", role="trainee", turn=0,
                              body="I think I heard her well here.")
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: TrainerReviewScreen(store, "s-2", shipped,
                                                                  me="Dana"), trainer=True)
    async with trainer.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        choice = 0 if not scored.passed else 1  # the verdict the rubric did not give
        await _write(trainer, pilot, "Having watched it all, my verdict differs.",
                     choice=choice)
        assert isinstance(trainer.screen, TrainerReviewScreen)
        head = str(trainer.screen.query_one("#review-head", Static).render())
        assert "Sign-off: Signed off by Dana" in head and "overriding" in " ".join(
            head.split())
        items = _items(trainer)
        trainer.screen.query_one(OptionList).highlighted = next(
            i for i, t in enumerate(items) if "I disagree" in t)
        await pilot.press("d")
        await _write(trainer, pilot, "Yes: you named both worries.")  # Accept
        assert any("→ Accepted by Dana: Yes: you named both worries." in t
                   for t in _items(trainer))
    cohort = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                        first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped),
                        trainer=True)
    async with cohort.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(cohort.screen, CertificationScreen)
        shown = str(cohort.screen.query_one("#certification", Static).render())
        assert "t-test: 1 signed off, 0 open" in shown and "by Dana, override" in shown
    latest = SignOffs(store).latest("s-2")
    assert latest is not None and latest.overrides and latest.mechanical is scored.passed
    assert Resolutions(store).of_session("s-2")[flag.id].state == "accepted"
    trainee = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test"))
    async with trainee.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")  # notes and sign-offs on your sessions
        await pilot.pause()
        listed = _items(trainee)
        assert any("signed off: " in t for t in listed), listed
        trainee.screen.query_one(OptionList).highlighted = next(
            i for i, t in enumerate(listed) if "signed off" in t)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(trainee.screen, TraineeReviewScreen)
        head = " ".join(str(trainee.screen.query_one("#review-head", Static).render()).split())
        assert "Signed off by Dana" in head and "my verdict differs" in head
        assert any("→ Accepted by Dana" in t for t in _items(trainee))


async def test_i_need_to_talk_comes_first_in_the_trainers_list(
        store: SqliteStore, shipped: Library) -> None:
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, WriteScreen)
        await pilot.press("ctrl+s")  # the note is optional
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Your supervisor will see" in n.message for n in app._notifications)
    [asked] = HelpRequests(store).open("spring")
    assert (asked.trainee_id, asked.reason, asked.note) == ("t-test", "asked", "")
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped),
                         trainer=True)
    async with trainer.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(trainer.screen, CohortSessionsScreen)
        items = _items(trainer)
        assert items[0].startswith("WAITING TO TALK  t-test asks to talk")
        assert "s-1" not in items[0] and len(items) == 2
        await pilot.press("ctrl+g")  # not the trainer's key
        assert isinstance(trainer.screen, CohortSessionsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert not any("WAITING" in t for t in _items(trainer))
    assert HelpRequests(store).open("spring") == []


async def test_a_safety_gated_session_notifies_the_supervisor(
        store: SqliteStore, shipped: Library) -> None:
    _assessed(store, shipped, "s-gate", [
        Step(line="tell-me-more"),
        Step(share=ShareStep(fragments=["wanting-to-disappear"], permission=True))],
        scenario="nothing-left")
    piece = shipped.deck("robin").fragment("wanting-to-disappear")
    assert piece is not None
    lines = waiting_lines(store, "spring")
    assert any("met a safety gate in session s-gate" in line for line in lines)
    assert not any(piece.title in line for line in lines)
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped),
                         trainer=True)
    async with trainer.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "met a safety gate in session s-gate" in _items(trainer)[0]
        await pilot.press("enter")  # opens the session the notice is about
        await pilot.pause()
        assert isinstance(trainer.screen, TrainerReviewScreen)
        assert trainer.screen.session_id == "s-gate"
    from simulator.records.assignments import selection_for
    from simulator.records.cohort_queries import dashboard

    counting = selection_for(store, "spring", None)
    board = PeersimApp(AppContext(shipped, store=store, trainee_id="trainer"),
                       first_screen=lambda: DashboardScreen(
                           dashboard(store, "spring", counting),
                           waiting=lambda: waiting_lines(store, "spring"),
                           counting=counting.describe()), trainer=True)
    async with board.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = str(board.screen.query_one("#waiting", Static).render())
        assert shown.startswith("Waiting to talk (") and "safety gate" in shown
        title = str(board.screen.query_one("#cohort-title", Static).render())
        assert "counting all sessions (by default: nothing is assigned yet)" in title
