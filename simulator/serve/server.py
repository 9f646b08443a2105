"""The classroom server: textual-serve's server with peersim's sign-in in front of it.

textual-serve starts one app process per websocket and leaves identity to us (see
docs/serving.md). Here every page but the sign-in form and the static files needs a
signed session cookie; each app process is told who it runs for through environment
variables built from the server's own session record, never from the URL, the
websocket messages or anything typed; and the shell command it runs is fixed when the
server starts. Nothing a trainee types is logged.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from simulator.paths import write_private
from simulator.records.access import (
    Grant,
    close_web_session,
    find_code,
    open_web_session,
    signing_key,
    verify_code,
    web_session,
)
from simulator.records.cohorts import Cohort
from simulator.records.signin_limits import count_attempt, forget_old, person_key, uncount
from simulator.records.sql_store import SqlStore
from simulator.serve import pages
from simulator.serve.admission import Admission
from simulator.serve.apps import ServedApp, app_command, app_environment, clamp, warm_command
from simulator.serve.connection import (
    Connection,
    free_when_started,
    relay,
    stop_reading,
    wait_in_line,
)
from simulator.serve.forked import WarmStarter
from simulator.serve.guard import (
    COOKIE,
    HEADERS,
    QuietAccessLogger,
    SignInLimits,
    sign,
    unsign,
)
from simulator.serve.identity import COHORT_VAR, PERSON_VAR, ROLE_VAR

log = logging.getLogger("peersim.serve")
T = TypeVar("T")

TEMPLATES = Path(pages.__file__).parent / "templates"
FORM_WAIT = 10.0  # seconds the sign-in form may take to arrive
MAX_MESSAGE = 256 * 1024  # one websocket message: a pasted story fits, a flood does not


class ClassroomServer(Server):
    """``peersim serve``: one cohort, its trainees and trainers, in browsers."""

    def __init__(self, store: SqlStore, store_url: str, cohort: Cohort, *,
                 host: str = "127.0.0.1", port: int = 8000, public_url: str | None = None,
                 lifetime: timedelta = timedelta(hours=8), max_apps: int = 40,
                 apps_each: int = 3, limits: SignInLimits | None = None,
                 trust_forwarded: bool = False, recheck: float = 5.0,
                 command: str | None = None, starting: int | None = None,
                 warm: bool | None = None) -> None:
        super().__init__(command or app_command(), host=host, port=port, title="peersim",
                         public_url=public_url, templates_path=TEMPLATES)
        self.store = store
        self.store_url = store_url
        self.cohort = cohort
        self.lifetime = lifetime
        self.max_apps = max_apps
        self.apps_each = apps_each
        self.limits = limits or SignInLimits()
        self.trust_forwarded = trust_forwarded
        self.recheck = recheck
        self.public_given = public_url is not None
        self.secure = self.public_url.startswith("https://")
        self.apps: set[ServedApp] = set()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="peersim-store")
        # codes are hashed apart from the store's thread, so signed-in trainees' pages
        # never wait behind a queue of sign-ins (argon2 is slow on purpose); one thread
        # a core, so a class signing in together is not held up by one core's pace
        self._hashing = ThreadPoolExecutor(os.cpu_count() or 1,
                                           thread_name_prefix="peersim-hash")
        # apps start a few at a time (see simulator.serve.admission): one per core
        self.admission = Admission(starting or os.cpu_count() or 1)
        # apps are forked from a warm process, unless a test gave its own app command
        self.warm = WarmStarter(warm_command()) if (command is None if warm is None
                                                    else warm) else None
        self.signing_in = 0
        self._key: bytes | None = None
        self.scratch = Path(tempfile.mkdtemp(prefix="peersim-serve-"))
        self._index: str | None = None

    # -- the store, off the event loop (argon2 is slow on purpose) -----------------------------
    async def _db(self, call: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool,
                                                                partial(call, *args))

    async def key(self) -> bytes:
        """The cookie-signing key from the store."""
        if self._key is None:
            self._key = await self._db(signing_key, self.store)
        return self._key

    # -- the aiohttp application ---------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path),
                             autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/sign-in", self.handle_sign_in_form, name="sign_in"),
            web.post("/sign-in", self.handle_sign_in),
            web.post("/sign-out", self.handle_sign_out, name="sign_out"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.on_response_prepare.append(self._headers)
        return app

    async def make_app(self) -> web.Application:
        """The application (for tests and for serving)."""
        return await self._make_app()

    @staticmethod
    async def _headers(_request: web.Request, response: web.StreamResponse) -> None:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)

    def initialize_logging(self) -> None:
        """Plain log lines: no tracebacks with local variables (they could hold what a
        trainee typed)."""
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        """Load the warm app process, then say where the class is served."""
        if self.warm is not None:
            folder = Path(tempfile.mkdtemp(dir=self.scratch))  # no one's: stays empty
            if not await self.warm.start(app_environment({"PEERSIM_DATA_DIR": str(folder)})):
                self.warm = None
        print(f"peersim: serving cohort {self.cohort.cohort_id} on {self.public_url}"
              " (Ctrl+C stops)", flush=True)
        await self._db(forget_old, self.store, self.limits.span)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every app process and remove the per-connection folders."""
        for service in list(self.apps):
            await service.stop()
        if self.warm is not None:
            await self.warm.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)

    # -- who is asking ---------------------------------------------------------------------------
    def client(self, request: web.Request) -> str:
        """The address sign-in attempts are counted against."""
        if self.trust_forwarded:
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[-1].strip()
        return request.remote or "unknown"

    async def signed_in(self, request: web.Request) -> tuple[str, Grant, datetime] | None:
        """The session token, grant and expiry of the request's cookie, or None."""
        value = request.cookies.get(COOKIE)
        token = unsign(await self.key(), value) if value else None
        if token is None:
            return None
        found = await self._db(web_session, self.store, token)
        if found is None or found[0].cohort_id != self.cohort.cohort_id:
            return None
        return token, found[0], found[1]

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: the signed cookie is still required
        expected = urlsplit(self.public_url).netloc if self.public_given else request.host
        return urlsplit(origin).netloc == expected

    # -- pages -------------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The app page for a signed-in person; everyone else goes to sign in."""
        if await self.signed_in(request) is None:
            raise web.HTTPSeeOther("/sign-in")
        response: web.StreamResponse = await super().handle_index(request)
        return response

    async def handle_sign_in_form(self, request: web.Request) -> web.Response:
        """The sign-in form (or straight on, when already signed in). Codes come only by
        POST: a URL carrying anything (``?code=...``) is sent back to the bare form, and
        what it carried is never used."""
        if request.query_string:
            raise web.HTTPSeeOther("/sign-in")
        if await self.signed_in(request) is not None:
            raise web.HTTPSeeOther("/")
        return web.Response(text=pages.sign_in(self.cohort.title), content_type="text/html")

    def _too_many(self, wait: int) -> web.Response:
        return web.Response(status=429, text=pages.too_many(wait), content_type="text/html",
                            headers={"Retry-After": str(wait)})

    async def handle_sign_in(self, request: web.Request) -> web.Response:
        """Check a join code; on success set the signed session cookie.

        At most ``limits.at_once`` sign-ins are checked at once (more are asked to try
        again in a moment), so a flood cannot take the server from signed-in trainees.
        Each attempt is counted against its address, and against the person whose code
        its selector names, in the store *before* the code is checked. The form is read
        first, within a time limit, so a sender that trickles its form in holds no place.
        """
        try:
            async with asyncio.timeout(FORM_WAIT):
                form = await request.post()
        except TimeoutError:
            return web.Response(status=408, text=pages.sign_in(self.cohort.title),
                                content_type="text/html")
        typed = form.get("code")
        typed = typed if isinstance(typed, str) and len(typed) <= 64 else ""
        if self.signing_in >= self.limits.at_once:
            return web.Response(status=503, text=pages.sign_in_busy(),
                                content_type="text/html", headers={"Retry-After": "5"})
        self.signing_in += 1
        try:
            return await self._sign_in(request, typed)
        finally:
            self.signing_in -= 1

    async def _sign_in(self, request: web.Request, typed: str) -> web.Response:
        limits = self.limits
        address = f"address:{self.client(request)}"
        wait = await self._db(count_attempt, self.store, address, limits.per_address,
                              limits.span)
        if wait:
            return self._too_many(wait)
        row = await self._db(find_code, self.store, typed)
        counted = [address]
        if row is not None:
            grant_of = row.grant
            counted.append(person_key(grant_of.role, grant_of.cohort_id, grant_of.person))
            wait = await self._db(count_attempt, self.store, counted[1], limits.per_person,
                                  limits.span)
            if wait:
                return self._too_many(wait)
        grant = await asyncio.get_running_loop().run_in_executor(self._hashing, verify_code,
                                                                 row, typed)
        if grant is None or grant.cohort_id != self.cohort.cohort_id:
            log.info("sign-in refused from %s", self.client(request))
            return web.Response(status=401, content_type="text/html",
                                text=pages.sign_in(self.cohort.title, pages.WRONG_CODE))
        await self._db(uncount, self.store, *counted)
        token = await self._db(open_web_session, self.store, grant, self.lifetime)
        log.info("signed in: %s %s", grant.role, grant.person)
        response = web.HTTPSeeOther("/")
        response.set_cookie(COOKIE, sign(await self.key(), token), httponly=True,
                            samesite="Strict", secure=self.secure, path="/",
                            max_age=int(self.lifetime.total_seconds()))
        raise response

    async def handle_sign_out(self, request: web.Request) -> web.Response:
        """End the session at once, here and in any open app."""
        found = await self.signed_in(request)
        if found is not None:
            await self._db(close_web_session, self.store, found[0])
        response = web.HTTPSeeOther("/sign-in")
        response.del_cookie(COOKIE, path="/")
        raise response

    # -- the app over a websocket ---------------------------------------------------------------
    def identity(self, grant: Grant, folder: Path) -> dict[str, str]:
        """The environment that tells one app process who it runs for."""
        return {ROLE_VAR: grant.role, PERSON_VAR: grant.person, COHORT_VAR: grant.cohort_id,
                "PEERSIM_DATABASE_URL": self.store_url, "PEERSIM_DATA_DIR": str(folder)}

    def _connection_folder(self) -> Path:
        """A private, empty data folder for one app process (with the library index, so
        the home screen opens at once); nothing in it outlives the connection."""
        folder = Path(tempfile.mkdtemp(dir=self.scratch))
        if self._index is not None:
            cache = folder / "cache"
            cache.mkdir(mode=0o700)
            write_private(cache / "library-index.json", self._index, sync=False)
        return folder

    def prepare_index(self) -> None:
        """Build the library index once, for every app process to start from."""
        from simulator import library_index
        from simulator.loading.library import load_library

        library, _problems = load_library([])
        library_index.write_index(library)
        try:
            self._index = library_index._path().read_text(encoding="utf-8")
        except OSError:
            self._index = None

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Run one app process for the signed-in person behind this websocket."""
        found = await self.signed_in(request)
        if found is None:
            raise web.HTTPUnauthorized(text="Please sign in first.")
        if not self._same_origin(request):
            raise web.HTTPForbidden(text="This page may only be used from its own site.")
        token, grant, _expires = found
        mine = sum(1 for app in self.apps if app.grant == grant)
        if mine >= self.apps_each:
            raise web.HTTPTooManyRequests(text=pages.open_already(mine),
                                          content_type="text/html")
        if len(self.apps) >= self.max_apps:
            raise web.HTTPServiceUnavailable(text=pages.busy(), content_type="text/html")
        width = clamp(request.query.get("width", "80"), "width", 80)
        height = clamp(request.query.get("height", "24"), "height", 24)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        if not websocket.can_prepare(request).ok:
            raise web.HTTPBadRequest(text="This address is for the app's own connection.")
        folder = self._connection_folder()
        service = ServedApp(self.command, grant=grant, identity=self.identity(grant, folder),
                            write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                            close=websocket.close, download_manager=self.download_manager,
                            warm=self.warm)
        self.apps.add(service)  # its place is taken before any wait, so the caps hold
        handler = asyncio.current_task()
        assert handler is not None
        watch = asyncio.create_task(self._watch(websocket, token, handler))
        connection = Connection(width, height)
        ticket = self.admission.join()
        reading: asyncio.Task[None] | None = None
        starting: asyncio.Task[None] | None = None
        try:
            await websocket.prepare(request)
            reading = asyncio.create_task(relay(websocket, connection))
            if await wait_in_line(self.admission, self.cohort.title, websocket, ticket,
                                  reading):
                connection.admitted = True
                await service.start(connection.width, connection.height)
                connection.app = service
                connection.ready.set()
                starting = asyncio.create_task(
                    free_when_started(self.admission, service, ticket, reading))
                await reading
        except asyncio.CancelledError:
            await stop_reading(reading)
            await websocket.close(message=b"signed out")
        except Exception as error:  # the details could hold what was typed: name only
            log.error("an app connection failed: %s", type(error).__name__)
        finally:
            self.admission.leave(ticket)
            watch.cancel()
            if starting is not None:
                starting.cancel()
            await stop_reading(reading)
            stopping = service.stopping()
            stopping.add_done_callback(lambda _done: self._forget(service, folder))
            await asyncio.shield(stopping)
        return websocket

    def _forget(self, service: ServedApp, folder: Path) -> None:
        """After an app process has ended: free its place and remove its folder."""
        self.apps.discard(service)
        shutil.rmtree(folder, ignore_errors=True)

    async def _watch(self, websocket: web.WebSocketResponse, token: str,
                     handler: asyncio.Task[Any]) -> None:
        """End the app when its session expires or is signed out: the connection's own
        task closes the socket (closing it from here would race its reader)."""
        while not websocket.closed:
            await asyncio.sleep(self.recheck)
            if await self._db(web_session, self.store, token) is None:
                handler.cancel()
                return

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM (textual-serve's own loop, with an access log
        that leaves out query strings)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False,
                    loop=loop, print=lambda *args: None, access_log_class=QuietAccessLogger)

    def close(self) -> None:
        """Release the store connection and the per-connection folders."""
        self._hashing.shutdown(wait=True)
        self._pool.shutdown(wait=True)
        self.store.close()
        shutil.rmtree(self.scratch, ignore_errors=True)
