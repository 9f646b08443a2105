"""The warm app process: what a classroom server forks each trainee's app from.

Why: a cold app start pays for Python, the imports (Textual, pydantic, the app) and the
checked library, about a second of CPU; thirty trainees signing in together pay it
thirty times over on a machine with two cores. This process pays it once, then forks a
ready app for each connection in a few milliseconds; the forks share its memory until
they write to it.

The server starts it with one end of a socket pair (``PEERSIM_WARM_FD``) and sends one
message per app: the environment the app runs with (who it runs for comes from the
server's own sign-in records, exactly as a cold start's environment does) and, passed
alongside, the two pipe ends that become the app's stdin and stdout. This process
answers with the app's process id, and later with its exit code. It never reads
anything a trainee typed: that goes straight to the forked app through its pipes.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys
from typing import TYPE_CHECKING

from simulator.serve.child import PRCTL, die_with

if TYPE_CHECKING:
    from simulator.app_library import AppLibrary

FD_VAR = "PEERSIM_WARM_FD"
MESSAGE = 256 * 1024  # one request: an environment, well under this


def _prepare() -> AppLibrary:
    """Everything an app start would import, and the checked library, loaded once."""
    import simulator.tui.app
    import simulator.tui.compat
    import simulator.tui.context
    import simulator.tui.screens.home
    import simulator.tui.served  # noqa: F401  (imported for the forks to inherit)
    from simulator.app_library import load_app_library
    from simulator.records import open_store  # noqa: F401

    return load_app_library()


def _send(control: socket.socket, message: dict[str, object]) -> None:
    control.send(json.dumps(message).encode())


def _run_app(control: socket.socket, wake: tuple[int, int], parent: int,
             environment: dict[str, str], fds: list[int], library: AppLibrary) -> int:
    """In the fork: become the app on the given pipes, as the person the server named."""
    control.close()
    for fd in wake:
        os.close(fd)
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()  # its own process group, which the server ends with it
    die_with(parent, PRCTL)()  # and dies with this process, which dies with the server
    stdin, stdout = fds
    os.dup2(stdin, 0)
    os.dup2(stdout, 1)
    quiet = os.open(os.devnull, os.O_WRONLY)  # a crash report could hold what was typed
    os.dup2(quiet, 2)
    for fd in (stdin, stdout, quiet):
        os.close(fd)
    os.environ.clear()
    os.environ.update(environment)
    from simulator.tui.served import launch_served

    return launch_served(library)


def _reap(control: socket.socket) -> None:
    """Tell the server about every app that has ended."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _send(control, {"ended": pid, "code": os.waitstatus_to_exitcode(status)})


def serve_forks(control: socket.socket) -> int:
    """Load once, say so, then fork an app per request until the server goes away."""
    me = os.getpid()
    library = _prepare()
    gc.collect()
    gc.freeze()  # what the forks inherit stays shared: the collector never writes to it
    wake = os.pipe()
    os.set_blocking(wake[1], False)
    signal.set_wakeup_fd(wake[1])
    signal.signal(signal.SIGCHLD, lambda _number, _frame: None)
    _send(control, {"ready": True})
    while True:
        readable, _, _ = select.select([control.fileno(), wake[0]], [], [])
        if wake[0] in readable:
            with contextlib.suppress(BlockingIOError):
                os.read(wake[0], 512)
            _reap(control)
        if control.fileno() not in readable:
            continue
        data, fds, _flags, _address = socket.recv_fds(control, MESSAGE, 2)
        if not data:
            return 0  # the server has gone; our apps go with us (they asked to)
        try:
            environment = json.loads(data)["environment"]
        except (ValueError, KeyError, TypeError):
            environment = None
        if len(fds) != 2 or not isinstance(environment, dict):
            for fd in fds:
                os.close(fd)
            _send(control, {"failed": "a request without its environment and pipes"})
            continue
        sys.stdout.flush()
        try:
            pid = os.fork()
        except OSError as error:  # out of processes or memory: this app only fails
            _send(control, {"failed": type(error).__name__})
            pid = -1
        if pid == 0:
            code = 1
            try:
                code = _run_app(control, wake, me, environment, fds, library)
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        if pid > 0:
            _send(control, {"started": pid})


def main() -> int:
    """Entry point: ``python -m simulator.tui.warm``, started by the classroom server."""
    try:
        control = socket.socket(fileno=int(os.environ.pop(FD_VAR)))
    except (KeyError, ValueError, OSError):
        print("peersim: the warm app process is started by peersim serve", file=sys.stderr)
        return 2
    return serve_forks(control)


if __name__ == "__main__":
    raise SystemExit(main())
