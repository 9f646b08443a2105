"""A shared machine changing hands: switching who is training keeps nothing of the
previous trainee in memory or on screen (own deck, drafts, undo, messages), at 80x24."""

from __future__ import annotations

import os
import stat

import pytest
from textual.widgets import Input, OptionList, TextArea

from simulator.owndecks import OWN_DECK_ID, load_own_decks, own_deck_dir
from simulator.tui.screens.deck_editor import DeckEditorScreen, FragmentForm
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.identity import IdentityScreen
from tests.tui.conftest import MakeApp
from tests.tui.test_deck_editor import _save_piece

SIZE = (80, 24)
CANARY = "KESTREL-CANARY"


def _everything_shown(app: object) -> str:
    return app.export_screenshot()  # type: ignore[attr-defined,no-any-return]


async def test_switching_trainee_leaves_nothing_of_the_previous_one(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        # the first trainee writes two pieces, deletes one (undo is waiting), and leaves
        # words unsaved in a new piece (a draft)
        await _save_piece(pilot, f"{CANARY} kept", f"{CANARY} the night I walked")
        await pilot.press("escape")
        await _save_piece(pilot, f"{CANARY} gone", f"{CANARY} words to delete")
        editor = app.screen
        assert isinstance(editor, DeckEditorScreen)
        editor.query_one(OptionList).highlighted = 1
        await pilot.press("x", "tab", "enter")
        await pilot.pause()
        assert editor.deleted is not None  # u would bring it back
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FragmentForm)
        form.query_one("#title", Input).value = f"{CANARY} draft"
        await pilot.press("escape")  # kept as a draft, with a message on screen
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        app.ctx.deck_id = OWN_DECK_ID  # and chose their own deck to share from
        assert CANARY in str(app.ctx.own_decks)
        old_home = app.screen

        await pilot.press("i")
        assert isinstance(app.screen, IdentityScreen)
        app.screen.query_one("#trainee", Input).value = "t-next-person"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()

        home = app.screen
        assert isinstance(home, HomeScreen) and home is not old_home
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["HomeScreen"]
        assert app.ctx.trainee_id == "t-next-person"
        assert app.ctx.own_decks == {} and OWN_DECK_ID not in app.ctx.decks()
        assert app.ctx.deck_id is None
        assert not list(app._notifications)  # "Deleted ..." and "Not saved yet" are gone
        assert CANARY not in _everything_shown(app)
        assert "t-next-person" in _everything_shown(app)
        # the deck editor: no pieces, nothing to undo, no draft
        await pilot.press("e")
        editor = app.screen
        assert isinstance(editor, DeckEditorScreen)
        assert editor.deck is None and editor.deleted is None
        assert "Your deck is empty" in _everything_shown(app).replace("&#160;", " ")
        await pilot.press("u")
        await pilot.pause()
        assert app.ctx.own_decks == {} and CANARY not in _everything_shown(app)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FragmentForm)
        assert form.query_one("#title", Input).value == ""
        assert form.query_one("#text", TextArea).text == ""
        await pilot.press("escape", "escape")

        # the previous trainee's deck is kept for them, not lost, and comes back with them
        assert load_own_decks("t-next-person") == ({}, [])
        assert CANARY in str(load_own_decks("t-test")[0])
        assert load_own_decks() == ({}, [])  # the CLI's (decks --own): who trains now
        await pilot.press("i")
        app.screen.query_one("#trainee", Input).value = "t-test"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [f.title for f in app.ctx.own_decks[OWN_DECK_ID].fragments] == \
            [f"{CANARY} kept"]
        assert CANARY in str(load_own_decks()[0])


async def test_saying_the_same_trainee_again_changes_nothing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _save_piece(pilot, "Mine", "My own words")
        await pilot.press("escape")
        home = app.screen
        await pilot.press("i")
        await pilot.press("ctrl+s")  # the id shown is the trainee's own
        await pilot.pause()
        assert app.screen is home and OWN_DECK_ID in app.ctx.own_decks


def test_each_trainee_has_a_private_folder_of_decks() -> None:
    first = own_deck_dir("t-first")  # the first asked for keeps the decks folder itself
    assert first == own_deck_dir() and own_deck_dir("t-first") == first
    other = own_deck_dir("t-other")
    assert other != first and other.parent.parent == first
    assert stat.S_IMODE(os.stat(other).st_mode) == 0o700
    for bad in ("../t-first", "a/b", "", ".."):
        with pytest.raises(ValueError):
            own_deck_dir(bad)
