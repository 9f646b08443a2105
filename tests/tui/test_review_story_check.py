"""The story check in the app at 80x24: a trainer quoting a piece's title with a
look-alike letter is refused, and so is a trainee quoting their own deck kept in the
store (the served app's shelf) even when the screen was given no own decks."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from simulator.loading.library import Library
from simulator.owndecks import render
from simulator.records.access import put_own_deck
from simulator.records.review import Reviews
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.launch_review import cohort_screen
from simulator.tui.screens.review import TraineeReviewScreen
from simulator.tui.screens.write import WriteScreen
from tests.tui.test_review import _items, _write, store

__all__ = ["store"]  # the review tests' fixture: t-test's finished loud-again session


def _refused(app: PeersimApp) -> str:
    """The reason a refused comment gives beside the words (the dialog stays open)."""
    assert isinstance(app.screen, WriteScreen)
    return str(app.screen.query_one("#write-error", Static).render())


async def test_a_title_with_a_lookalike_letter_is_refused(store: SqliteStore,
                                                          shipped: Library) -> None:
    trainer = PeersimApp(AppContext(shipped, store=store, trainee_id="Dana"),
                         first_screen=lambda: cohort_screen(store, "spring", "Dana", shipped))
    async with trainer.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "c")
        await _write(trainer, pilot, "Your \u200bWriting d\u043ewn what the voices said: good.")
        assert "quotes the story" in _refused(trainer)
    assert Reviews(store).entries("s-1") == []


async def test_a_trainee_quoting_their_stored_deck_is_refused(store: SqliteStore,
                                                              shipped: Library) -> None:
    robin = shipped.deck("robin")
    piece = robin.fragments[0].model_copy(update={
        "id": "kite", "title": "Kite over Harlow marsh",
        "text": "The orange kite drifted over Harlow marsh while my brother kept quiet."})
    put_own_deck(store, "t-test", "my-story",
                 render(robin.model_copy(update={"id": "my-story", "fragments": [piece]})))
    Reviews(store).add("s-1", kind="note", author="Dana", role="trainer",
                       body="A steady, kind conversation.")
    trainee = PeersimApp(AppContext(shipped, store=store, trainee_id="t-test"),
                         first_screen=lambda: TraineeReviewScreen(store, "s-1", shipped,
                                                                  me="t-test"))
    async with trainee.run_test(size=(80, 24)) as pilot:
        note = next(i for i, t in enumerate(_items(trainee)) if "Overall note" in t)
        trainee.screen.query_one("#review-items", OptionList).highlighted = note
        await pilot.press("r")
        await _write(trainee, pilot, "Like the orange kite drifted over Harlow, I was calm.")
        assert "quotes the story" in _refused(trainee)
    assert [e.kind for e in Reviews(store).entries("s-1")] == ["note"]
