"""Every reliance on Textual's internals, in one place, each with a fallback.

Textual's public API does not cover seven things peersim needs: drawing the footer's
keys with the first frame (each key styled once), reading which keys a footer shows,
the glyph a selection list draws as an item's tick box, a crash report without local
variables, adding a stylesheet when the first screen that needs it opens, and not
laying the screen out again for a terminal "resize" to the size it already has.
Keeping them here (and nowhere else) means a Textual release that changes them breaks
one module, whose own tests (tests/tui/test_compat.py) say what changed, and never a
screen: each helper degrades to Textual's stock behaviour instead of failing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import rich
from rich.segment import Segment, Segments
from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.reactive import Reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Footer

#: the type name of the widgets a Footer draws one key with (``FooterKey``)
FOOTER_KEY_TYPE = "FooterKey"


def footer_shows_keys_at_once(footer: Footer) -> bool:
    """Tell ``footer`` its bindings are ready, so it composes its keys now.

    A stock Footer composes nothing until the bindings first change after it is
    mounted (a private ``_bindings_ready`` flag). Returns False, and changes nothing,
    when this Textual has no such flag: the footer then draws its keys a moment later,
    as the stock one does.
    """
    flag = getattr(Footer, "_bindings_ready", None)
    if flag is None:
        return False
    footer.set_reactive(flag, True)
    return True


def footer_key_settled(key: DOMNode, compact: bool) -> bool:
    """Give a footer key, before it mounts, the compact state its footer will bind.

    A stock FooterKey starts compact and its footer's binding then sets it back: each
    change runs a watcher that restyles the key, two restylings per key (some 12 ms
    for the home screen's ten keys, before its first frame). Set here without
    watchers, the key is styled once, when it mounts, and the binding finds nothing
    to change. Returns False, and changes nothing, for any other widget, a key not
    bound to its footer's state (the command palette's), or a FooterKey whose
    ``compact`` is no longer a reactive: it then settles as stock.
    """
    reactive = getattr(type(key), "compact", None)
    if type(key).__name__ != FOOTER_KEY_TYPE or not isinstance(reactive, Reactive):
        return False
    bound = getattr(key, "_reactive_connect", None)  # the palette key is not: it stays
    if not isinstance(bound, dict) or "compact" not in bound:  # compact, as stock
        return False
    key.set_reactive(reactive, compact)
    key.set_class(compact, "-compact", update=False)
    return True


def footer_key_labels(node: DOMNode) -> list[str]:
    """The descriptions of the keys drawn by the footers under ``node``, in order."""
    return [str(getattr(key, "description", "")) for key in node.query(FOOTER_KEY_TYPE)]


def selection_box(strip: Strip, mark: str) -> Strip:
    """A SelectionList line with its tick box's glyph replaced by ``mark``.

    The list draws each item as left edge, glyph, right edge, a space, then the
    prompt; the glyph is the check box's. A line of any other shape is returned as
    it is, so a change in Textual shows the stock box rather than a wrong one.
    """
    from textual.widgets import Checkbox  # here: the home screen draws no selection list

    segments = list(strip)
    if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
        return strip
    glyph = segments[1]
    segments[1] = Segment(mark, glyph.style, glyph.control)
    return Strip(segments, strip.cell_length)


class QuietCrashes(App[None]):
    """An App whose crash report leaves out the values of local variables.

    Textual prints an unhandled exception's traceback with every frame's locals
    (``_fatal_error``), and in peersim those can hold a trainee's own story: a piece's
    title and words, typed into the deck editor or about to be shared. The report here
    keeps the frames and the error (what a developer needs) and drops the values. If
    this Textual no longer has the hook, its stock report is used.
    """

    def _fatal_error(self) -> None:
        exits = getattr(self, "_exit_renderables", None)
        close = getattr(self, "_close_messages_no_wait", None)
        if not isinstance(exits, list) or close is None:
            super()._fatal_error()
            return
        self.bell()
        # imported only on a crash: rich.traceback brings pygments and attrs, some 20 ms
        # of start-up that the first frame does not need
        from rich.traceback import Traceback

        report = Traceback(show_locals=False, width=None, suppress=[rich])
        exits.append(Segments(self.console.render(report, self.console.options)))
        close()


class LaterStyles(App[None]):
    """An App that adds ``LATER_CSS_PATH`` to its stylesheet only when the first screen
    :meth:`styled_early` does not cover opens (the first frame does not wait for it).

    Textual loads a screen's CSS as the screen opens (``_load_screen_css``); a screen's
    own ``CSS_PATH`` there makes it parse the whole stylesheet again. The sheet is
    added here instead, and only it is parsed (Textual keeps what it parsed). If this
    Textual has no such hook, the sheet is added up front, as one stylesheet would be.
    """

    LATER_CSS_PATH: ClassVar[Path | None] = None
    _later_styled = False

    def __init__(self) -> None:
        super().__init__()
        if not callable(getattr(App, "_load_screen_css", None)):
            self.add_later_styles()

    def styled_early(self, screen: Screen[Any]) -> bool:
        """Whether ``screen`` needs nothing of the later sheet (none, unless told)."""
        return False

    def add_later_styles(self) -> None:
        """Add the later sheet, once (no node styled so far matches its rules)."""
        path = self.LATER_CSS_PATH
        if self._later_styled or path is None:
            return
        self._later_styled = True
        self.stylesheet.add_source(path.read_text(encoding="utf-8"),
                                   read_from=(str(path), ""), is_default_css=False)

    def _load_screen_css(self, screen: Screen[Any]) -> None:
        if not self.styled_early(screen):
            self.add_later_styles()
        super()._load_screen_css(screen)


class SteadySize(App[None]):
    """An App that lets a terminal size event for the size it already has go.

    Textual keeps such an event and, when the app is next idle, sends it to the screens,
    which lay themselves out again for nothing. One comes at every start (the terminal
    reports its size after the app has taken it), and laying the home screen out again
    was some 10-20 ms before its first frame. Any other size event, or one while a
    resize is still pending, is Textual's as before; so is every event if this Textual
    no longer keeps its size and pending resize where this looks.
    """

    async def _on_resize(self, event: events.Resize) -> None:
        # Textual calls each class's handler in turn; preventing the default skips its own
        if getattr(self, "_size", None) == event.size \
                and getattr(self, "_resize_timer", False) is None:
            event.prevent_default()


def run_for_exit_code(app: App[object] | App[None]) -> int:
    """Run ``app`` and give the exit code for the process: 0 when the person quit, and
    Textual's own non-zero code (1) when it ended on an unhandled error, so a crash is
    never reported to a shell, a script or ``peersim serve`` as success."""
    app.run()
    return app.return_code or 0
