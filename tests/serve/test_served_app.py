"""The app as the classroom server runs it: as one person, with their own deck only."""

from __future__ import annotations

import sqlite3
import time

import pytest

from simulator.app_library import AppLibrary
from simulator.library_index import write_index
from simulator.loading.library import Library
from simulator.owndecks import OWN_DECK_ID
from simulator.records.served_decks import StoreShelf
from simulator.records.sql_store import SqlStore
from simulator.tui.launch import launch
from simulator.tui.screens.dashboard import DashboardScreen
from simulator.tui.screens.deck_editor import DeckEditorScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.review import SessionsScreen
from simulator.tui.served import ServedAs, build_served_app, served_as
from tests.serve.conftest import Class, deck_of

GOOD = {"PEERSIM_SERVED_ROLE": "trainee", "PEERSIM_SERVED_PERSON": "t-aaaaaaaaaaaa",
        "PEERSIM_SERVED_COHORT": "spring"}


def test_the_identity_comes_whole_or_not_at_all() -> None:
    assert served_as({}) is None
    assert served_as(GOOD) == ServedAs("trainee", "t-aaaaaaaaaaaa", "spring")
    for broken in ({**GOOD, "PEERSIM_SERVED_ROLE": "admin"},
                   {**GOOD, "PEERSIM_SERVED_PERSON": ""},
                   {**GOOD, "PEERSIM_SERVED_PERSON": "t-a; rm -rf /"},
                   {**GOOD, "PEERSIM_SERVED_COHORT": "../spring"}):
        with pytest.raises(ValueError):
            served_as(broken)


def test_a_broken_identity_does_not_start_the_app(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PEERSIM_SERVED_ROLE", "trainee")
    assert launch([]) == 2
    assert "not started for a classroom" in capsys.readouterr().err


def test_a_shelf_holds_its_own_trainee_s_decks(store: SqlStore, klass: Class) -> None:
    mine, _ = StoreShelf(store, klass.a).load()
    theirs, _ = StoreShelf(store, klass.b).load()
    assert mine[OWN_DECK_ID].fragments[0].title == "Anna's night walks"
    assert theirs[OWN_DECK_ID].fragments[0].title == "Bilal's kitchen table"
    StoreShelf(store, klass.a).delete(OWN_DECK_ID)
    assert StoreShelf(store, klass.a).load()[0] == {}
    assert OWN_DECK_ID in StoreShelf(store, klass.b).load()[0]


def test_a_shelf_reports_a_store_failure_as_not_kept(store: SqlStore, klass: Class,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("simulator.records.served_decks.put_own_deck", broken)
    with pytest.raises(OSError, match="could not keep it"):
        StoreShelf(store, klass.a).save(deck_of(klass.a, "New words"))


async def test_a_served_trainee_has_their_own_deck_and_cannot_become_another(
        store: SqlStore, klass: Class) -> None:
    app = build_served_app(ServedAs("trainee", klass.a, "spring"), store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("i")  # "who is training": locked to the sign-in
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.ctx.trainee_id == klass.a
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DeckEditorScreen)
        shown = str(app.screen.query_one("#privacy").render())
        assert "server" in shown and "this computer" not in shown
        titles = [f.title for f in app.ctx.own_decks[OWN_DECK_ID].fragments]
        assert titles == ["Anna's night walks"]
        assert all("Bilal" not in f.title for d in app.ctx.decks().values()
                   for f in d.fragments)
        await pilot.press("w")  # a copy to a file would land on the class's server
        await pilot.pause()
        assert isinstance(app.screen, DeckEditorScreen)


async def test_a_served_trainer_gets_a_live_dashboard(store: SqlStore, klass: Class) -> None:
    app = build_served_app(ServedAs("trainer", "trainer-one", "spring"), store)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.board.members == 2
        store.ensure_trainee("t-cccccccccccc")
        store.execute("INSERT INTO cohort_members VALUES ('spring', 't-cccccccccccc')")
        await pilot.press("r")
        assert app.screen.board.members == 3
        await pilot.press("v")  # the cohort's sessions, for review
        await pilot.pause()
        assert isinstance(app.screen, SessionsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.is_running


async def test_my_deck_opened_at_once_after_start_lists_the_saved_pieces(
        store: SqlStore, klass: Class, shipped: Library) -> None:
    write_index(shipped)  # the home screen opens from the index; the library loads later
    app = build_served_app(ServedAs("trainee", klass.a, "spring"), store)
    assert not app.ctx.library_ready
    load = app.ctx._loader
    assert load is not None

    def slow_load() -> AppLibrary:
        time.sleep(1.5)  # a busy server: the background load is still going
        return load()

    app.ctx._loader = slow_load
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")  # before the background load has finished
        await pilot.pause()
        assert isinstance(app.screen, DeckEditorScreen)
        assert app.screen.deck is not None
        assert [f.title for f in app.screen.deck.fragments] == ["Anna's night walks"]
