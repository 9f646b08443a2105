"""A first start opens from the cards shipped with the package, while they hold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator import library_index
from simulator.library_index import SHIPPED, read_index, shipped_cards, shipped_index
from simulator.loading.playable import load_playable
from simulator.paths import shipped_folders
from simulator.tui.launch import build_app


def test_the_shipped_index_is_current() -> None:
    playable = load_playable(shipped_folders())
    assert SHIPPED.read_text(encoding="utf-8") == shipped_index(
        playable.library, playable.left_out_scenarios), (
        "the shipped library changed: run python -m simulator.library_index")


def test_a_first_start_opens_from_the_shipped_cards_and_writes_its_own_index() -> None:
    assert read_index() is None  # a fresh data folder
    app = build_app()
    try:
        before = app.ctx.library_ready  # False: the home screen opens from shipped cards
        assert app.ctx.cards() == shipped_cards()
        app.ctx.warm()  # what the app does after the first frame
        assert (before, app.ctx.library_ready) == (False, True)
        assert read_index() == app.ctx.cards()  # the next start reads its own index
    finally:
        app.ctx.store.close()


def test_the_shipped_cards_are_not_used_beside_a_pack(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    assert shipped_cards() is not None
    monkeypatch.setenv("PEERSIM_LIBRARY", str(tmp_path))
    assert shipped_cards() is None


def test_the_shipped_cards_are_not_used_once_a_file_changed(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copies = []
    for folder in shipped_folders():
        copies.append(Path(shutil.copytree(folder, tmp_path / folder.name)))
    monkeypatch.setattr(library_index, "shipped_folders", lambda: copies)
    assert shipped_cards() is not None  # the same bytes, other mtimes: still good
    scenario = sorted((tmp_path / "scenarios").glob("*.yaml"))[0]
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("title:", "title: X",
                                                                     1), encoding="utf-8")
    assert shipped_cards() is None
