"""Writing export files safely: atomic and private (what goes in them is made safe by
:mod:`simulator.exports.sanitise`)."""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from simulator.errors import PeersimError
from simulator.paths import private_dir


class OutputError(PeersimError, RuntimeError):
    """An output file cannot be written; the message names it and says why."""

    title = "Not written"


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {target}: {exc.strerror or exc}")


def check_target(target: Path) -> None:
    """Refuse, before any work, a target that is a folder or whose folder cannot be made."""
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder; give a file name")
    try:
        private_dir(target.parent)  # folders it makes are 0700, whatever the umask
    except OSError as exc:
        raise OutputError(f"cannot write {target}: its folder {target.parent} cannot be made"
                          f" ({exc.strerror or exc})") from exc


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _sweep(target: Path) -> None:
    """Remove the temporary files (and scratch folders) a killed export to ``target``
    left behind (SIGKILL runs no clean-up): ours, named for a process that no longer
    runs."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = stale.name[len(target.name) + 2:].split(".", 1)[0]
        try:
            if pid.isdigit() and not _alive(int(pid)) and stale.stat().st_uid == os.geteuid():
                if stale.is_dir() and not stale.is_symlink():
                    shutil.rmtree(stale)
                else:
                    stale.unlink()
        except OSError:
            continue  # gone already, or not ours to remove


@contextmanager
def scratch_dir(target: Path) -> Iterator[Path]:
    """A private folder beside ``target`` for a writer's own temporary files (Excel's
    streamed sheets), removed afterwards; named like the export's temporary file, so
    what a killed export left is swept by the next one, never left in /tmp."""
    check_target(target)
    _sweep(target)
    folder = Path(tempfile.mkdtemp(dir=target.parent,
                                   prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _staged(target: Path) -> Iterator[tuple[int, Path]]:
    """An open temporary file beside ``target`` (0600), renamed onto it on success and
    removed on any failure; an OSError becomes an :class:`OutputError` naming ``target``."""
    check_target(target)
    _sweep(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                                   suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        os.chmod(tmp, 0o600)
        yield fd, Path(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from exc
        raise


@contextmanager
def atomic_file(target: Path, mode: str = "w") -> Iterator[IO[str]]:
    """A file that appears at ``target`` (0600) only once fully written and synced."""
    with _staged(target) as (fd, _tmp), \
            os.fdopen(fd, mode, encoding="utf-8", newline="") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def atomic_path(target: Path, write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary path, then move it into place (0600)."""
    with _staged(target) as (fd, tmp):
        os.close(fd)
        write(tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
