"""Ask before something that cannot be taken back by accident (deleting, discarding).

The safe answer has the focus, so Enter pressed out of habit keeps things as they were.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from simulator.tui.keys import enter
from simulator.tui.widgets.footer import KeysFooter


class ConfirmScreen(ModalScreen[bool]):
    """Returns True only when the trainee chose ``yes``."""

    BINDINGS = [
        Binding("enter", "enter", "Press the focused button", priority=True),
        Binding("escape", "no", "Keep it"),
    ]

    def __init__(self, question: Text | str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm-box"):
            yield Static(self.question, markup=False, id="question")
            with Horizontal(classes="buttons"):
                yield Button(self.no, id="no", variant="primary")
                yield Button(self.yes, id="yes", variant="error")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Either button answers."""
        self.dismiss(event.button.id == "yes")

    def action_enter(self) -> None:
        """Enter presses the focused button (the safe one unless the trainee moved)."""
        enter(self, self.action_no)

    def action_no(self) -> None:
        """Keep things as they were."""
        self.dismiss(False)
