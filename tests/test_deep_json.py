"""Files peersim reads back for itself (settings, the library index) fall back to their
defaults when damaged, however deeply nested, instead of crashing the app at start."""

from __future__ import annotations

from pathlib import Path

from simulator import library_index
from simulator.settings import Settings, load_settings

DEEP = "[" * 200_000 + "]" * 200_000


def test_deeply_nested_settings_give_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(DEEP, encoding="utf-8")
    assert load_settings(path) == Settings()


def test_a_deeply_nested_library_index_is_rebuilt() -> None:
    index = library_index._path()
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(DEEP, encoding="utf-8")
    assert library_index.read_index() is None
