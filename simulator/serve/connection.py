"""One browser tab's connection to the classroom server, around its app: waiting in
the admission line (told its place), freeing the place once the app has drawn its first
screen, and relaying what the browser sends.

Why apart from the server: the server decides who may connect and as whom; this is
what happens on a connection once it is allowed, and it knows nothing of sign-in.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService

from simulator.serve.admission import Admission, Ticket, waiting_text
from simulator.serve.apps import ServedApp, clamp

START_LIMIT = 30.0  # seconds an app may take to draw its first screen before the next starts


class Connection:
    """One browser tab's connection: its terminal size, and its app once started. Keys
    typed while waiting in line are dropped (there is nothing yet to type into); once
    admitted, they wait for the app's process, so none typed during its start is lost."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.app: AppService | None = None
        self.admitted = False
        self.ready = asyncio.Event()  # the app's process is there to take keys


async def stop_reading(reading: asyncio.Task[None] | None) -> None:
    """Stop relaying (before the socket is closed, which a pending read would race)."""
    if reading is not None and not reading.done():
        reading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await reading


async def wait_in_line(admission: Admission, title: str, websocket: web.WebSocketResponse,
                       ticket: Ticket, reading: asyncio.Task[None]) -> bool:
    """Keep the browser told where it is in line until its app may start; False if the
    browser left first."""
    waited = False
    while not ticket.admitted.is_set():
        if reading.done():
            return False
        waited = True
        place = admission.position(ticket)
        text = waiting_text(title, place, admission.estimate(place))
        await websocket.send_bytes(text.encode())
        moved = asyncio.create_task(admission.wait(ticket))
        await asyncio.wait({moved, reading}, return_when=asyncio.FIRST_COMPLETED)
        moved.cancel()
    if waited:
        await websocket.send_bytes(waiting_text(title, 0, 0).encode())
    return not reading.done()


async def free_when_started(admission: Admission, service: ServedApp, ticket: Ticket,
                            reading: asyncio.Task[None]) -> None:
    """Free the app's place in the admission line once it has drawn its first screen
    (or its browser has left, or it has had ``START_LIMIT`` seconds)."""
    painted = asyncio.create_task(service.painted.wait())
    await asyncio.wait({painted, reading}, timeout=START_LIMIT,
                       return_when=asyncio.FIRST_COMPLETED)
    painted.cancel()
    if service.painted.is_set():
        admission.started(ticket)
    else:
        admission.leave(ticket)


async def relay(websocket: web.WebSocketResponse, connection: Connection) -> None:
    """Keys, resizes and pings from the browser; anything else is ignored. Before the
    app has started, keys are dropped and the latest size is kept for its start."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except (ValueError, RecursionError):  # not JSON, or nested past any use
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if connection.admitted:
            await connection.ready.wait()
        app_service = connection.app
        if kind == "ping" and isinstance(data, str) and len(data) <= 64:
            await websocket.send_json(["pong", data])
        elif kind == "resize" and isinstance(data, dict):
            connection.width = clamp(data.get("width"), "width", 80)
            connection.height = clamp(data.get("height"), "height", 24)
            if app_service is not None:
                await app_service.set_terminal_size(connection.width, connection.height)
        elif app_service is None:
            continue
        elif kind == "stdin" and isinstance(data, str):
            await app_service.send_bytes(data.encode("utf-8"))
        elif kind == "blur":
            await app_service.blur()
        elif kind == "focus":
            await app_service.focus()
