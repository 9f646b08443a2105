"""Where things live: the shipped content, and the user's own data folder.

Shipped scenarios, decks and rubrics sit beside the package in a source checkout
(or an editable install) and inside it, under ``_data``, in a built wheel. User
data goes to the platform's data folder unless ``PEERSIM_DATA_DIR`` says otherwise.
A programme can add its own scenario pack (scenarios, decks, rubrics in any folder
layout) with ``PEERSIM_LIBRARY``: trainees' machines then list it beside the shipped
library without anyone copying files into the installed package.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent
CONTENT_FOLDERS = ("scenarios", "decks", "rubrics")
LIBRARY_ENV = "PEERSIM_LIBRARY"


def content_root() -> Path:
    """The folder holding the shipped ``scenarios/``, ``decks/`` and ``rubrics/``."""
    bundled = _PACKAGE / "_data"
    if (bundled / "rubrics").is_dir():
        return bundled
    return _PACKAGE.parent


def shipped_folders() -> list[Path]:
    """The shipped content folders that exist."""
    root = content_root()
    return [root / name for name in CONTENT_FOLDERS if (root / name).is_dir()]


def pack_folders() -> list[Path]:
    """The programme's scenario pack folders named by ``PEERSIM_LIBRARY`` (separated like
    ``PATH``), in order; empty entries are skipped."""
    value = os.environ.get(LIBRARY_ENV, "")
    return [Path(part).expanduser() for part in value.split(os.pathsep) if part.strip()]


def library_folders() -> list[Path]:
    """Where the app's library comes from: the pack first (its ids win), then shipped."""
    return [*pack_folders(), *shipped_folders()]


def data_dir() -> Path:
    """The folder for the trainee's own data (records, own decks): 0700 whatever the
    umask, and tightened to 0700 if it already exists more open."""
    override = os.environ.get("PEERSIM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("peersim", False))
    return private_dir(path, tighten=True)


def private_dir(path: Path, *, tighten: bool = False) -> Path:
    """Make ``path`` and any missing parents 0700, whatever the umask.

    Why not ``mkdir(parents=True, mode=0o700)``: Python makes the parents with the
    umask's mode (0777 under umask 000). Folders that already exist are left alone,
    except ``path`` itself with ``tighten`` when it is ours and not a shared sticky
    folder such as /tmp.
    """
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if folder.is_dir():  # another process made it meanwhile
                continue
            raise
        os.chmod(folder, 0o700)
    if tighten and not missing:
        info = path.stat()
        if (info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) & 0o077
                and not info.st_mode & stat.S_ISVTX):
            os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 if it is missing; an existing file of ours that is
    more open is tightened to 0600."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.chmod(path, 0o600)
    except FileExistsError:
        info = path.stat()
        if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, 0o600)
    return path


def write_private(path: Path, text: str, *, sync: bool = True) -> None:
    """Write ``text`` to ``path`` through a 0600 file made before any byte is written,
    then move it into place (so a reader never sees it half-written or more open).
    ``sync=False`` skips the disk sync, for caches that may be lost."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
