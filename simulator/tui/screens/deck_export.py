"""Export your own deck: a copy in a file you choose, readable only by you.

Your deck is your own story, so the copy is written 0600, never over an existing
file, and pieces you marked private stay out unless you tick the box this time.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Static

from simulator import owndecks
from simulator.model import Deck
from simulator.tui.screens.dialog import Dialog, confirm_or_cancel
from simulator.tui.widgets.field_error import FieldError
from simulator.tui.widgets.ticks import TickBox

EXPLAIN = ("A copy of your deck goes to the file you name below, readable only by you."
           " Keep it somewhere private: it is your own story.")


def suggested(deck: Deck) -> str:
    """A file name in the home folder that is not taken yet."""
    home = Path("~").expanduser()
    for n in range(1, 1000):
        name = f"peersim-{deck.id}.yaml" if n == 1 else f"peersim-{deck.id}-{n}.yaml"
        if not (home / name).exists():
            return str(Path("~") / name)
    return str(Path("~") / f"peersim-{deck.id}.yaml")


class ExportScreen(Dialog[Path | None]):
    """Returns the path written, or None when cancelled."""

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Export"
    HEADING = "Export my deck"
    BUTTONS = confirm_or_cancel("Export (ctrl+s)", "export")
    FOCUS = "#path"
    FIELD_ENTER_CONFIRMS = True

    def __init__(self, deck: Deck) -> None:
        super().__init__()
        self.deck = deck

    def body(self) -> ComposeResult:
        private = sum(f.private for f in self.deck.fragments)
        yield Static(EXPLAIN, markup=False)
        yield Static("Save the copy as:", markup=False)
        yield Input(suggested(self.deck), id="path")
        yield FieldError(id="path-error")
        yield TickBox(f"Include the {private} piece(s) I marked private", False,
                      id="include-private", disabled=not private)

    def confirm(self) -> None:
        """Write the copy, or say under the file name what stands in the way."""
        raw = self.query_one("#path", Input).value.strip()
        error = self.query_one("#path-error", FieldError)
        if not raw:
            error.say("Please give the file a name.")
            return
        target = Path(raw).expanduser()
        try:
            count = owndecks.export_deck(
                self.deck, target,
                include_private=self.query_one("#include-private", Checkbox).value)
        except owndecks.ExportError as exc:
            error.say(str(exc))
            self.query_one("#path", Input).focus()
            return
        self.notify(f"Saved a copy of {count} piece(s) at {target}. Only you can read it.",
                    timeout=10)
        self.dismiss(target)
