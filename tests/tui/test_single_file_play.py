"""``peersim play folder/scenario.yaml --watch`` as a new trainer runs it, at 80x24.

The folder holds what docs/authoring.md tells them to write: a deck and a scenario.
The command is run through the CLI's entry point; the app it opens is driven by Pilot.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static
from textual.widgets._header import HeaderTitle

from simulator.cli.main import main
from simulator.tui.playtest import PlayTestApp, ProblemsScreen
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.notes import ContentNotesScreen
from simulator.tui.screens.persona import PersonaScreen
from tests.conftest import authoring_folder

Drive = Callable[[PlayTestApp], Coroutine[Any, Any, None]]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return authoring_folder(tmp_path / "my-first", leave_out=("example-plan.yaml",))


def _play(monkeypatch: pytest.MonkeyPatch, argv: list[str], drive: Drive) -> int:
    """Run ``peersim`` with ``argv``; the app it opens is driven by ``drive`` instead of
    a person (inside the command, so its throwaway store is still open)."""
    monkeypatch.setattr("simulator.tui.playtest.has_terminal", lambda: True)
    failed: list[BaseException] = []

    def run(app: PlayTestApp) -> None:
        try:
            asyncio.run(drive(app))
        except BaseException as exc:  # the command would report it as its own failure
            failed.append(exc)

    monkeypatch.setattr(PlayTestApp, "run", run)
    code = main(argv)
    if failed:
        raise failed[0]
    return code


def _rows(app: PlayTestApp) -> list[str]:
    table = app.screen.query_one("#library", DataTable)
    return [str(row.value) for row in table.rows]


def _highlighted(app: PlayTestApp) -> str:
    table = app.screen.query_one("#library", DataTable)
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)


def test_a_scenario_with_its_deck_beside_it_plays_under_watch(
        folder: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    seen: dict[str, Any] = {}

    async def drive(app: PlayTestApp) -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen["screen"] = type(app.screen)
            seen["title"] = app.sub_title
            header = app.screen.query_one(HeaderTitle)
            seen["whole"] = len(str(header.render()).strip()) <= header.content_region.width
            seen["said"] = [n.message for n in app._notifications]
            seen["first"] = _rows(app)[0]
            seen["highlighted"] = _highlighted(app)
            await pilot.press("enter")  # start the highlighted scenario
            await pilot.pause()
            seen["before"] = []
            while isinstance(app.screen, (ContentNotesScreen, PersonaScreen)):
                seen["before"].append(type(app.screen))  # who Ray is, what it touches on
                await pilot.press("enter")
                await pilot.pause()
            seen["playing"] = type(app.screen)
            if isinstance(app.screen, ConversationScreen):
                seen["scenario"] = app.screen.session.scenario_id
                seen["deck"] = app.screen.engine.deck.id if app.screen.engine.deck else None

    code = _play(monkeypatch, ["play", str(folder / "example-scenario.yaml"), "--watch"],
                 drive)
    err = capsys.readouterr().err
    assert code == 0, err
    assert "PS312" not in err and "using the deck 'example-deck'" in err
    assert seen["screen"] is HomeScreen  # no problems dialog: there are none
    assert seen["title"] == "play-testing 1 scenario of yours, reloading on save"
    assert seen["whole"]  # at 80 columns
    assert any("example-deck.yaml" in said for said in seen["said"])
    assert seen["first"] == seen["highlighted"] == "example-sleep"
    assert seen["playing"] is ConversationScreen
    assert (seen["scenario"], seen["deck"]) == ("example-sleep", "example-deck")


def test_the_author_s_problems_are_shown_in_the_app_and_their_scenario_listed_first(
        folder: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    scenario = folder / "example-scenario.yaml"
    text = scenario.read_text(encoding="utf-8")
    scenario.write_text(text.replace("next: nights", "next: nigths", 1), encoding="utf-8")
    seen: dict[str, Any] = {}

    async def drive(app: PlayTestApp) -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            seen["opened"] = type(app.screen)
            await pilot.press("escape")
            await pilot.pause()
            seen["title"] = app.sub_title
            header = app.screen.query_one(HeaderTitle)
            seen["header"] = str(header.render()).strip()
            seen["room"] = header.content_region.width  # the title is whole at 80 columns
            seen["first"] = _rows(app)[0]
            seen["highlighted"] = _highlighted(app)
            await pilot.press("p")
            await pilot.pause()
            seen["again"] = type(app.screen)
            seen["text"] = str(app.screen.query_one("#problems", Static).render())

    code = _play(monkeypatch, ["play", str(scenario), "--watch"], drive)
    capsys.readouterr()
    assert code == 0
    assert seen["opened"] is ProblemsScreen
    assert seen["title"] == "play-testing 1 of yours (1 with problems: p)"
    assert seen["header"] in ("peersim — " + seen["title"], "peersim - " + seen["title"])
    assert len(seen["header"]) <= seen["room"]
    assert seen["first"] == seen["highlighted"] == "example-sleep"
    assert seen["again"] is ProblemsScreen  # p shows the author's problems, not the library's
    assert "PS300" in seen["text"] and "nigths" in seen["text"]
    assert "No problems found" not in seen["text"]


def test_saving_the_deck_beside_the_scenario_reloads_under_watch(
        folder: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.tui.test_playtest import _wait_for_reload

    deck = folder / "example-deck.yaml"
    seen: dict[str, Any] = {}

    async def drive(app: PlayTestApp) -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            deck.write_text(deck.read_text(encoding="utf-8").replace(
                "title: Walking at night", "title: Walking round the block"),
                encoding="utf-8")
            await _wait_for_reload(app, pilot, 0)
            fresh = app.ctx.library.deck("example-deck")
            seen["title"] = fresh.fragments[0].title

    assert _play(monkeypatch, ["play", str(folder / "example-scenario.yaml"), "--watch"],
                 drive) == 0
    capsys.readouterr()
    assert seen["title"] == "Walking round the block"
