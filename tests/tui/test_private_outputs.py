"""What the app writes for the trainee is private, and a crash is never success: the
screenshot (it shows whatever was on screen, own story pieces included) is 0600 in a
0700 folder whatever the umask, and the process exits non-zero after an unhandled error."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App

from simulator.loading.library import Library
from simulator.records.sqlite_store import SqliteStore
from simulator.tui import app as app_module
from simulator.tui import launch as launch_module
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from tests.tui.conftest import MakeApp


@pytest.fixture(params=[0o022, 0o000, 0o077], ids=["umask-022", "umask-000", "umask-077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_the_screenshot_is_private_whatever_the_umask(
        umask: int, make_app: MakeApp, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    downloads = tmp_path / "home" / "Downloads"
    monkeypatch.setattr(app_module, "user_downloads_path", lambda: downloads)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.title = "Robin's night on the ward"  # a title that must not name the file
        assert app.deliver_screenshot() is None  # written here, not by a driver thread
        await pilot.pause()
        named = app.save_screenshot("named.svg", str(tmp_path / "shots"))
    shots = list(downloads.glob("*.svg"))
    assert len(shots) == 1 and "Robin" not in shots[0].name
    assert _mode(shots[0]) == 0o600 and _mode(downloads) == 0o700
    assert _mode(downloads.parent) == 0o700  # folders it had to make, too
    assert _mode(Path(named)) == 0o600 and _mode(tmp_path / "shots") == 0o700
    assert "<svg" in shots[0].read_text(encoding="utf-8")


class _Crashing(PeersimApp):
    CSS_PATH = str(Path(app_module.__file__).parent / "peersim.tcss")

    def on_mount(self) -> None:
        raise RuntimeError("something went wrong inside")

    def run(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        App.run(self, headless=True)


def test_a_crash_exits_non_zero(shipped: Library, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    store = SqliteStore(tmp_path / "records.sqlite3")
    crashing = _Crashing(AppContext(library=shipped, store=store, trainee_id="t-test"))
    monkeypatch.setattr(launch_module, "build_app", lambda **_given: crashing)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(launch_module.gc, "freeze", lambda: None)  # not the test process's
    assert launch_module.launch([]) == 1
    assert "something went wrong inside" in capsys.readouterr().err
