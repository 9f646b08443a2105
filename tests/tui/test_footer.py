"""The footer shows its keys from the first frame and rebuilds only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from simulator.tui.compat import FOOTER_KEY_TYPE, footer_key_labels
from simulator.tui.widgets.footer import KeysFooter


class Door(App[None]):
    """A key that can be offered or withheld, and two focusable buttons."""

    BINDINGS = [Binding("o", "open", "Open"), Binding("h", "hold", "Hold")]
    offered = True

    def compose(self) -> ComposeResult:
        yield Button("one", id="one")
        yield Button("two", id="two")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.offered if action == "open" else True

    def action_open(self) -> None:
        """Nothing to do: the test watches the footer."""

    def action_hold(self) -> None:
        """Nothing to do: the test watches the footer."""


def _labels(app: App[None]) -> list[str]:
    return footer_key_labels(app.screen)


async def test_keys_show_at_once_and_a_change_that_shows_nothing_new_keeps_them() -> None:
    app = Door()
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        assert {"Open", "Hold"} <= set(_labels(app))
        before = list(app.query(FOOTER_KEY_TYPE))
        app.set_focus(app.query_one("#two", Button))  # the bindings change, the keys do not
        await pilot.pause()
        await pilot.pause()
        assert list(app.query(FOOTER_KEY_TYPE)) == before  # the same widgets: no rebuild


async def test_a_key_withheld_or_offered_again_is_redrawn() -> None:
    app = Door()
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        app.offered = False
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "Open" not in _labels(app) and "Hold" in _labels(app)
        app.offered = True
        app.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert "Open" in _labels(app)
