"""The classroom server over HTTP and websockets, with aiohttp's test client.

Sign-in, refusal, the rate limit, expiry and sign-out, and isolation: a trainee's app
process runs as that trainee whatever the URL, the headers or the websocket messages
say. Most tests use a stand-in app (fake_app.py) that reports its identity; one runs
the real app.
"""

from __future__ import annotations

import asyncio
import json
import re
import shlex
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore
from simulator.serve.guard import COOKIE, SignInLimits, sign
from simulator.serve.server import ClassroomServer
from tests.serve.conftest import Class

FAKE_APP = Path(__file__).parent / "fake_app.py"
FAKE = f"exec {shlex.quote(sys.executable)} {shlex.quote(str(FAKE_APP))}"

Make = Callable[..., Awaitable[tuple[TestClient[Any, Any], ClassroomServer]]]


class Clock:
    """A hand-moved monotonic clock for the rate limiter."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def make(store: SqlStore, klass: Class) -> AsyncIterator[Make]:
    made: list[tuple[TestClient[Any, Any], ClassroomServer]] = []

    async def _make(**options: Any) -> tuple[TestClient[Any, Any], ClassroomServer]:
        options.setdefault("command", FAKE)
        server = ClassroomServer(store, "sqlite:///records", get_cohort(store, "spring"),
                                 **options)
        client: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
        await client.start_server()
        made.append((client, server))
        return client, server

    yield _make
    for client, server in made:
        await client.close()
        server._pool.shutdown()


async def sign_in(client: TestClient[Any, Any], code: str, **headers: str) -> int:
    response = await client.post("/sign-in", data={"code": code}, allow_redirects=False,
                                 headers=headers)
    return response.status


async def first_packet(ws: ClientWebSocketResponse) -> dict[str, str]:
    """The app's first packet (past the server's waiting page, when the connection waited
    in line for its app to start)."""
    while True:
        message = await ws.receive(timeout=30)
        assert message.type == WSMsgType.BINARY
        if not message.data.startswith(b"\x1b[2J"):
            identity: dict[str, str] = json.loads(message.data)
            return identity


async def test_sign_in_sets_a_signed_http_only_same_site_cookie(make: Make, klass: Class) -> None:
    client, _server = await make()
    response = await client.get("/", allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/sign-in")
    form = await client.get("/sign-in")
    assert form.status == 200 and 'name="code"' in await form.text()
    assert form.headers["X-Frame-Options"] == "DENY"
    response = await client.post("/sign-in", data={"code": klass.code_a.lower()},
                                 allow_redirects=False)
    assert (response.status, response.headers["Location"]) == (303, "/")
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] is True and cookie["samesite"] == "Strict"
    assert cookie["path"] == "/" and cookie["max-age"] == str(8 * 3600)
    assert not cookie["secure"]  # plain http on this machine
    page = await client.get("/")
    assert page.status == 200 and "data-session-websocket-url" in await page.text()
    assert "googleapis" not in await page.text()  # nothing fetched from elsewhere


async def test_behind_tls_the_cookie_is_secure(make: Make, klass: Class) -> None:
    client, _server = await make(public_url="https://class.example.org")
    response = await client.post("/sign-in", data={"code": klass.code_a}, allow_redirects=False)
    assert response.cookies[COOKIE]["secure"] is True


async def test_wrong_codes_and_other_cohorts_are_refused(make: Make, klass: Class) -> None:
    client, _server = await make()
    for code in ("", "nonsense", klass.code_a[:-1] + "Z" if klass.code_a[-1] != "Z"
                 else klass.code_a[:-1] + "Y", klass.outsider_code, "x" * 5000):
        response = await client.post("/sign-in", data={"code": code}, allow_redirects=False)
        assert response.status == 401
        assert COOKIE not in response.cookies
        text = await response.text()
        assert "did not work" in text and (not code or code not in text)  # never echoed
    assert (await client.get("/ws")).status == 401
    assert (await client.get("/", allow_redirects=False)).status == 303


async def test_forged_and_tampered_cookies_are_refused(make: Make, klass: Class,
                                                       store: SqlStore) -> None:
    client, server = await make()
    assert await sign_in(client, klass.code_a) == 303
    good = client.session.cookie_jar.filter_cookies(client.make_url("/"))[COOKIE].value
    token, _, mac = good.rpartition(".")
    for forged in (token, f"{token}.{mac[:-1]}A" if mac[-1] != "A" else f"{token}.{mac[:-1]}B",
                   sign(b"another key" * 3, token), sign(await server.key(), "made-up")):
        client.session.cookie_jar.clear()
        client.session.cookie_jar.update_cookies({COOKIE: forged})
        assert (await client.get("/", allow_redirects=False)).status == 303
        assert (await client.get("/ws")).status == 401


async def test_a_trainer_code_signs_in_a_trainer(make: Make, klass: Class) -> None:
    client, _server = await make()
    assert await sign_in(client, klass.trainer_code) == 303
    async with client.ws_connect("/ws") as ws:
        identity = await first_packet(ws)
    assert identity["PEERSIM_SERVED_ROLE"] == "trainer"
    assert identity["PEERSIM_SERVED_COHORT"] == "spring"


async def test_sign_in_is_rate_limited_per_address(make: Make, klass: Class,
                                                   store: SqlStore) -> None:
    client, _server = await make(limits=SignInLimits(per_address=5, window=600))
    for _ in range(5):
        assert await sign_in(client, "WRONG-WRONG-WRONG-WRONG") == 401
    response = await client.post("/sign-in", data={"code": klass.code_a}, allow_redirects=False)
    assert response.status == 429  # even the right code waits
    assert 0 < int(response.headers["Retry-After"]) <= 601
    assert COOKIE not in response.cookies
    # a forged forwarding header does not make a new client (not behind a trusted proxy)
    assert await sign_in(client, klass.code_a, **{"X-Forwarded-For": "203.0.113.9"}) == 429
    real = store.clock
    store.clock = lambda: real() + timedelta(seconds=601)
    assert await sign_in(client, klass.code_a) == 303


async def test_sessions_expire(make: Make, klass: Class, store: SqlStore) -> None:
    client, _server = await make(lifetime=timedelta(hours=1))
    assert await sign_in(client, klass.code_a) == 303
    assert (await client.get("/", allow_redirects=False)).status == 200
    real = store.clock
    store.clock = lambda: real() + timedelta(hours=1, seconds=1)
    assert (await client.get("/", allow_redirects=False)).status == 303
    assert (await client.get("/ws")).status == 401


async def test_an_open_app_closes_when_its_session_ends(make: Make, klass: Class) -> None:
    client, server = await make(recheck=0.05)
    assert await sign_in(client, klass.code_a) == 303
    async with client.ws_connect("/ws") as ws:
        await first_packet(ws)
        sign_out = await client.post("/sign-out", allow_redirects=False)
        assert (sign_out.status, sign_out.headers["Location"]) == (303, "/sign-in")
        while (await ws.receive(timeout=30)).type not in (WSMsgType.CLOSE, WSMsgType.CLOSED,
                                                          WSMsgType.CLOSING):
            pass
    for _ in range(3000):  # the server ends the process after closing the socket
        if not server.apps:
            break
        await asyncio.sleep(0.01)
    assert server.apps == set()
    assert (await client.get("/", allow_redirects=False)).status == 303


async def test_an_app_runs_as_its_trainee_whatever_the_request_says(
        make: Make, klass: Class, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERSIM_SERVED_PERSON", klass.b)  # the server's own environment
    client, _server = await make()
    assert await sign_in(client, klass.code_a) == 303
    url = (f"/ws?width=100&height=30&trainee={klass.b}&PEERSIM_SERVED_PERSON={klass.b}"
           "&role=trainer&cohort=autumn")
    headers = {"X-Peersim-Trainee": klass.b, "X-Forwarded-User": klass.b}
    async with client.ws_connect(url, headers=headers) as ws:
        identity = await first_packet(ws)
        assert identity["PEERSIM_SERVED_PERSON"] == klass.a
        assert identity["PEERSIM_SERVED_ROLE"] == "trainee"
        assert identity["PEERSIM_SERVED_COHORT"] == "spring"
        first_folder = identity["PEERSIM_DATA_DIR"]
        # messages that try to say something else are keys at most, or ignored
        for message in (["PEERSIM_SERVED_PERSON", klass.b], {"trainee": klass.b}, "not json",
                        ["resize", {"width": 10**12, "height": -5}], ["stdin", 42], [],
                        ["ping", "x" * 10_000], "[" * 100_000 + "]" * 100_000):
            await ws.send_str(message if isinstance(message, str) else json.dumps(message))
        await ws.send_str(json.dumps(["stdin", f"be {klass.b}"]))
        seen = []
        while not any(b"echo:" in s for s in seen):
            reply = await ws.receive(timeout=30)
            assert reply.type == WSMsgType.BINARY
            seen.append(reply.data)
        resize = json.loads(next(s for s in seen if s.startswith(b"meta:"))[5:])
        assert (resize["width"], resize["height"]) == (400, 8)  # kept in bounds
        assert seen[-1] == f"echo:be {klass.b}".encode()  # a key press, nothing more
    async with client.ws_connect("/ws") as ws:
        again = await first_packet(ws)
    assert again["PEERSIM_SERVED_PERSON"] == klass.a
    assert again["PEERSIM_DATA_DIR"] != first_folder  # a fresh private folder each time
    assert not Path(first_folder).exists()


async def test_two_trainees_get_their_own_processes(make: Make, klass: Class) -> None:
    client_a, server = await make()
    client_b: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
    await client_b.start_server()
    try:
        assert await sign_in(client_a, klass.code_a) == 303
        assert await sign_in(client_b, klass.code_b) == 303
        async with client_a.ws_connect("/ws") as ws_a, client_b.ws_connect("/ws") as ws_b:
            a, b = await first_packet(ws_a), await first_packet(ws_b)
        assert (a["PEERSIM_SERVED_PERSON"], b["PEERSIM_SERVED_PERSON"]) == (klass.a, klass.b)
        assert a["PEERSIM_DATA_DIR"] != b["PEERSIM_DATA_DIR"]
    finally:
        await client_b.close()


async def test_websockets_from_another_site_and_beyond_the_cap_are_refused(
        make: Make, klass: Class) -> None:
    client, _server = await make(max_apps=1)
    assert await sign_in(client, klass.code_a) == 303
    assert (await client.get("/ws", headers={"Origin": "https://evil.example"})).status == 403
    async with client.ws_connect("/ws") as ws:
        await first_packet(ws)
        assert (await client.get("/ws")).status == 503


def screen_text(data: bytes) -> str:
    """What a terminal would show, roughly: escape sequences removed."""
    return re.sub(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]", "", data.decode("utf-8", "replace"))


async def collect_until(ws: ClientWebSocketResponse, needle: str, seen: list[bytes]) -> str:
    """Read screen updates until ``needle`` shows (at most two minutes: a bound, not a
    measure)."""
    async with asyncio.timeout(120):
        while needle not in screen_text(b"".join(seen)):
            message = await ws.receive()
            assert message.type == WSMsgType.BINARY, message
            seen.append(message.data)
    return screen_text(b"".join(seen))


async def test_the_real_app_shows_a_trainee_only_their_own_records_and_deck(
        store: SqlStore, klass: Class, tmp_path: Path) -> None:
    from simulator.records.sqlite_store import SqliteStore

    assert isinstance(store, SqliteStore)
    server = ClassroomServer(store, f"sqlite:///{store.path}", get_cohort(store, "spring"))
    server.prepare_index()
    client: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
    await client.start_server()
    try:
        assert await sign_in(client, klass.code_a) == 303
        async with client.ws_connect(f"/ws?width=120&height=40&trainee={klass.b}") as ws:
            seen: list[bytes] = []
            home = await collect_until(ws, "My deck", seen)  # the footer: ready for keys
            await ws.send_str(json.dumps(["stdin", "e"]))  # my own deck
            deck = await collect_until(ws, "night walks", seen)
            await ws.send_str(json.dumps(["stdin", "\x1b"]))
        assert klass.a in home and klass.b not in home and "Bilal" not in deck
    finally:
        await client.close()
        server._pool.shutdown()
