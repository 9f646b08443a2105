"""The home screen opens from the library index while the full library loads later."""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from simulator import library_index
from simulator.cli.main import main
from simulator.library_index import _path, read_index
from simulator.records.api import StoreError
from simulator.records.sqlite_store import SqliteStore
from simulator.tui import launch
from simulator.tui.app import PeersimApp
from simulator.tui.compat import FOOTER_KEY_TYPE, footer_key_labels
from simulator.tui.launch import build_app
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.notes import ContentNotesScreen
from simulator.tui.widgets.footer import KeysFooter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_shipped_cards(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """As with a pack in use: no cards shipped with the package apply
    (tests/tui/test_shipped_index.py covers the first start with them)."""
    monkeypatch.setattr(library_index, "SHIPPED", tmp_path / "none.json")


@pytest.mark.usefixtures("no_shipped_cards")
async def test_second_start_uses_the_index_and_loads_on_demand() -> None:
    first = build_app()
    assert first.ctx.library_ready  # no index yet: loaded up front, index written
    first.ctx.store.close()
    cards = read_index()
    assert cards is not None and {c.id for c in cards} >= {"loud-again", "nothing-left"}
    app = build_app()
    opened_from_index = not app.ctx.library_ready  # the home screen opens from the index
    assert opened_from_index
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


@pytest.mark.usefixtures("no_shipped_cards")
def test_a_stale_or_damaged_index_is_ignored() -> None:
    build_app().ctx.store.close()
    path = _path()
    data = json.loads(path.read_text())
    data["fingerprint"] = "something else"
    path.write_text(json.dumps(data))
    assert read_index() is None
    path.write_text("{not json")
    assert read_index() is None


HEAVY = (
    "pydantic", "yaml", "transitions", "openpyxl", "sqlalchemy",
    # only on a crash (pygments, attrs: some 20 ms), only with arguments to read, only
    # on PostgreSQL or for access codes (OpenSSL), only where diagnostics are printed,
    # only where a selection list is drawn
    "rich.traceback", "pygments", "attr", "argparse", "simulator.cli.parser", "hashlib",
    "secrets", "simulator.records.access", "simulator.records.authority",
    "simulator.loading.diagnostics", "textual.widgets._checkbox",
    # only once a session starts: the practice service and its notices (their record
    # types are some 2-3 ms of dataclasses to make)
    "simulator.practice", "simulator.records.help_requests",
)


def test_the_start_path_imports_no_models_yaml_or_exports() -> None:
    """`peersim` with no command reaches the app without pydantic, YAML or the exports:
    they cost more than the whole first screen (docs/benchmarks.md)."""
    code = (
        "import sys\n"
        "import simulator.cli.main, simulator.tui.launch, simulator.tui.app\n"
        f"heavy = {HEAVY!r}\n"
        "print([m for m in sys.modules if m in heavy or m.split('.')[0] in heavy])\n"
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


def test_the_launch_module_leaves_textual_to_import_while_the_store_opens() -> None:
    """launch() opens the store in a thread while the app's modules import: that only
    overlaps if importing the launch module itself does not import Textual."""
    code = "import sys, simulator.tui.launch\nprint('textual' in sys.modules)\n"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert proc.stdout.strip() == "False"


async def test_an_app_built_while_preparing_matches_one_built_in_turn() -> None:
    preparing = launch.Preparing()
    preparing.start()
    app = build_app(preparing=preparing)
    again = build_app()
    try:
        assert app.ctx.trainee_id == again.ctx.trainee_id  # the same remembered trainee
        assert app.ctx.cards() == again.ctx.cards()
        async with app.run_test(size=(80, 24)):
            table = app.screen.query_one("#library", DataTable)
            assert table.get_row_index("loud-again") >= 0
    finally:
        app.ctx.store.close()
        again.ctx.store.close()


def test_a_store_that_cannot_open_while_preparing_fails_in_the_main_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise StoreError("the records database is locked")

    monkeypatch.setattr(launch, "open_store", refuse)
    preparing = launch.Preparing()
    preparing.start()
    with pytest.raises(StoreError, match="locked"):
        build_app(preparing=preparing)


async def test_the_home_screen_draws_once_on_opening_and_again_on_coming_back(
        monkeypatch: pytest.MonkeyPatch) -> None:
    app = build_app()
    store = app.ctx.store
    reads: list[str] = []
    attempts = store.attempts

    def counted(trainee_id: str) -> Any:
        reads.append(trainee_id)
        return attempts(trainee_id)

    store.attempts = counted  # type: ignore[method-assign]
    # the background check of the library redraws once it is in (tested above): held
    # back here, so only the opening's own drawing is counted
    monkeypatch.setattr(HomeScreen, "library_checked", lambda self: None)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert len(reads) == 1  # the mount drew it; its first resume did not again
            await pilot.press("h")  # past sessions, then back: attempts may have changed
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert len(reads) == 2
    finally:
        store.close()


def test_bare_peersim_without_textual_shows_the_commands() -> None:
    code = ("import sys\nsys.modules['textual'] = None  # as if the UI were not installed\n"
            "from simulator.cli.main import main\nraise SystemExit(main([]))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "usage: peersim" in proc.stdout


async def test_the_footer_keys_are_styled_as_they_mount_not_restyled_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each stock footer key restyled itself twice as Textual bound its compact state
    (some 12 ms for the home screen's keys before its first frame): the keys come
    with their state, and only Textual's restyle of the whole screen remains."""
    app = build_app()
    restyled: list[str] = []
    update_styles = app.update_styles

    def counted(node: Any, animate: bool = True) -> None:
        if type(node).__name__ == FOOTER_KEY_TYPE:
            restyled.append(str(getattr(node, "description", "")))
        update_styles(node, animate)

    monkeypatch.setattr(app, "update_styles", counted)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert restyled == []
            labels = footer_key_labels(app.screen)
            assert {"Start", "Who"} <= set(labels)
            footer = app.screen.query_one(KeysFooter)
            keys = list(app.screen.query(FOOTER_KEY_TYPE))
            assert keys and all(k.has_class("-compact") == footer.compact for k in keys)
    finally:
        app.ctx.store.close()


async def test_the_other_screens_styles_wait_for_the_first_of_them() -> None:
    """screens.tcss is parsed when the first screen other than home opens, not before
    the home screen's first frame; that screen is styled by it (and parsing it does
    not parse the whole stylesheet again)."""
    app = build_app()
    later = str(PeersimApp.LATER_CSS_PATH)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not app.stylesheet.has_source(later, "")
            await pilot.press("question_mark")
            await pilot.pause()
            assert app.stylesheet.has_source(later, "")
            width = app.screen.query_one("#help-box").styles.max_width
            assert width is not None and width.value == 82  # HelpScreen #help-box
    finally:
        app.ctx.store.close()
