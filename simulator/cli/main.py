"""The ``peersim`` entry point: argument parsing and error handling, nothing else."""

from __future__ import annotations

import gc
import importlib
import importlib.util
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from simulator.cli.output import CliError, visible_output
from simulator.errors import PeersimError

if TYPE_CHECKING:
    import argparse


def build_parser() -> argparse.ArgumentParser:
    """The command-line grammar, imported only when there are arguments to read: bare
    ``peersim`` opens the app without argparse (and gettext) on its start path."""
    from simulator.cli.parser import build_parser as grammar

    return grammar()


def _open_app(argv: Sequence[str]) -> int:
    """Open the trainee's app when the UI is installed; otherwise explain and show help."""
    # Start-up creates tens of thousands of objects that live as long as the app, and
    # the collector would only re-scan them: launch() freezes them, then turns it back on.
    gc.disable()
    try:
        try:
            # imported by name so the core never depends on the UI statically; the launch
            # module imports Textual only while the store opens, so whether the UI is
            # installed is asked of Textual itself
            if importlib.util.find_spec("textual") is None:
                raise ImportError("textual")
            module = importlib.import_module("simulator.tui.launch")
        except ImportError:
            build_parser().print_help()
            return 0
        code: int = module.launch(list(argv))
        return code
    finally:
        gc.enable()


def open_dashboard(args: argparse.Namespace) -> int:
    """The dashboard lives in the UI package, loaded only when asked for."""
    from simulator.cli.gate import check_trainer
    from simulator.cli.records_cmds import selection

    check_trainer("open a cohort's dashboard")
    module = importlib.import_module("simulator.tui.launch")
    code: int = module.launch_dashboard(args.cohort, selection(args))
    return code


@visible_output
def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        return _guarded(lambda: _open_app(args_list))
    parser = build_parser()
    args = parser.parse_args(args_list)
    with _pack_for_this_run(args.library):
        if getattr(args, "func", None) is None:
            if args.library:
                return _guarded(lambda: _open_app([]))
            parser.print_help()
            return 0
        return _guarded(lambda: int(args.func(args)), signals=True)


@contextmanager
def _pack_for_this_run(folders: list[str]) -> Iterator[None]:
    """``--library`` folders as the pack (``PEERSIM_LIBRARY``) for everything this run
    does, said once, here; the variable is put back as it was when the run ends, so a
    caller in the same process (a test, a script) is not left with another's pack."""
    if not folders:
        yield
        return
    from simulator.paths import LIBRARY_ENV

    before = os.environ.get(LIBRARY_ENV)
    os.environ[LIBRARY_ENV] = os.pathsep.join([*folders, *filter(None, [before])])
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(LIBRARY_ENV, None)
        else:
            os.environ[LIBRARY_ENV] = before


class Stopped(BaseException):
    """A command stopped by SIGTERM or SIGHUP, raised where it was, so every clean-up
    runs: an export being written removes its temporary file and leaves no partial one."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    """SIGTERM and SIGHUP as :class:`Stopped` while a command runs (main thread only;
    the handlers before are put back after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _guarded(run: Callable[[], int], signals: bool = False) -> int:
    """Run the app or a command; every failure becomes one message and an exit code."""
    from simulator.cli.notes import say_notes

    code = 1
    try:
        if signals:
            with _signals_as_exceptions():
                code = run()
        else:
            code = run()
        return code
    except Stopped as exc:
        print(f"peersim: stopped by signal {exc.signum}; nothing half-written was left",
              file=sys.stderr)
        return 128 + exc.signum
    except PeersimError as exc:  # peersim's own errors: a title and a message, no trace
        print(f"peersim: {exc.title}: {exc}", file=sys.stderr)
        return exc.code if isinstance(exc, CliError) else 1
    except KeyboardInterrupt:
        print("peersim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        message = _not_a_bug(exc)
        if message is not None:
            print(f"peersim: {message}", file=sys.stderr)
            return 1
        if os.environ.get("PEERSIM_DEBUG"):
            traceback.print_exc()
        print(f"peersim: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in peersim; set PEERSIM_DEBUG=1 to see details.", file=sys.stderr)
        return 70
    finally:
        say_notes(code == 0)


def _not_a_bug(exc: Exception) -> str | None:
    """The message for a failure of the surroundings that is not a PeersimError (any OS
    error, a database driver's own error), or None for a bug in peersim."""
    if isinstance(exc, OSError):
        return f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc)
    if type(exc).__module__.split(".")[0] in ("sqlite3", "psycopg"):
        # a database driver's own error: its text may quote a connection string or a value
        return (f"the records database failed ({type(exc).__name__}); try again, and if it"
                " keeps failing, check the database")
    if isinstance(exc, UnicodeEncodeError):
        return ("this terminal cannot show some of the text; use a UTF-8 locale"
                " (for example LANG=C.UTF-8)")
    return None
