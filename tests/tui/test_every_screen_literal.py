"""Every screen shows what authors and trainees wrote literally: no control character
(escape, C1, bidi) reaches the rendered screen, the header or a notification."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList

from simulator.loading.checks import validate_paths
from simulator.model import Deck
from simulator.safetext import is_visible
from simulator.tui.app import PeersimApp
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen
from tests.nasty import PAYLOAD, unsafe_in, write_nasty
from tests.tui.conftest import MakeApp, choice_key


def shows_only_visible_text(app: PeersimApp, where: str) -> None:
    """The whole rendered screen (toasts included) and every title: nothing to obey."""
    svg = app.export_screenshot()
    assert unsafe_in(svg) == [], (where, type(app.screen).__name__)
    for title in (app.title, app.sub_title, app.screen.title, app.screen.sub_title):
        assert title is None or is_visible(title), (where, title)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def test_every_screen_shows_nasty_content_literally(make_app: MakeApp,
                                                          tmp_path: Path) -> None:
    library, problems = validate_paths([str(p) for p in write_nasty(tmp_path / "lib")])
    # the payload is written into every text, decks' pieces too, so the reactions "echo"
    # the pieces (PS341): a warning about the copy, not a problem with the files
    assert [p for p in problems if p.code != "PS341"] == []
    own = library.deck("robin").model_copy(update={"id": "my-story", "practice": False})
    app = make_app(library)
    app.ctx.own_decks[own.id] = Deck.model_validate(own.model_dump())
    async with app.run_test(size=(100, 40), notifications=True) as pilot:

        async def press(*keys: str, where: str = "") -> None:
            """Press ``keys``, let the app settle, and read the screen when ``where``."""
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            if where:
                shows_only_visible_text(app, where)

        table = app.screen.query_one("#library", DataTable)
        table.move_cursor(row=table.get_row_index("loud-again"))
        await settle(pilot)
        shows_only_visible_text(app, "home")
        app.screen.notify(PAYLOAD, title=PAYLOAD)  # a message quoting authored text
        await settle(pilot)
        shows_only_visible_text(app, "notification")
        await press("enter", where="content notes")
        await press("enter", where="the person's card")
        await press("enter", where="conversation")
        assert isinstance(app.screen, ConversationScreen)
        for key in ("f", "s", "t"):  # reflect, share, transcript
            await press(key, where=f"dialog {key}")
            await press("escape")
        # a line: coaching follows in practice mode
        await press(choice_key(app, 1), where="feedback")
        assert isinstance(app.screen, FeedbackScreen)
        await press("enter", "escape", "r", where="resume picker")  # leave, then resume
        await press("enter")
        for turn in range(60):  # play on to the debrief, a different choice each time
            if isinstance(app.screen, DebriefScreen):
                break
            keys = {FeedbackScreen: "enter", ShareScreen: "ctrl+n", ReflectScreen: "escape"}
            await press(keys.get(type(app.screen), str(1 + turn % 4)))
        assert isinstance(app.screen, DebriefScreen)
        shows_only_visible_text(app, "debrief")
        await press("h", "d")
        assert not isinstance(app.screen, HomeScreen)
        decks = app.screen.query_one("#deck-list", OptionList)
        decks.highlighted = decks.get_option_index("my-story")
        await settle(pilot)
        shows_only_visible_text(app, "decks")
        await press("escape", "e", where="own deck")
        await press("enter", where="fragment form")
