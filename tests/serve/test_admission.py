"""The admission line in front of app starts: its order and estimates, and the waiting
page a trainee sees through the real server while apps ahead of them start."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType
from aiohttp.test_utils import TestClient, TestServer

from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore
from simulator.serve.admission import Admission, about, ordinal, waiting_text
from simulator.serve.server import ClassroomServer
from tests.serve.conftest import Class
from tests.serve.test_server import FAKE, first_packet, sign_in

OURS = re.compile(r"\x1b\[(2J|H|\d+;3H)")  # the only sequences the waiting page writes


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_the_line_admits_in_order_as_many_at_once_as_allowed() -> None:
    line = Admission(2, clock=Clock())
    first, second, third, fourth = (line.join() for _ in range(4))
    assert [t.admitted.is_set() for t in (first, second, third, fourth)] == [
        True, True, False, False]
    assert [line.position(t) for t in (first, second, third, fourth)] == [0, 0, 1, 2]
    line.leave(third)  # left the page while waiting
    assert line.position(fourth) == 1
    line.started(first)
    assert fourth.admitted.is_set() and line.position(fourth) == 0
    line.started(first)  # twice is harmless
    assert len(line.starting) == 2


async def test_the_estimate_follows_measured_starts() -> None:
    clock = Clock()
    line = Admission(1, clock=clock)
    first, second = line.join(), line.join()
    before = line.estimate(1)
    clock.now += 11.0  # a slow start
    line.started(first)
    assert line.estimate(1) > before
    assert second.admitted.is_set() and second.since == clock.now


async def test_a_waiter_is_woken_when_the_line_moves() -> None:
    line = Admission(1)
    first, second = line.join(), line.join()
    waiting = asyncio.create_task(line.wait(second, every=60))
    await asyncio.sleep(0)  # let it start waiting
    line.started(first)
    await asyncio.wait_for(waiting, 5)  # woken by the move, not by the minute passing
    assert second.admitted.is_set()


def test_places_and_waits_read_as_words() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]
    assert about(2) == "a few seconds"
    assert about(9.2) == "about 10 seconds"
    assert about(130) == "about 3 minutes"
    with pytest.raises(ValueError):
        Admission(0)


def test_a_title_cannot_command_the_terminal() -> None:
    hostile = "Spring\x1b]0;owned\x07\x1b[31m<script>alert(1)</script>\u202e\nline"
    text = waiting_text(hostile, 4, 10)
    shown = OURS.sub("", text)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert "\n" not in shown  # one line: it cannot push the rest of the page about
    assert "<script>" in shown  # markup is just text in a terminal
    assert "4th in line" in shown and "about 10 seconds" in shown


async def screen(ws: ClientWebSocketResponse, wanted: str) -> str:
    """Read the waiting page until it says ``wanted``; the page as sent."""
    while True:
        message = await ws.receive(timeout=30)
        assert message.type == WSMsgType.BINARY, message
        text: str = message.data.decode()
        if wanted in OURS.sub(" ", text):
            return text


async def test_trainees_wait_in_line_told_their_place_until_an_app_has_started(
        store: SqlStore, klass: Class, monkeypatch: pytest.MonkeyPatch) -> None:
    """One app starts at a time; each app here draws its first screen only when its
    first key arrives, so the test decides when each start is over."""
    monkeypatch.setenv("FAKE_APP_WAIT", "1")
    cohort = dataclasses.replace(get_cohort(store, "spring"),
                                 title="Spring \x1b[2J<b>class</b>")
    server = ClassroomServer(store, "sqlite:///records", cohort, command=FAKE, starting=1)
    clients: list[TestClient[Any, Any]] = []
    try:
        for code in (klass.code_a, klass.code_b):
            client: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
            await client.start_server()
            clients.append(client)
            assert await sign_in(client, code) == 303
        one = await clients[0].ws_connect("/ws")
        two = await clients[1].ws_connect("/ws")
        waiting = await screen(two, "in line")
        assert "You are 1st in line to start practising" in waiting
        assert waiting.count("\x1b[2J") == 1 and "<b>class</b>" in waiting  # the title inert
        three = await clients[0].ws_connect("/ws")  # a second tab of the first trainee
        assert "2nd in line" in await screen(three, "in line")
        await three.send_str(json.dumps(["stdin", "x"]))  # keys while waiting go nowhere

        await one.send_str(json.dumps(["stdin", "go"]))  # the first app draws its screen
        assert (await first_packet(one))["PEERSIM_SERVED_PERSON"] == klass.a
        await screen(two, "Starting your practice now")
        assert "1st in line" in await screen(three, "1st in line")  # the line moved up

        await two.send_str(json.dumps(["stdin", "go"]))
        assert (await first_packet(two))["PEERSIM_SERVED_PERSON"] == klass.b
        await screen(three, "Starting your practice now")
        await three.send_str(json.dumps(["stdin", "go"]))
        third = await first_packet(three)
        assert third["PEERSIM_SERVED_PERSON"] == klass.a
        assert third["FIRST_KEY"] == "go"  # the key sent while waiting went nowhere
        for ws in (one, two, three):
            await ws.close()
    finally:
        for client in clients:
            await client.close()
        server._pool.shutdown()


async def test_leaving_the_line_gives_the_place_to_the_next(
        store: SqlStore, klass: Class, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_APP_WAIT", "1")
    server = ClassroomServer(store, "sqlite:///records", get_cohort(store, "spring"),
                             command=FAKE, starting=1)
    client: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
    await client.start_server()
    try:
        assert await sign_in(client, klass.code_a) == 303
        one = await client.ws_connect("/ws")
        two = await client.ws_connect("/ws")
        await screen(two, "1st in line")
        await one.close()  # the first tab is closed while its app is still starting
        await screen(two, "Starting your practice now")
        await two.send_str(json.dumps(["stdin", "go"]))
        assert (await first_packet(two))["PEERSIM_SERVED_PERSON"] == klass.a
        await two.close()
    finally:
        await client.close()
        server._pool.shutdown()
