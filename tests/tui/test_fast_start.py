"""The home screen opens from the library index while the full library loads later."""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable

from simulator.cli.main import main
from simulator.library_index import _path, read_index
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.launch import build_app
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.notes import ContentNotesScreen

ROOT = Path(__file__).resolve().parents[2]


async def test_second_start_uses_the_index_and_loads_on_demand() -> None:
    first = build_app()
    assert first.ctx.library_ready  # no index yet: loaded up front, index written
    first.ctx.store.close()
    cards = read_index()
    assert cards is not None and {c.id for c in cards} >= {"loud-again", "nothing-left"}
    app = build_app()
    assert not app.ctx.library_ready  # the home screen will open from the index
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#library", DataTable)
        assert {str(k.value) for k in table.rows} == {c.id for c in cards}
        table.move_cursor(row=table.get_row_index("loud-again"))
        await pilot.pause()
        await pilot.press("enter")
        assert isinstance(app.screen, ContentNotesScreen)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # past the person's card
        assert isinstance(app.screen, ConversationScreen)
        assert app.ctx.library_ready
    store = app.ctx.store
    assert isinstance(store, SqliteStore)
    store.close()


async def test_the_library_loads_in_the_background_once_the_home_screen_is_drawn(
        monkeypatch: pytest.MonkeyPatch) -> None:
    build_app().ctx.store.close()  # writes the index
    app = build_app()  # opens from the index (the test above checks that)
    seen: list[tuple[bool, int, int, bool]] = []
    started = threading.Event()
    warm = app.ctx.warm

    def watched() -> None:
        screen = app.screen
        table = screen.query_one("#library", DataTable)
        seen.append((isinstance(screen, HomeScreen), table.row_count, table.region.height,
                     threading.current_thread() is threading.main_thread()))
        started.set()
        warm()

    monkeypatch.setattr(app.ctx, "warm", watched)
    async with app.run_test(size=(80, 24)):
        assert await asyncio.to_thread(started.wait, 30)  # no timer to wait out
        await app.workers.wait_for_complete()
        assert app.ctx.library_ready
    home, rows, height, on_main = seen[0]
    assert home and rows > 0 and height > 0  # the home screen laid out, its rows in
    assert not on_main  # a worker thread: the keys answer while it loads
    app.ctx.store.close()


def test_a_stale_or_damaged_index_is_ignored() -> None:
    build_app().ctx.store.close()
    path = _path()
    data = json.loads(path.read_text())
    data["fingerprint"] = "something else"
    path.write_text(json.dumps(data))
    assert read_index() is None
    path.write_text("{not json")
    assert read_index() is None


def test_the_start_path_imports_no_models_yaml_or_exports() -> None:
    """`peersim` with no command reaches the app without pydantic, YAML or the exports:
    they cost more than the whole first screen (docs/benchmarks.md)."""
    code = (
        "import sys\n"
        "import simulator.cli.main, simulator.tui.launch\n"
        "heavy = ('pydantic', 'yaml', 'transitions', 'openpyxl', 'sqlalchemy')\n"
        "print([m for m in sys.modules if m.split('.')[0] in heavy])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_bare_peersim_without_a_terminal_explains_and_leaves_the_collector_on(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert gc.isenabled()
    assert main([]) == 2  # pytest's output is not a terminal
    assert "needs a terminal" in capsys.readouterr().err
    assert gc.isenabled()
