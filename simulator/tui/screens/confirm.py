"""Ask before something that cannot be taken back by accident (deleting, discarding).

The safe answer has the focus, so Enter pressed out of habit keeps things as they were.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from simulator.tui.screens.dialog import Dialog, DialogButton


class ConfirmScreen(Dialog[bool]):
    """Returns True only when the trainee chose ``yes``."""

    CONFIRM_LABEL = "Press the focused button"
    CANCEL_LABEL = "Keep it"
    SCROLLS = False
    BOX_ID = "confirm-box"
    FOCUS = "#no"

    def __init__(self, question: Text | str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def body(self) -> ComposeResult:
        yield Static(self.question, markup=False, id="question")

    def buttons(self) -> Sequence[DialogButton]:
        return [DialogButton(self.no, "cancel", "no", "primary"),
                DialogButton(self.yes, "yes", "yes", "error")]

    def action_yes(self) -> None:
        """Do it."""
        self.dismiss(True)

    def confirm(self) -> None:
        """Enter with no button focused keeps things as they were."""
        self.cancel()

    def cancel(self) -> None:
        """Keep things as they were."""
        self.dismiss(False)
