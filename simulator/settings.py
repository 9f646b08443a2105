"""What the app remembers between runs: the mode, the deck and the colour theme.

A trainee who picked assessment mode, or their own deck, should find it so next time.
It is a small JSON file in the data folder, readable only by its owner (0600), holding
no story and no id. A missing or damaged file means the defaults, never an error: it
is a convenience, and the app must start whatever is in it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from simulator.paths import data_dir, write_private

SETTINGS_FILE = "settings.json"
MODES = ("practice", "assessment")
_ID_MAX = 200


@dataclass(frozen=True)
class Settings:
    """The remembered choices."""

    mode: str = "practice"
    deck_id: str | None = None  # None: each scenario's own practice deck
    theme: str = ""  # a colour theme's name; "" for the default


def settings_path() -> Path:
    """Where the settings live."""
    return data_dir() / SETTINGS_FILE


def load_settings(path: Path | None = None) -> Settings:
    """The remembered choices; the defaults for anything missing, unreadable or odd."""
    try:
        data = json.loads((path or settings_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # deep nesting too: defaults, no crash
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    mode = data.get("mode")
    deck = data.get("deck_id")
    theme = data.get("theme")
    return Settings(
        mode=mode if mode in MODES else "practice",
        deck_id=deck if isinstance(deck, str) and 0 < len(deck) <= _ID_MAX else None,
        theme=theme if isinstance(theme, str) and len(theme) <= _ID_MAX else "",
    )


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Remember ``settings`` (0600, written whole or not at all)."""
    write_private(path or settings_path(), json.dumps(asdict(settings), indent=2) + "\n")
