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
    """The folder for the trainee's own data (records, own decks); created 0700."""
    override = os.environ.get("PEERSIM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("peersim", False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
