"""Post xAPI statements to a real Learning Record Store (openfun/ralph) started locally.

`.ci/run` installs ralph in its own virtual environment (its pins clash with ours) and
points PEERSIM_RALPH at its executable. Without it the test skips and says why.

Conflicts, refusals and redirects are tested on the fake LRS (tests/records/fake_lrs.py):
ralph's file-system backend keeps statements in one file it writes only once, so after
a first post it answers every post that would store something new with HTTP 500.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from base64 import b64encode
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.cli.main import main

RALPH = os.environ.get("PEERSIM_RALPH", "")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def ralph(tmp_path: Path) -> Iterator[str]:
    if not RALPH or not Path(RALPH).exists():
        pytest.skip("no local LRS: set PEERSIM_RALPH to a ralph executable (.ci/run does)")
    env = {**os.environ, "RALPH_APP_DIR": str(tmp_path), "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_AUTH_FILE": str(tmp_path / "auth.json"),
           "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(tmp_path / "data")}
    subprocess.run([RALPH, "auth", "-u", "trainer", "-p", "secret", "-s", "all", "-w", "-A",
                    "trainer", "https://example.org"], env=env, check=True, capture_output=True)
    port = _free_port()
    log = (tmp_path / "ralph.log").open("w")
    server = subprocess.Popen([RALPH, "runserver", "-b", "fs", "-h", "127.0.0.1", "-p",
                               str(port)], env=env, stdout=log, stderr=log,
                              start_new_session=True, cwd=tmp_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        os.killpg(server.pid, signal.SIGTERM)
        pytest.fail("ralph did not start: " + (tmp_path / "ralph.log").read_text()[-500:])
    try:
        yield f"http://127.0.0.1:{port}/xAPI"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def _stored(url: str) -> list[dict[str, object]]:
    token = b64encode(b"trainer:secret").decode()
    request = urllib.request.Request(url + "/statements?limit=500", headers={
        "Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body: list[dict[str, object]] = json.loads(response.read())["statements"]
        return body


@pytest.mark.sqlite_only
def test_statements_are_accepted_and_stored_once(cohort: list[str], ralph: str,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    args = ["export", "--cohort", "spring", "--format", "xapi", "-o", str(out), "--lrs", ralph,
            "--lrs-user", "trainer", "--lrs-password", "secret"]
    assert main(args) == 0
    assert main(args) == 0  # a retry of the whole export stores nothing twice
    ours = json.loads(out.read_text())
    stored = _stored(ralph)
    assert sorted(s["id"] for s in stored) == sorted(s["id"] for s in ours)  # type: ignore[index]
    verbs = {s["verb"]["id"] for s in stored}  # type: ignore[index]
    assert any(v.endswith("/answered") for v in verbs)
    assert any(v.endswith("/completed") for v in verbs)

