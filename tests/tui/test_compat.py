"""The Textual internals peersim relies on (simulator/tui/compat.py) still behave.

Each test names what it relies on, so a Textual release that changes it fails here,
with that name, rather than somewhere in a screen.
"""

from __future__ import annotations

import asyncio
from io import StringIO

from rich.console import Console
from rich.segment import Segment
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Checkbox, Footer, SelectionList, Static
from textual.widgets.selection_list import Selection

from simulator.tui.compat import (
    FOOTER_KEY_TYPE,
    QuietCrashes,
    SteadySize,
    footer_key_labels,
    footer_key_settled,
    footer_shows_keys_at_once,
    selection_box,
)
from simulator.tui.widgets.ticks import TickBox, TickList, TickRadio


class Keys(App[None]):
    """A stock Footer, told at compose time that its bindings are ready."""

    BINDINGS = [Binding("o", "open", "Open"), Binding("h", "hold", "Hold")]
    told: bool | None = None

    def compose(self) -> ComposeResult:
        footer = Footer()
        self.told = footer_shows_keys_at_once(footer)
        yield footer

    def action_open(self) -> None:
        """Nothing: the test reads the footer."""

    def action_hold(self) -> None:
        """Nothing: the test reads the footer."""


async def test_footer_has_a_bindings_ready_flag_and_draws_keys_as_footerkey_widgets() -> None:
    assert hasattr(Footer, "_bindings_ready")  # what footer_shows_keys_at_once sets
    app = Keys()
    async with app.run_test(size=(60, 6)) as pilot:
        await pilot.pause()
        assert app.told is True
        assert {"Open", "Hold"} <= set(footer_key_labels(app.screen))
        assert all(type(w).__name__ == FOOTER_KEY_TYPE for w in app.query(FOOTER_KEY_TYPE))


def test_a_selection_line_of_the_known_shape_gets_the_mark() -> None:
    line = Strip([Segment("▐"), Segment(Checkbox.BUTTON_INNER), Segment("▌"), Segment(" "),
                  Segment("words")])
    assert "".join(s.text for s in selection_box(line, " ")) == "▐ ▌ words"


def test_a_selection_line_of_another_shape_is_left_as_it_is() -> None:
    line = Strip([Segment("no box here")])
    assert selection_box(line, "X") is line


class Ticks(App[None]):
    def compose(self) -> ComposeResult:
        yield TickBox("box", id="box")
        yield TickRadio("radio", id="radio")
        yield TickList(Selection("one", "one"), Selection("two", "two", True), id="list")


def _row(app: App[None], selector: str, y: int = 0) -> str:
    widget = app.query_one(selector)
    return "".join(s.text for s in widget.render_line(y)) if isinstance(widget, SelectionList) \
        else str(widget.render())


async def test_ticks_show_a_mark_when_on_and_a_blank_when_off() -> None:
    app = Ticks()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert "▐ ▌" in _row(app, "#box") and "▐ ▌" in _row(app, "#radio")
        assert _row(app, "#list", 0).startswith("▐ ▌") and _row(app, "#list", 1).startswith("▐X▌")
        app.query_one("#box", TickBox).value = True
        app.query_one("#radio", TickRadio).value = True
        app.query_one("#list", TickList).select("one")
        await pilot.pause()
        assert "▐X▌" in _row(app, "#box") and "▐●▌" in _row(app, "#radio")
        assert _row(app, "#list", 0).startswith("▐X▌")


class Crashes(QuietCrashes):
    """An app whose key handler fails with a trainee's words in a local variable.

    (It stays open after the report, so the test can read it: closing is Textual's.)"""

    BINDINGS = [Binding("x", "crash", "Crash")]
    report: list[object] = []
    words = ("SECRET:", "the", "night", "I", "was", "held", "down")

    def action_crash(self) -> None:
        """Fail the way a bug would, with private words in scope, and report it as an
        unhandled error is reported."""
        piece = " ".join(self.words)  # a trainee's words, held in a local variable
        try:
            raise RuntimeError(f"something broke ({len(piece)})")
        except RuntimeError:
            self._close_messages_no_wait = lambda: None  # type: ignore[method-assign]
            self._fatal_error()
            self.report = list(self._exit_renderables)


class StockCrashes(Crashes, App[None]):
    """The same app with Textual's own report, to show the test can tell them apart."""

    _fatal_error = App._fatal_error


async def crash_report(app: Crashes) -> str:
    async with app.run_test() as pilot:
        await pilot.press("x")
    console = Console(width=200, record=True, file=StringIO())
    for renderable in app.report:
        console.print(renderable)
    return console.export_text()


async def test_a_crash_report_shows_the_error_but_no_local_values() -> None:
    # relies on App._fatal_error being the hook for an unhandled error's report, and
    # App._exit_renderables holding what is printed after the app exits
    assert "held down" in await crash_report(StockCrashes())  # Textual's own shows locals
    printed = await crash_report(Crashes())
    assert "something broke" in printed and "action_crash" in printed, printed
    assert "SECRET" not in printed and "held down" not in printed


def test_footerkey_has_a_compact_reactive_and_class_that_can_be_set_before_mount() -> None:
    """What footer_key_settled relies on: FooterKey.compact is a reactive, shown by the
    ``-compact`` class, and the footer binds it (``_reactive_connect``); anything else,
    and a key the footer does not bind, is left alone."""
    from textual._context import active_message_pump
    from textual.widgets._footer import FooterKey

    footer = Footer()
    assert not footer_key_settled(FooterKey("o", "o", "Open", "open"), False)  # unbound
    composing = active_message_pump.set(footer)  # as in the footer's compose
    try:
        key = FooterKey("o", "o", "Open", "open").data_bind(compact=Footer.compact)
    finally:
        active_message_pump.reset(composing)
    assert footer_key_settled(key, False)
    assert (key.compact, key.has_class("-compact")) == (False, False)
    assert footer_key_settled(key, True)
    assert (key.compact, key.has_class("-compact")) == (True, True)
    assert not footer_key_settled(Footer(), True)


class Steady(SteadySize):
    def compose(self) -> ComposeResult:
        yield Static("steady")


async def test_a_resize_to_the_same_size_does_not_lay_the_screen_out_again() -> None:
    """What SteadySize relies on: Textual's App keeps its size in ``_size`` and a
    pending resize in ``_resize_timer``, and calls each class's ``_on_resize`` in turn."""
    app = Steady()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert app._size == Size(60, 10) and app._resize_timer is None
        laid_out: list[object] = []
        again = asyncio.Event()

        def seen(screen: object) -> None:
            laid_out.append(screen)
            again.set()

        app.screen.screen_layout_refresh_signal.subscribe(app, seen)
        app.post_message(events.Resize(Size(60, 10), Size(60, 10)))
        await pilot.pause()
        await pilot.pause()
        assert laid_out == []
        await pilot.resize_terminal(70, 12)  # a real change is Textual's, as before
        await asyncio.wait_for(again.wait(), 10)
        assert app.screen.size == Size(70, 12)
