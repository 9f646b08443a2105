"""The share dialog at 80x24 (issue 23, item 6): what the person said, the pieces with
every title whole and the highlighted piece's words all show together without
scrolling, and every framing shows whole."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widgets import RadioButton, SelectionList, Static

from simulator.tui.screens.share import ShareScreen
from simulator.wording import FRAMING_WORDS
from tests.tui.conftest import MakeApp
from tests.tui.test_flows import start_loud_again

SIZE = (80, 24)


def _inside(outer: object, inner: object) -> bool:
    from textual.geometry import Region

    assert isinstance(outer, Region) and isinstance(inner, Region)
    return outer.contains_region(inner)


async def test_pieces_and_their_words_show_together_at_80x24(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ShareScreen)
        box = screen.query_one("#share-box", VerticalScroll)
        assert box.scroll_y == 0  # nothing pushed out of view above
        visible = box.content_region
        said = screen.query_one("#said", Static)
        pieces = screen.query_one("#fragments", SelectionList)
        words = screen.query_one("#preview", Static)
        assert _inside(visible, said.region)
        assert _inside(visible, pieces.region) and _inside(visible, words.region)
        assert "In your words" in str(screen.query_one("#preview", Static).render())
        longest = max(len(f.title) for f in screen.fragments)
        assert pieces.scrollable_content_region.width >= longest + 4  # tick box, title


async def test_every_framing_shows_whole(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_loud_again(pilot, app)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ShareScreen)
        for button in screen.query(RadioButton):
            label = FRAMING_WORDS[str(button.id).removeprefix("framing-")]
            assert button.region.width >= len(label) + 4, label  # the glyph and a space
            assert button.region.right <= SIZE[0]
