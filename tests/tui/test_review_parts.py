"""Review and notes in the app, at 80x24: every part of a two-part turn, each with its
own scores labelled, and the "I disagree" list telling the parts apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, RadioButton, TextArea

from simulator.loading.library import Library
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.records.review import Reviews
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.launch_review import cohort_screen
from simulator.tui.screens.review import TraineeReviewScreen, TrainerReviewScreen, WriteScreen
from tests.tui.conftest import spring_store

HEARD = ReflectStep(concerns=["voices", "not-believed"], asks_for="validation")


@pytest.fixture
def store(tmp_path: Path, shipped: Library) -> SqliteStore:
    """t-test reflected and then shared, in one turn (cohort spring)."""
    return spring_store(tmp_path / "records.sqlite3", shipped, [Step(
        reflect=HEARD, share=ShareStep(fragments=["writing-them-down"], permission=True,
                                       hand_back=True))])


def _shown(app: PeersimApp) -> str:
    items = app.screen.query_one("#review-items", OptionList)
    return "\n".join(str(items.get_option_at_index(i).prompt)
                     for i in range(items.option_count))


def _both_parts(shown: str) -> None:
    reflection = shown.index("Reflection: heard")
    response = shown.index("Response: shared 'Writing down what the voices said'")
    assert reflection < shown.index("the reflection judged strong") < response
    assert "asked first" in shown[response:] and "handed the focus back" in shown[response:]
    assert "the response judged" in shown[response:]
    assert "selectivity" not in shown[reflection:response].lower()
    assert "selectivity 2/3" in shown[response:].lower()


async def test_the_trainer_sees_both_parts_and_disputes_one_part_s_score(
        store: SqliteStore, shipped: Library) -> None:
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                     first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TrainerReviewScreen)
        _both_parts(_shown(app))
        await pilot.press("g")  # I disagree
        assert isinstance(app.screen, WriteScreen)
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert len(labels) == len(set(labels))
        assert any(label.startswith("Reflection: ") and label.endswith("(3/3)")
                   for label in labels), labels
        assert any(label.startswith("Response: ") for label in labels), labels
        which = next(i for i, label in enumerate(labels) if label.startswith("Reflection"))
        app.screen.query(RadioButton)[which].value = True
        app.screen.query_one(TextArea).text = "I think they heard only half."
        await pilot.press("ctrl+s")
        await pilot.pause()
    (flag,) = Reviews(store).entries("s-1")
    assert flag.kind == "flag" and flag.criterion is not None
    assert flag.body == "On the reflection: I think they heard only half."


async def test_the_trainee_s_notes_show_both_parts(store: SqliteStore,
                                                   shipped: Library) -> None:
    Reviews(store).add("s-1", kind="strength", author="Dana", role="trainer", turn=0,
                       body="You heard her first.")
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.press("enter")
        assert isinstance(app.screen, TraineeReviewScreen)
        _both_parts(_shown(app))
