"""Content notes before a scenario that touches on crisis or other heavy themes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from simulator.model import Scenario
from simulator.tui.screens.dialog import Dialog, DialogButton
from simulator.tui.text import clean


class ContentNotesScreen(Dialog[bool]):
    """Says what the scenario touches on; the trainee chooses to go on or go back."""

    CANCEL_LABEL = "Go back"
    BUTTONS = (DialogButton("Continue", "confirm", "go-on", "primary"),
               DialogButton("Go back", "cancel", "back"))
    SCROLLS = False
    BOX_ID = "notes-box"

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def body(self) -> ComposeResult:
        text = Text()
        text.append("Before you start\n\n", "bold")
        text.append(f"{clean(self.scenario.title)} touches on:\n")
        for note in self.scenario.content_notes:
            text.append(f"  • {clean(note)}\n")
        if self.scenario.has_risk():
            text.append("\nThis scenario includes a moment where safety comes first. If it"
                        " brings something up for you, stop and talk to someone you trust.\n")
        text.append("\nYou can leave at any moment with Escape; your progress is saved.")
        yield Static(text, id="notes-text")

    def confirm(self) -> None:
        """Start the scenario."""
        self.dismiss(True)

    def cancel(self) -> None:
        """Return to the library."""
        self.dismiss(False)
