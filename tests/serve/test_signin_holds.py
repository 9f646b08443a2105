"""Sign-in that holds under attack, through the real server (aiohttp's test server, and
one ``serve`` in its own process for the kill test).

Attempts counted before codes are checked, with bursts; limits per address and per code
that never lock the class out, shared by two servers on one store; reissued and revoked
codes end their sessions; no cookie makes an error; codes only by POST and never in the
log; a flood of sign-ins leaves signed-in trainees served; a per-person cap on open apps;
and app processes that die with a killed server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import WSMsgType
from aiohttp.test_utils import TestClient, TestServer

import simulator.serve.child as classroom_apps
import simulator.serve.server as classroom
from simulator.records.access import CodeRow, Grant, issue_code, revoke_code
from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore
from simulator.serve.guard import COOKIE, QuietAccessLogger, SignInLimits
from simulator.serve.server import ClassroomServer
from tests.serve.conftest import Class
from tests.serve.test_server import FAKE, FAKE_APP, first_packet, sign_in

Make = Callable[..., Awaitable[tuple[TestClient[Any, Any], ClassroomServer]]]
WRONG = "WRONG-WRONG-WRONG-WRONG"


@pytest.fixture
async def make(store: SqlStore, klass: Class) -> AsyncIterator[Make]:
    made: list[tuple[TestClient[Any, Any], ClassroomServer]] = []

    async def _make(server_options: dict[str, Any] | None = None,
                    **options: Any) -> tuple[TestClient[Any, Any], ClassroomServer]:
        options.setdefault("command", FAKE)
        server = ClassroomServer(store, "sqlite:///records", get_cohort(store, "spring"),
                                 **options)
        test_server = TestServer(await server.make_app())
        await test_server.start_server(**(server_options or {}))  # (not taken by __init__)
        client: TestClient[Any, Any] = TestClient(test_server)
        await client.start_server()
        made.append((client, server))
        return client, server

    yield _make
    for client, server in made:
        await client.close()
        server._hashing.shutdown()
        server._pool.shutdown()


def counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every code the server actually hashes."""
    checked: list[str] = []
    real = classroom.verify_code

    def verify(row: CodeRow | None, typed: str) -> Grant | None:
        checked.append(typed)
        return real(row, typed)

    monkeypatch.setattr(classroom, "verify_code", verify)
    return checked


