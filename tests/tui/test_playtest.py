"""Play-testing: the app on an author's own files, reloaded and replayed on each save."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from simulator.loading.playable import Playable, load_playable
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.context import AppContext
from simulator.tui.playtest import PlayTestApp, ProblemsScreen, relevant
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.home import HomeScreen
from tests.conftest import MINI
from tests.tui.conftest import press_nth


def _app(folder: Path, store: SqliteStore, playable: Playable,
         hide_shipped: bool = True) -> PlayTestApp:
    ctx = AppContext(playable.library, store=store, trainee_id="play-test")
    return PlayTestApp(ctx, playable, [str(folder)], hide_shipped=hide_shipped, watch=True)


async def _wait_for_reload(app: PlayTestApp, pilot: object, seen: int) -> None:
    """Let the watcher notice the save; a bounded wait for an event, not a timing check."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _ in range(400):
        if app.reloads > seen:
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError("the edit was never reloaded")


def _says(app: PlayTestApp) -> str:
    return str(app.screen.query_one("#says", Static).render())


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mini.yaml").write_text(MINI, encoding="utf-8")
    return folder


async def test_an_edit_under_watch_appears_with_the_choices_replayed(
        mine: Path, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "play.sqlite3")
    app = _app(mine, store, load_playable([str(mine)], hide_shipped=True))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#library", DataTable)
        assert [str(r.value) for r in table.rows] == ["mini"]  # --no-shipped: only mine
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # past the person's card
        assert isinstance(app.screen, ConversationScreen)
        await press_nth(pilot, 1)  # "That sounds hard." (trust +1)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ConversationScreen)
        assert "So what now?" in _says(app)
        # the author changes the second beat's words and saves
        (mine / "mini.yaml").write_text(MINI.replace("So what now?", "Where do we go now?"),
                                        encoding="utf-8")
        await _wait_for_reload(app, pilot, 0)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert "Where do we go now?" in _says(app)
        assert screen.session.state == "second"
        assert [t.step.line for t in screen.session.transcript] == ["kind"]
        assert screen.session.variables["trust"] == 1
        # the replayed session is the one on record, the old one set aside
        [pending] = store.unfinished("play-test")
        assert pending.session_id == screen.session.session_id and pending.turns == 1
    store.close()


async def test_a_broken_save_shows_problems_and_a_fix_replays(mine: Path, tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "play.sqlite3")
    app = _app(mine, store, load_playable([str(mine)], hide_shipped=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await press_nth(pilot, 1, "enter")
        assert isinstance(app.screen, ConversationScreen)
        broken = MINI.replace("next: good", "next: goood")
        (mine / "mini.yaml").write_text(broken, encoding="utf-8")
        await _wait_for_reload(app, pilot, 0)
        assert isinstance(app.screen, ProblemsScreen)
        shown = str(app.screen.query_one("#problems", Static).render())
        line = next(n for n, text in enumerate(broken.splitlines(), 1) if "goood" in text)
        assert f"mini.yaml:{line}:" in shown and "PS300" in shown
        assert "did you mean" not in shown or "good" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ConversationScreen)  # the conversation stays open
        (mine / "mini.yaml").write_text(MINI.replace("It went well.", "It went very well."),
                                        encoding="utf-8")
        await _wait_for_reload(app, pilot, 1)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        assert [t.step.line for t in screen.session.transcript] == ["kind"]
        assert screen.engine.scenario.endings["good"].text == "It went very well."
    store.close()


def test_a_broken_deck_is_left_out_and_the_rest_stays_playable(mine: Path) -> None:
    (mine / "deck.yaml").write_text("kind: deck\nid: broken\ntitle: [unclosed\n",
                                    encoding="utf-8")
    playable = load_playable([str(mine)])
    assert [p.code for p in playable.problems] == ["PS100"]
    assert playable.left_out == [str(mine / "deck.yaml")]
    assert playable.own_scenarios() == ["mini"]
    assert "loud-again" in playable.library.scenarios  # shipped ones listed by default
    only = load_playable([str(mine)], hide_shipped=True)
    assert list(only.library.scenarios) == ["mini"] and "core" in only.library.rubrics


def test_a_scenario_whose_deck_is_left_out_is_left_out_too(mine: Path) -> None:
    (mine / "mini.yaml").write_text(MINI.replace("deck: robin", "deck: mine"), encoding="utf-8")
    (mine / "deck.yaml").write_text(
        "kind: deck\nid: mine\ntitle: Mine\nowner: me\nfragments:\n"
        "  - id: one\n    title: One\n    text: Words.\n    themes: [nonsense-theme]\n"
        "    phase: what-helped\n    intensity: 1\n    self_cost: 0\n",
        encoding="utf-8")
    playable = load_playable([str(mine)])
    assert "PS305" in [p.code for p in playable.problems]
    assert playable.own_scenarios() == []
    assert str(mine / "mini.yaml") in playable.left_out


def test_only_yaml_in_given_folders_or_beside_given_files_trigger_a_reload(
        tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    single = tmp_path / "solo" / "one.yaml"
    single.parent.mkdir()
    single.write_text("kind: scenario\n", encoding="utf-8")
    paths = [str(folder), str(single)]
    assert relevant(paths, folder / "a.yaml") and relevant(paths, single)
    assert relevant(paths, single.parent / "its-deck.yaml")  # a deck beside it is read too
    assert not relevant(paths, folder / "notes.txt")
    assert not relevant(paths, single.parent / "notes.txt")
    assert not relevant(paths, tmp_path / "other.yaml")
