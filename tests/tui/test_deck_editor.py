"""Building your own deck in the app: saved only on this machine, usable at once."""

from __future__ import annotations

import os
import stat

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, RadioSet, TextArea

from simulator.owndecks import OWN_DECK_ID, load_own_decks, own_deck_dir
from simulator.tui.screens.deck_editor import DeckEditorScreen, FragmentForm
from tests.tui.conftest import MakeApp


async def test_add_edit_and_delete_a_fragment(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, DeckEditorScreen)
        assert "never leaves this machine" in str(app.screen.query_one("#privacy").render())
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, FragmentForm)
        await pilot.press("ctrl+s")  # empty: refused with reasons, nothing saved
        assert isinstance(app.screen, FragmentForm)
        assert "Please give it a short title." in str(form.query_one("#title-error").render())
        form.query_one("#title", Input).value = "Walking [at] night"
        form.query_one("#text", TextArea).text = "I walked round the block [/] twice."
        form.query_one("#themes").select("sleep")
        form.query_one("#phase", RadioSet).query("RadioButton").last().value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DeckEditorScreen)
        decks, problems = load_own_decks()
        assert problems == [] and OWN_DECK_ID in decks
        [fragment] = decks[OWN_DECK_ID].fragments
        assert (fragment.title, fragment.phase.value, fragment.themes) == \
            ("Walking [at] night", "now", ["sleep"])
        path = own_deck_dir() / f"{OWN_DECK_ID}.yaml"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert OWN_DECK_ID in app.ctx.decks()  # offered as a deck at once
        # edit it
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, FragmentForm)
        form.query_one("#title", Input).value = "Night walks"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert load_own_decks()[0][OWN_DECK_ID].fragments[0].title == "Night walks"
        # delete it: the deck goes with its last fragment
        app.screen.query_one(OptionList).highlighted = 0
        await pilot.press("x", "tab", "enter")  # asked first: "Delete it" is the second button
        await pilot.pause()
        assert load_own_decks()[0] == {}


async def _save_piece(pilot: Pilot[None], title: str, text: str) -> FragmentForm:
    """From home: open the deck editor, add a piece with these words, press save."""
    await pilot.press("e", "a")
    form = pilot.app.screen
    assert isinstance(form, FragmentForm)
    form.query_one("#title", Input).value = title
    form.query_one("#text", TextArea).text = text
    form.query_one("#themes").select("sleep")
    form.query_one("#phase", RadioSet).query("RadioButton").last().value = True
    await pilot.press("ctrl+s")
    await pilot.pause()
    return form


async def test_words_yaml_would_misread_are_saved_as_written(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _save_piece(pilot, "n", "Y")
        assert isinstance(app.screen, DeckEditorScreen) and app.is_running
        [fragment] = load_own_decks()[0][OWN_DECK_ID].fragments
        assert (fragment.title, fragment.text) == ("n", "Y")


async def test_a_piece_too_long_is_refused_and_the_words_stay(make_app: MakeApp) -> None:
    app = make_app()
    words = "so much to say " * 2000
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _save_piece(pilot, "Long", words)
        assert app.screen is form and app.is_running
        assert "under 20,000 characters" in str(form.query_one("#text-error").render())
        assert form.query_one("#text", TextArea).text == words
        assert load_own_decks()[0] == {}


async def test_a_save_that_fails_keeps_the_form_open(make_app: MakeApp,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(_deck: object, *_trainee: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("simulator.owndecks.save_deck", full_disk)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _save_piece(pilot, "Night walks", "Round the block twice.")
        assert app.screen is form
        assert "No space left" in str(form.query_one("#form-error").render())
        assert form.query_one("#title", Input).value == "Night walks"


async def test_the_form_asks_which_way_a_piece_is_about(make_app: MakeApp) -> None:
    """Radical acceptance reads these tags: a piece about stopping something can sound
    like a verdict to someone who still does it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "a")
        form = app.screen
        assert isinstance(form, FragmentForm)
        assert not form.query_one("#judges").selected  # nothing ticked for you
        form.query_one("#title", Input).value = "Last drink"
        form.query_one("#text", TextArea).text = "The night I poured it away."
        form.query_one("#themes").select("substance-use")
        form.query_one("#phase", RadioSet).query("RadioButton").last().value = True
        form.query_one("#judges").select("using-to-cope")
        form.query_one("#labels").select("addict")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [fragment] = load_own_decks()[0][OWN_DECK_ID].fragments
        assert (fragment.judges, fragment.labels) == (["using-to-cope"], ["addict"])
        await pilot.press("enter")  # editing keeps them
        assert app.screen.query_one("#judges").selected == ["using-to-cope"]
