"""A real browser signs in and sees the app's home screen.

Debian's Chromium and ChromeDriver, driven by selenium, headless (``.ci/run`` installs
them). xterm.js draws the app into a canvas, so the test reads what the app sent to the
browser on the server side, and keeps a screenshot as evidence (set
PEERSIM_SCREENSHOT_DIR to keep a copy). It skips, saying why, where no browser is.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore
from simulator.records.sqlite_store import SqliteStore
from simulator.serve.apps import ServedApp
from simulator.serve.server import ClassroomServer
from tests.serve.conftest import Class

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--window-size=1200,800")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def running(store: SqlStore, klass: Class, monkeypatch: pytest.MonkeyPatch
            ) -> Iterator[tuple[str, list[bytes]]]:
    """The classroom server on a real port, in a thread; and what it sent to browsers."""
    assert isinstance(store, SqliteStore)
    sent: list[bytes] = []
    original = ServedApp.on_data

    async def recording(self: ServedApp, payload: bytes) -> None:
        sent.append(payload)
        await original(self, payload)

    monkeypatch.setattr(ServedApp, "on_data", recording)
    port = free_port()
    server = ClassroomServer(store, f"sqlite:///{store.path}", get_cohort(store, "spring"),
                             port=port)
    server.prepare_index()
    ready, stop = threading.Event(), threading.Event()

    def serve() -> None:
        async def main() -> None:
            runner = web.AppRunner(await server.make_app())
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            ready.set()
            while not stop.is_set():
                await asyncio.sleep(0.05)
            await runner.cleanup()

        asyncio.run(main())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(60), "the server did not start"
    yield f"http://127.0.0.1:{port}", sent
    stop.set()
    thread.join(60)
    server._pool.shutdown()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("no Chromium and ChromeDriver here (Debian packages chromium and"
                    " chromium-driver; .ci/run installs them where it can)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (it is in the test extra)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def screen(sent: list[bytes]) -> str:
    return re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", "", b"".join(sent).decode("utf-8",
                                                                            "replace"))


def test_a_trainee_signs_in_from_a_browser_and_sees_the_home_screen(
        running: tuple[str, list[bytes]], browser: Any, klass: Class, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base, sent = running
    browser.get(base + "/")
    assert browser.current_url.endswith("/sign-in")  # not signed in: sent to sign in
    field = browser.find_element(By.ID, "code")
    field.send_keys("WRONG-WRONG-WRONG-WRONG")
    field.submit()
    wait = WebDriverWait(browser, 90)
    alert = wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "[role=alert]"))
    assert "did not work" in alert[0].text
    field = browser.find_element(By.ID, "code")
    field.send_keys(klass.code_a)
    field.submit()
    wait.until(lambda b: b.current_url == base + "/")
    cookies = {c["name"]: c for c in browser.get_cookies()}
    assert cookies["peersim_session"]["httpOnly"] is True
    assert cookies["peersim_session"]["sameSite"] == "Strict"
    assert browser.execute_script("return document.cookie") == ""  # invisible to scripts
    wait.until(lambda b: b.execute_script(
        "return document.body.classList.contains('-first-byte')"))
    deadline = time.monotonic() + 90  # a bound on the wait, not a measure
    while f"You: {klass.a}" not in screen(sent) and time.monotonic() < deadline:
        time.sleep(0.2)
    shown = screen(sent)
    assert f"You: {klass.a}" in shown and "Scenario" in shown
    assert klass.b not in shown
    time.sleep(1)  # let the canvas paint before the picture is taken
    picture = tmp_path / "served-home.png"
    browser.save_screenshot(str(picture))
    assert picture.stat().st_size > 10_000
    keep = os.environ.get("PEERSIM_SCREENSHOT_DIR")
    if keep:
        shutil.copy(picture, Path(keep) / picture.name)
