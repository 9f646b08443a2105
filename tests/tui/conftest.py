"""Fixtures for driving the app: a real SQLite store in a temp folder, a fixed trainee."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.loading.library import Library
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext

MakeApp = Callable[..., PeersimApp]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "records.sqlite3"


@pytest.fixture
def make_app(shipped: Library, db_path: Path) -> MakeApp:
    """Build an app on the shipped library (or another) with a store at ``db_path``."""
    stores: list[SqliteStore] = []

    def _make(library: Library | None = None, mode: str = "practice") -> PeersimApp:
        store = SqliteStore(db_path)
        stores.append(store)
        ctx = AppContext(library=library or shipped, store=store, trainee_id="t-test",
                         mode=mode)
        return PeersimApp(ctx)

    yield _make
    for store in stores:
        store.close()
