"""Where things live: the shipped content, and the user's own data folder.

Shipped scenarios, decks and rubrics sit beside the package in a source checkout
(or an editable install) and inside it, under ``_data``, in a built wheel. User
data goes to the platform's data folder unless ``PEERSIM_DATA_DIR`` says otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

_PACKAGE = Path(__file__).resolve().parent
CONTENT_FOLDERS = ("scenarios", "decks", "rubrics")


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


def data_dir() -> Path:
    """The folder for the trainee's own data (records, own decks); created 0700."""
    override = os.environ.get("PEERSIM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("peersim", False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
