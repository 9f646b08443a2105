"""A records store that does not answer (another program holds the SQLite write lock)
makes the app say it is waiting, not freeze; the choice is saved once the lock goes.

Pilot at 80x24. The waits below are bounds (a test that fails hangs no longer than
this), not measures of speed.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from simulator.records import StoreBusy
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.feedback import FeedbackScreen
from tests.tui.conftest import MakeApp, press_nth
from tests.tui.test_flows import conversation, start_loud_again


def shown(app: object, selector: str) -> str:
    from textual.widgets import Static

    widget = app.screen.query_one(selector, Static)  # type: ignore[attr-defined]
    return str(widget.render())


async def test_a_locked_store_shows_waiting_and_saves_when_it_is_free(
        make_app: MakeApp, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            await press_nth(pilot, 2)  # "exhausting"
            screen = conversation(app)
            assert screen.waiting and screen.unsaved is not None
            assert "Waiting for the records store" in shown(app, "#steps")
            assert screen.session.transcript == []  # nothing shown as done before it is saved
            await pilot.press("escape")  # the app still answers keys: leaving is refused
            await pilot.pause()
            assert isinstance(app.screen, ConversationScreen) and screen.waiting
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        async with asyncio.timeout(60):
            await app.workers.wait_for_complete()  # the save, once the lock goes
        await pilot.pause()  # the feedback it opens
        assert isinstance(app.screen, FeedbackScreen)
        assert [t.step.line for t in screen.session.transcript] == ["exhausting"]
        assert not screen.waiting and screen.unsaved is None


def test_patience_turns_a_held_lock_into_store_busy(db_path: Path) -> None:
    store = SqliteStore(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusy, match=r"locked for longer than 0\.2 s"), \
                store.patience(0.2), store.write():
            store.execute("DELETE FROM settings WHERE name = 'nothing'")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with store.write():  # the full timeout is back, and the lock is free
        store.execute("DELETE FROM settings WHERE name = 'nothing'")
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] == int(store.timeout * 1000)
    store.close()




def test_starting_on_a_locked_store_says_what_it_waits_for(
        db_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.records import StoreError
    from simulator.tui import launch, waiting

    SqliteStore(db_path).close()  # an existing store; this machine has no trainee yet
    monkeypatch.setenv("PEERSIM_DATABASE_URL", f"sqlite:///{db_path}")
    monkeypatch.setenv("PEERSIM_DB_TIMEOUT", "1.5")
    monkeypatch.setattr(waiting, "WAIT_NOTICE", 0.1)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="locked"):
            launch.build_app()  # recording the new trainee waits for the lock, then stops
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert err.count("waiting for the records store") == 1


async def test_starting_a_session_on_a_locked_store_says_so_at_once(
        make_app: MakeApp, db_path: Path) -> None:
    from simulator.tui.screens.home import HomeScreen
    from tests.tui.test_flows import highlight

    app = make_app()
    notices: list[str] = []
    notify = app.notify

    def noting(message: str, **kwargs: object) -> None:
        notices.append(message)
        notify(message, **kwargs)  # type: ignore[arg-type]

    app.notify = noting  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        holder = sqlite3.connect(db_path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            highlight(app, "loud-again")
            await pilot.pause()
            await pilot.press("enter")  # the content notes
            await pilot.press("enter")  # begin: the store is locked
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert any("Could not start" in n and "locked for longer than 0.5 s" in n
                       for n in notices)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        await pilot.press("enter")
        await pilot.press("enter")  # the lock is gone: it starts
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)
