"""The conversation so far, scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from simulator.tui.screens.dialog import Dialog


class TranscriptScreen(Dialog[None]):
    """Shows a prepared transcript (already made literal by the caller)."""

    CONFIRM_KEY = None
    CANCEL_LABEL = "Close"
    KEYS = (Binding("t", "cancel", "Close", show=False),)

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def body(self) -> ComposeResult:
        # before the first answer the person has spoken, but the trainee has not
        yield Static(self.text if self.text.plain
                     else Text("You have not answered yet: what they said is on the"
                               " screen behind this."), id="transcript")
