"""Export your own deck: a copy in a file you choose, readable only by you.

Your deck is your own story, so the copy is written 0600, never over an existing
file, and pieces you marked private stay out unless you tick the box this time.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from simulator import owndecks
from simulator.model import Deck
from simulator.tui.widgets.field_error import FieldError
from simulator.tui.widgets.footer import KeysFooter
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


class ExportScreen(ModalScreen[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS = [Binding("ctrl+s", "export", "Export"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, deck: Deck) -> None:
        super().__init__()
        self.deck = deck

    def compose(self) -> ComposeResult:
        private = sum(f.private for f in self.deck.fragments)
        with VerticalScroll(classes="dialog"):
            yield Static("Export my deck", markup=False, classes="dialog-title")
            yield Static(EXPLAIN, markup=False)
            yield Static("Save the copy as:", markup=False)
            yield Input(suggested(self.deck), id="path")
            yield FieldError(id="path-error")
            yield TickBox(f"Include the {private} piece(s) I marked private", False,
                          id="include-private", disabled=not private)
            with Horizontal(classes="buttons"):
                yield Button("Export (ctrl+s)", id="export", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Export or cancel."""
        if event.button.id == "export":
            self.action_export()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        """Enter in the file name exports."""
        self.action_export()

    def action_export(self) -> None:
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

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
