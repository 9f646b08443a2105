"""The conversation so far, scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from simulator.tui.widgets.footer import KeysFooter


class TranscriptScreen(ModalScreen[None]):
    """Shows a prepared transcript (already made literal by the caller)."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("t", "close", "Close", show=False)]

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            # before the first answer the person has spoken, but the trainee has not
            yield Static(self.text if self.text.plain
                         else Text("You have not answered yet: what they said is on the"
                                   " screen behind this."), id="transcript")
        yield KeysFooter()

    def action_close(self) -> None:
        """Back to the conversation."""
        self.dismiss(None)
