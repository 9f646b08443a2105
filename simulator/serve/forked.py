"""Apps forked warm: the server's side of the warm app process (``simulator.tui.warm``).

Why: see that module. Here the server starts it (a fixed command, in its own process
group, asked to die with the server), asks it for an app per connection over a socket
pair, and hands textual-serve each forked app as the asyncio ``Process`` it would have
started itself. When the warm process is not there (it failed to start, or this is not
Linux), apps start cold, as textual-serve starts them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from collections import deque

from simulator.serve.child import PRCTL, die_with

log = logging.getLogger("peersim.serve")

FD_VAR = "PEERSIM_WARM_FD"  # the name simulator.tui.warm reads
READY_WITHIN = 60.0  # seconds the warm process may take to load (a busy machine)
ANSWER_WITHIN = 10.0  # seconds a fork may take to be reported
MESSAGE = 64 * 1024


class ForkedProcess(asyncio.subprocess.Process):
    """An app the warm process forked, as textual-serve and ServedApp use a Process:
    its pipes, its id, ``wait``, ``kill`` and ``returncode``. (Not started by asyncio,
    so the parent's machinery is not used: the warm process reports its exit.)"""

    def __init__(self, pid: int, stdin: asyncio.StreamWriter,
                 stdout: asyncio.StreamReader) -> None:  # no super(): no transport
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = asyncio.StreamReader()
        self.stderr.feed_eof()  # its error output goes nowhere, as a cold start's does
        self._code: int | None = None
        self._ended = asyncio.Event()

    @property
    def returncode(self) -> int | None:
        """Its exit code, once the warm process has reported it."""
        return self._code

    def ended(self, code: int) -> None:
        """The warm process says the app has exited."""
        self._code = code
        self._ended.set()

    async def wait(self) -> int:
        """Wait for the app to exit; its exit code."""
        await self._ended.wait()
        assert self._code is not None
        return self._code

    def send_signal(self, number: int) -> None:
        """Signal the app (not once it has exited: its id may be another's by then)."""
        if self._code is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, number)

    def terminate(self) -> None:
        """Ask the app to end."""
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """End the app."""
        self.send_signal(signal.SIGKILL)


class WarmStarter:
    """The warm app process and the apps forked from it."""

    def __init__(self, command: list[str]) -> None:
        self.command = command
        self.ready = False
        self._control: socket.socket | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._answers: deque[asyncio.Future[int]] = deque()
        self._apps: dict[int, ForkedProcess] = {}
        self._ended_early: dict[int, int] = {}  # exits reported before spawn() saw the fork
        self._listening: asyncio.Task[None] | None = None

    async def start(self, environment: dict[str, str]) -> bool:
        """Start the warm process and wait until it has loaded; False if it could not
        (apps then start cold)."""
        if not sys.platform.startswith("linux"):
            return False
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._process = await asyncio.create_subprocess_exec(
                *self.command, stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
                env={**environment, FD_VAR: str(theirs.fileno())},
                pass_fds=(theirs.fileno(),), start_new_session=True,
                preexec_fn=die_with(os.getpid(), PRCTL))
        except OSError as error:
            log.warning("apps will start cold: %s", type(error).__name__)
            ours.close()
            return False
        finally:
            theirs.close()
        ours.setblocking(False)
        self._control = ours
        loop = asyncio.get_running_loop()
        try:
            first = await asyncio.wait_for(loop.sock_recv(ours, MESSAGE), READY_WITHIN)
            self.ready = json.loads(first or b"{}").get("ready") is True
        except (TimeoutError, ValueError, OSError):
            self.ready = False
        if not self.ready:
            log.warning("apps will start cold: the warm app process did not load")
            await self.stop()
            return False
        self._listening = asyncio.create_task(self._listen())
        return True

    async def _listen(self) -> None:
        """The warm process's answers: each fork's id, in order, and each app's exit."""
        assert self._control is not None
        loop = asyncio.get_running_loop()
        while True:
            try:
                data = await loop.sock_recv(self._control, MESSAGE)
            except OSError:
                data = b""
            if not data:
                break
            answer = json.loads(data)
            if "ended" in answer:
                pid, code = int(answer["ended"]), int(answer["code"])
                app = self._apps.pop(pid, None)
                if app is not None:
                    app.ended(code)
                else:
                    self._ended_early[pid] = code
            elif self._answers:
                waiting = self._answers.popleft()
                if not waiting.done():
                    if "started" in answer:
                        waiting.set_result(int(answer["started"]))
                    else:
                        waiting.set_exception(OSError("the warm process could not fork"))
        self._gone()

    def _gone(self) -> None:
        """The warm process has ended, and its apps with it (they die with it)."""
        self.ready = False
        for waiting in self._answers:
            if not waiting.done():
                waiting.set_exception(OSError("the warm process has ended"))
        self._answers.clear()
        for app in self._apps.values():
            app.ended(-int(signal.SIGKILL))
        self._apps.clear()

    async def spawn(self, environment: dict[str, str]) -> ForkedProcess:
        """A new app with ``environment``, forked warm, on pipes of its own."""
        if not self.ready or self._control is None:
            raise OSError("no warm process")
        loop = asyncio.get_running_loop()
        app_in, to_app = os.pipe()
        from_app, app_out = os.pipe()
        answer: asyncio.Future[int] = loop.create_future()
        try:
            message = json.dumps({"environment": environment}).encode()
            self._answers.append(answer)
            socket.send_fds(self._control, [message], [app_in, app_out])
        except OSError:
            self._answers.remove(answer)
            for fd in (to_app, from_app):
                os.close(fd)
            raise
        finally:
            os.close(app_in)
            os.close(app_out)
        try:
            pid = await asyncio.wait_for(answer, ANSWER_WITHIN)
        except (TimeoutError, OSError):
            os.close(to_app)
            os.close(from_app)
            raise
        stdout = asyncio.StreamReader(limit=2 ** 16)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdout),
                                     os.fdopen(from_app, "rb", buffering=0))
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(to_app, "wb", buffering=0))
        stdin = asyncio.StreamWriter(transport, protocol, None, loop)
        app = ForkedProcess(pid, stdin, stdout)
        if pid in self._ended_early:
            app.ended(self._ended_early.pop(pid))
        else:
            self._apps[pid] = app
        return app

    async def stop(self) -> None:
        """End the warm process (its apps end with it)."""
        self.ready = False
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._listening is not None:
            self._listening.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._listening
            self._listening = None
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()
        self._gone()