async def test_a_burst_of_guesses_is_counted_before_any_code_is_checked(
        make: Make, klass: Class, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = counting_checks(monkeypatch)
    client, _server = await make(limits=SignInLimits(per_address=5, at_once=500))
    statuses = await asyncio.gather(*(sign_in(client, WRONG) for _ in range(120)))
    assert len(checked) <= 5  # not 120: the count is taken before the code is looked at
    assert statuses.count(401) == len(checked)
    assert statuses.count(429) == 120 - len(checked)


async def test_one_guesser_locks_out_only_their_own_address(make: Make, klass: Class) -> None:
    client, _server = await make(trust_forwarded=True,
                                 limits=SignInLimits(per_address=5, per_person=10))
    for n in range(20):  # 100 failures from 20 addresses: no limit for the class as a whole
        for _ in range(5):
            assert await sign_in(client, WRONG, **{"X-Forwarded-For": f"198.51.100.{n}"}) \
                == 401
        assert await sign_in(client, klass.code_a,
                             **{"X-Forwarded-For": f"198.51.100.{n}"}) == 429
    assert await sign_in(client, klass.code_a, **{"X-Forwarded-For": "203.0.113.1"}) == 303


async def test_guessing_one_code_locks_only_that_person_until_it_is_reissued(
        make: Make, klass: Class, store: SqlStore) -> None:
    client, _server = await make(trust_forwarded=True,
                                 limits=SignInLimits(per_address=100, per_person=3))
    near_a = klass.code_a[:6] + ("Z" if klass.code_a[6] != "Z" else "Y") + klass.code_a[7:]
    for n in range(3):  # the guesser knows a's first group and moves between addresses
        assert await sign_in(client, near_a, **{"X-Forwarded-For": f"192.0.2.{n}"}) == 401
    assert await sign_in(client, klass.code_a, **{"X-Forwarded-For": "192.0.2.200"}) == 429
    assert await sign_in(client, klass.code_b, **{"X-Forwarded-For": "192.0.2.201"}) == 303
    fresh = issue_code(store, "spring", "trainee", klass.a)  # the trainer reissues
    assert await sign_in(client, fresh, **{"X-Forwarded-For": "192.0.2.202"}) == 303


async def test_limits_are_shared_by_servers_on_one_store(make: Make, klass: Class) -> None:
    first, _one = await make(limits=SignInLimits(per_address=3))
    second, _two = await make(limits=SignInLimits(per_address=3))
    for _ in range(3):
        assert await sign_in(first, WRONG) == 401
    assert await sign_in(second, klass.code_a) == 429  # same address, other server


async def test_a_right_code_does_not_use_up_the_allowance(make: Make, klass: Class) -> None:
    client, _server = await make(limits=SignInLimits(per_address=2))
    for _ in range(5):
        client.session.cookie_jar.clear()
        assert await sign_in(client, klass.code_a) == 303
    assert await sign_in(client, WRONG) == 401


async def until_closed(ws: aiohttp.ClientWebSocketResponse) -> None:
    async with asyncio.timeout(60):  # a bound, not a measure
        while (await ws.receive()).type not in (WSMsgType.CLOSE, WSMsgType.CLOSED,
                                                WSMsgType.CLOSING):
            pass


@pytest.mark.parametrize("how", ["reissue", "revoke"])
async def test_a_reissued_or_revoked_code_ends_its_sessions_at_once(
        make: Make, klass: Class, store: SqlStore, how: str) -> None:
    client, server = await make(recheck=0.05)
    other: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
    await other.start_server()
    try:
        assert await sign_in(client, klass.code_a) == 303
        assert await sign_in(other, klass.code_b) == 303
        async with client.ws_connect("/ws") as ws:
            await first_packet(ws)
            if how == "reissue":
                issue_code(store, "spring", "trainee", klass.a)
            else:
                assert revoke_code(store, "spring", "trainee", klass.a) == 1
            assert (await client.get("/", allow_redirects=False)).status == 303
            await until_closed(ws)
        client.session.cookie_jar.clear()
        assert await sign_in(client, klass.code_a) == 401  # the old code is gone too
        assert (await other.get("/", allow_redirects=False)).status == 200  # b is untouched
    finally:
        await other.close()


def test_cohort_codes_revoke_signs_a_trainee_out(store: SqlStore, klass: Class,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.cli.main import main
    from simulator.records.access import check_code, open_web_session, web_session

    token = open_web_session(store, Grant("trainee", "spring", klass.a), timedelta(hours=1))
    assert main(["cohort", "codes", "spring", "--trainee", klass.a, "--revoke"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert web_session(store, token) is None and check_code(store, klass.code_a) is None
    assert check_code(store, klass.code_b) == Grant("trainee", "spring", klass.b)


@pytest.mark.parametrize("value", [
    "ünïcödé", "€" * 10, "x" * 5000, ".", "..", "a.b.c", "%ff%fe", "\u202e.mac", "é.é",
    "null", "=" * 300,
])
async def test_no_cookie_causes_an_error(make: Make, klass: Class, value: str) -> None:
    client, _server = await make()
    raw = f"{COOKIE}={value}".encode().decode("latin-1")  # as a browser might send bytes
    for method, path in (("GET", "/"), ("GET", "/sign-in"), ("GET", "/ws"),
                         ("POST", "/sign-out")):
        response = await client.request(method, path, headers={"Cookie": raw},
                                        allow_redirects=False)
        assert response.status < 500, (method, path, response.status)


async def test_a_code_in_a_url_is_never_used_nor_logged(
        make: Make, klass: Class, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    client, _server = await make(server_options={"access_log_class": QuietAccessLogger})
    response = await client.get(f"/sign-in?code={klass.code_a}", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/sign-in")
    assert COOKIE not in response.cookies
    response = await client.post(f"/sign-in?code={klass.code_a}", allow_redirects=False)
    assert response.status == 401  # the form's code, not the URL's
    assert await sign_in(client, klass.code_a) == 303
    access = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert any("/sign-in" in line for line in access)
    assert all(klass.code_a not in line and "code=" not in line for line in access)
    assert klass.code_a not in caplog.text


async def test_a_flood_of_sign_ins_leaves_signed_in_trainees_served(
        make: Make, klass: Class, monkeypatch: pytest.MonkeyPatch) -> None:
    client, server = await make(trust_forwarded=True, limits=SignInLimits(at_once=4))
    assert await sign_in(client, klass.code_a) == 303
    release = threading.Event()
    real = classroom.verify_code

    def slow(row: CodeRow | None, typed: str) -> Grant | None:
        release.wait(60)  # every sign-in's hashing is held until the page has been served
        return real(row, typed)

    monkeypatch.setattr(classroom, "verify_code", slow)
    flood: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
    await flood.start_server()
    try:
        guesses = [asyncio.ensure_future(sign_in(flood, WRONG, **{
            "X-Forwarded-For": f"10.0.{n // 200}.{n % 200}"})) for n in range(150)]
        async with asyncio.timeout(60):  # a bound, not a measure
            while sum(g.done() for g in guesses) < 150 - 4:
                await asyncio.sleep(0.01)
            page = await client.get("/", allow_redirects=False)  # hashing is still held
        assert page.status == 200
        assert server.signing_in <= 4
        done = [g.result() for g in guesses if g.done()]
        assert done.count(503) == len(done) >= 146  # told to try again in a moment
        release.set()
        rest = await asyncio.gather(*guesses)
        assert rest.count(401) == 4
    finally:
        release.set()
        await flood.close()


async def test_each_person_may_have_only_a_few_apps_open(make: Make, klass: Class) -> None:
    client_a, server = await make(apps_each=2)
    client_b: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
    await client_b.start_server()
    try:
        assert await sign_in(client_a, klass.code_a) == 303
        assert await sign_in(client_b, klass.code_b) == 303
        async with client_a.ws_connect("/ws") as one:
            await first_packet(one)
            async with client_a.ws_connect("/ws") as two:
                await first_packet(two)
                third = await client_a.get("/ws")
                assert third.status == 429 and "already" in await third.text()
                async with client_b.ws_connect("/ws") as theirs:
                    assert (await first_packet(theirs))["PEERSIM_SERVED_PERSON"] == klass.b
            async with asyncio.timeout(60):
                while sum(1 for app in server.apps if app.grant.person == klass.a) > 1:
                    await asyncio.sleep(0.01)
            async with client_a.ws_connect("/ws") as again:  # a place was freed
                await first_packet(again)
    finally:
        await client_b.close()


SERVE = """
import sys
from simulator.records import open_store
from simulator.records.cohorts import get_cohort
from simulator.serve.server import ClassroomServer
store = open_store()
ClassroomServer(store, "sqlite:///records", get_cohort(store, "spring"),
                port=int(sys.argv[1]), command=sys.argv[2]).serve()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its reaper counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal")
async def test_apps_die_when_the_server_is_killed(klass: Class, tmp_path: Path) -> None:
    """Hung apps (they ignore their input ending) still die with a killed server."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVE, str(port), FAKE],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              cwd=Path(FAKE_APP).parents[2],
                              env={**os.environ, "FAKE_APP_LINGER": "1"})  # hung apps
    pids: list[int] = []
    try:
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with asyncio.timeout(60):
                while True:
                    try:
                        async with session.post(f"{base}/sign-in", data={"code": klass.code_a},
                                                allow_redirects=False) as response:
                            assert response.status == 303
                            break
                    except aiohttp.ClientConnectionError:
                        await asyncio.sleep(0.1)
            sockets = [await session.ws_connect(f"{base}/ws") for _ in range(3)]
            for ws in sockets:
                pids.append(int((await first_packet(ws))["PID"]))
            assert all(alive(pid) for pid in pids)
            server.send_signal(signal.SIGKILL)
            server.wait()
            async with asyncio.timeout(60):  # a bound, not a measure
                while any(alive(pid) for pid in pids):
                    await asyncio.sleep(0.05)
            for ws in sockets:
                await ws.close()
        orphans = [pid for pid in pids if alive(pid)]
        assert orphans == []
    finally:
        if server.poll() is None:
            server.kill()
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    """The running processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z" and int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    """``pid``'s running children, and theirs (apps are the warm process's children)."""
    found = children(pid)
    return found + [grandchild for child in found for grandchild in children(child)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal")
async def test_peersim_serve_killed_leaves_no_app_running(klass: Class) -> None:
    """The real command and the real app: ``peersim serve`` is killed with SIGKILL while
    two trainees' apps run (forked from its warm process), and the orphans left are
    counted (none: the warm process dies with the server, the apps with it)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--cohort",
                               "spring", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    apps: list[int] = []
    try:
        base = f"http://127.0.0.1:{port}"
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            async with asyncio.timeout(120):  # the server loads the library first
                while True:
                    try:
                        async with session.get(f"{base}/sign-in") as response:
                            if response.status == 200:
                                break
                    except aiohttp.ClientConnectionError:
                        await asyncio.sleep(0.2)
            async with session.post(f"{base}/sign-in", data={"code": klass.code_a},
                                    allow_redirects=False) as response:
                assert response.status == 303
            sockets = [await session.ws_connect(f"{base}/ws") for _ in range(2)]
            async with asyncio.timeout(60):  # the warm process, and the two apps it forked
                while len(apps := descendants(server.pid)) < 3:
                    await asyncio.sleep(0.05)
            server.send_signal(signal.SIGKILL)
            server.wait()
            async with asyncio.timeout(60):  # a bound, not a measure
                while any(alive(pid) for pid in apps):
                    await asyncio.sleep(0.05)
            for ws in sockets:
                await ws.close()
        orphans = [pid for pid in apps if alive(pid)]
        assert len(apps) == 3 and orphans == []
    finally:
        if server.poll() is None:
            server.kill()
        for pid in apps:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_apps_run_in_their_own_process_group_asking_to_die_with_the_server() -> None:
    calls: list[tuple[int, ...]] = []
    hook = classroom_apps.die_with(os.getppid(), lambda *args: calls.append(args) or 0)
    hook()  # our parent is the "server": nothing ends
    assert calls == [(classroom_apps.PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)]


async def test_a_plain_request_for_the_app_connection_is_refused_cleanly(
        make: Make, klass: Class) -> None:
    client, server = await make()
    assert await sign_in(client, klass.code_a) == 303
    response = await client.get("/ws")  # no websocket upgrade
    assert response.status == 400
    assert server.apps == set()
