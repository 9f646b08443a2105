"""A served classroom's app processes: the fixed command each runs, and the process
itself, started with one person's identity, in its own process group, asked to die with
the server (see docs/serving.md, "Apps die with the server").
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shlex
import signal
import sys
from typing import Any, cast

from textual_serve.app_service import AppService

from simulator.records.access import Grant
from simulator.serve.child import PRCTL, die_with
from simulator.serve.forked import WarmStarter

log = logging.getLogger("peersim.serve")

SIZE_LIMITS = {"width": (20, 400), "height": (8, 200)}  # a terminal, not a memory bomb
STOP_GRACE = 10.0  # seconds an app has to quit before it is ended


def app_command() -> str:
    """The one shell command every app process runs: fixed, and built from nothing typed.

    Its error output is dropped, because a crash report could hold what a trainee typed
    and the server's log is shared by the whole class.
    """
    return f"exec {shlex.quote(sys.executable)} -m simulator 2>/dev/null"


class _NoDebug:
    debug = False


def app_environment(identity: dict[str, str], width: int = 80, height: int = 24
                    ) -> dict[str, str]:
    """The environment an app runs with: textual-serve's own (its method reads nothing
    of the instance but ``debug``), no identity inherited from the server, then
    ``identity``. The warm process gets it too, since Textual reads some of it when
    imported."""
    environment = AppService._build_environment(cast(AppService, _NoDebug()),
                                                width=width, height=height)
    for name in list(environment):  # never inherit an identity from the server itself
        if name.startswith("PEERSIM_SERVED_"):
            del environment[name]
    environment.update(identity)
    return environment


def warm_command() -> list[str]:
    """The command of the warm app process the apps are forked from (fixed, like
    :func:`app_command`)."""
    return [sys.executable, "-m", "simulator.tui.warm"]


def clamp(value: object, name: str, default: int) -> int:
    """A terminal width or height from the browser, kept within sensible bounds."""
    low, high = SIZE_LIMITS[name]
    try:
        number = int(str(value))
    except ValueError:
        number = default
    return max(low, min(high, number))


class ServedApp(AppService):
    """One trainee's (or trainer's) app process, started with their identity."""

    def __init__(self, command: str, *, grant: Grant, identity: dict[str, str],
                 warm: WarmStarter | None = None, **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.grant = grant
        self.identity = identity
        self.warm = warm
        self.painted = asyncio.Event()  # set when the app has drawn its first screen
        self._stopping: asyncio.Future[None] | None = None

    async def on_data(self, payload: bytes) -> None:
        """Pass the app's screen on; the first one means the app has started."""
        self.painted.set()
        await super().on_data(payload)

    async def _open_app_process(self, width: int = 80, height: int = 24
                                ) -> asyncio.subprocess.Process:
        """The app forked from the warm process when there is one, else started cold in
        its own process group, asked to die with the server (textual-serve's own start,
        plus those two)."""
        environment = self._build_environment(width=width, height=height)
        if self.warm is not None and self.warm.ready:
            try:
                self._process = forked = await self.warm.spawn(environment)
            except (OSError, TimeoutError) as error:
                log.warning("an app starts cold: %s", type(error).__name__)
            else:
                self._stdin = forked.stdin
                return forked
        self._process = process = await asyncio.create_subprocess_shell(
            self.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=environment, start_new_session=True,
            preexec_fn=die_with(os.getpid(), PRCTL))
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    def stopping(self) -> asyncio.Future[None]:
        """Stop the process once, however many callers ask (the connection closing and
        the server shutting down may ask at the same moment); the stop goes on even if
        a caller is cancelled while it waits."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        return self._stopping

    async def _stop(self) -> None:
        """Ask the app to quit; end it if it has not within a grace period."""
        try:
            await asyncio.wait_for(super().stop(), STOP_GRACE)
        except TimeoutError:
            log.warning("an app process did not quit when asked; ending it")
        finally:
            process = self._process
            if process is not None:
                if process.returncode is None:
                    process.kill()
                await process.wait()
                # anything the app started, in its own process group, goes too
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)

    async def stop(self) -> None:
        """Stop the process and wait for it."""
        await asyncio.shield(self.stopping())

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        return app_environment(self.identity, width, height)
