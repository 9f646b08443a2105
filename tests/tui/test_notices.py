"""Notices at 80x24 (issue 23, item 6): they show at the top right, never over the
choices a trainee is about to make, nor over a review's comments."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList
from textual.widgets._toast import Toast

from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.launch_review import cohort_screen
from simulator.tui.screens.review import TrainerReviewScreen, WriteScreen
from tests.tui.conftest import MakeApp, spring_store
from tests.tui.test_flows import start_loud_again

SIZE = (80, 24)


def _toasts(app: PeersimApp) -> list[Toast]:
    shown = list(app.screen.query(Toast))
    assert shown, "no notice on screen"
    return shown


async def test_a_notice_never_covers_the_choices(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_loud_again(pilot, app)
        app.screen.notify("Reflecting is not on offer at this moment. You have reflected;"
                          " now respond.")
        await pilot.pause()
        choices = app.screen.query_one("#choices", OptionList).region
        for toast in _toasts(app):
            assert not toast.region.overlaps(choices)


async def test_a_notice_leaves_the_review_readable(tmp_path: Path, shipped: Library) -> None:
    store = spring_store(tmp_path / "records.sqlite3", shipped, [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                     first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, TrainerReviewScreen)
        await pilot.press("n")
        assert isinstance(app.screen, WriteScreen)
        from textual.widgets import TextArea

        app.screen.query_one(TextArea).text = "A steady, kind conversation."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TrainerReviewScreen)
        items = app.screen.query_one("#review-items", OptionList).region
        for toast in _toasts(app):
            # above the list's second line at most: the review head, not a turn or comment
            assert toast.region.bottom <= items.y + 1
    store.close()


async def test_the_notes_screen_keeps_the_sessions_head_in_view(tmp_path: Path,
                                                                shipped: Library) -> None:
    from simulator.records.review import Reviews
    from simulator.tui.launch_review import open_for_trainee
    from simulator.tui.screens.review import TraineeReviewScreen

    store = spring_store(tmp_path / "records.sqlite3", shipped, [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])
    Reviews(store).add("s-1", kind="strength", author="Dana", role="trainer", turn=0,
                       body="You named her tiredness before anything else, and that let her"
                            " feel heard. Keep doing that.")
    app = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test"))
    async with app.run_test(size=SIZE) as pilot:
        open_for_trainee(app, "s-1")
        await pilot.pause()
        assert isinstance(app.screen, TraineeReviewScreen)
        widget, _region = app.screen.get_widget_at(2, 1)  # the line under the header
        assert widget.id == "review-head"
        items = app.screen.query_one("#review-items", OptionList)
        assert items.region.bottom <= SIZE[1] - 1  # the list ends above the footer
    store.close()
