"""The app shows library problems and never hides them: a scenario with errors is listed
but cannot be started, and a broken own deck is listed with its problem, never lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static

from simulator import owndecks
from simulator.model import Fragment
from simulator.model.common import Phase
from simulator.paths import data_dir
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.launch import build_app
from simulator.tui.screens.deck_editor import DeckEditorScreen
from simulator.tui.screens.decks import BROKEN, DecksScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.problems import LibraryProblemsScreen
from tests.conftest import MINI

BROKEN_DECK = "kind: deck\nid: my-story\ntitle: My story\nfragments: [unclosed\n"


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scenario pack with one good scenario and three broken ones, and a broken own deck."""
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "fine.yaml").write_text(MINI.replace("id: mini", "id: fine"), encoding="utf-8")
    (folder / "dangling.yaml").write_text(
        MINI.replace("id: mini", "id: dangling").replace("title: Mini", "title: Dangling")
        .replace("next: okay", "next: nowhere"), encoding="utf-8")
    (folder / "no-rubric.yaml").write_text(
        MINI.replace("id: mini", "id: no-rubric").replace("title: Mini", "title: No rubric")
        .replace("difficulty: introductory\n", "difficulty: introductory\nrubric: missing\n"),
        encoding="utf-8")
    monkeypatch.setenv("PEERSIM_LIBRARY", str(folder))
    (data_dir() / "decks").mkdir(parents=True, exist_ok=True, mode=0o700)
    (data_dir() / "decks" / "my-story.yaml").write_text(BROKEN_DECK, encoding="utf-8")
    return folder


def _app(tmp_path: Path) -> PeersimApp:
    return build_app(store=SqliteStore(tmp_path / "records.sqlite3"), trainee_id="t-test")


def _toasts(app: PeersimApp) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


def _highlight(app: PeersimApp, scenario_id: str) -> None:
    table = app.screen.query_one("#library", DataTable)
    table.move_cursor(row=table.get_row_index(scenario_id))


async def test_problems_are_announced_listed_and_block_only_the_broken_scenarios(
        pack: Path, tmp_path: Path) -> None:
    app = _app(tmp_path)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "problems" in _toasts(app) and "Press p" in _toasts(app)
        table = app.screen.query_one("#library", DataTable)
        assert table.get_row("dangling")[2] == "problems"  # listed, marked
        assert table.get_row("no-rubric")[2] == "problems"
        assert table.get_row("fine")[2] != "problems"
        for broken in ("dangling", "no-rubric"):  # Enter says why and starts nothing
            _highlight(app, broken)
            await pilot.pause()
            assert "cannot be started" in str(app.screen.query_one("#detail", Static).render())
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), broken
            assert app.is_running
        _highlight(app, "fine")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, HomeScreen)  # the good one still plays
        for _ in range(5):
            if isinstance(app.screen, HomeScreen):
                break
            app.pop_screen()
            await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, LibraryProblemsScreen)
        shown = str(app.screen.query_one("#problems", Static).render())
        assert f"{pack / 'dangling.yaml'}:62:15: PS300 next 'nowhere'" in shown
        assert f"{pack / 'no-rubric.yaml'}:" in shown and "PS312" in shown
        assert "my-story.yaml:" in shown  # the own deck's problem, as file:line:col
        assert "Dangling (dangling)" in shown and "No rubric (no-rubric)" in shown


async def test_a_broken_own_deck_is_listed_with_its_problem_and_never_overwritten(
        pack: Path, tmp_path: Path) -> None:
    deck_file = data_dir() / "decks" / "my-story.yaml"
    app = _app(tmp_path)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DecksScreen)
        decks = app.screen.query_one("#deck-list", OptionList)
        decks.highlighted = decks.get_option_index(BROKEN + str(deck_file))
        await pilot.pause()
        about = str(app.screen.query_one("#deck-about", Static).render())
        assert "could not be read" in about and f"{deck_file}:" in about
        await pilot.press("enter")  # cannot be chosen
        await pilot.pause()
        assert isinstance(app.screen, DecksScreen)
        await pilot.press("escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, DeckEditorScreen)
        listed = app.screen.query_one("#own-fragments", OptionList).get_option_at_index(0)
        assert "could not be read" in str(listed.prompt)
    piece = Fragment(id="piece-1", title="A title", text="Words.", themes=["sleep"],
                     phase=Phase.now, intensity=0, self_cost=0)
    with pytest.raises(ValueError, match="kept as it is"):
        owndecks.save_deck(owndecks.with_fragment(None, piece, owner="t-test"))
    assert deck_file.read_text(encoding="utf-8") == BROKEN_DECK  # the words are still there
