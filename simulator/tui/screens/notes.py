"""Content notes before a scenario that touches on crisis or other heavy themes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from simulator.model import Scenario
from simulator.tui.keys import enter
from simulator.tui.text import clean
from simulator.tui.widgets.footer import KeysFooter


class ContentNotesScreen(ModalScreen[bool]):
    """Says what the scenario touches on; the trainee chooses to go on or go back."""

    BINDINGS = [
        Binding("enter", "enter", "Continue", priority=True),
        Binding("escape", "back", "Go back"),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Before you start\n\n", "bold")
        text.append(f"{clean(self.scenario.title)} touches on:\n")
        for note in self.scenario.content_notes:
            text.append(f"  • {clean(note)}\n")
        if self.scenario.has_risk():
            text.append("\nThis scenario includes a moment where safety comes first. If it"
                        " brings something up for you, stop and talk to someone you trust.\n")
        text.append("\nYou can leave at any moment with Escape; your progress is saved.")
        with Vertical(id="notes-box"):
            yield Static(text, id="notes-text")
            with Horizontal(classes="buttons"):
                yield Button("Continue", id="go-on", variant="primary")
                yield Button("Go back", id="back")
        yield KeysFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Either button answers the question."""
        self.dismiss(event.button.id == "go-on")

    def action_enter(self) -> None:
        """Enter presses the focused button (Continue, unless the trainee moved on)."""
        enter(self, self.action_go_on)

    def action_go_on(self) -> None:
        """Start the scenario."""
        self.dismiss(True)

    def action_back(self) -> None:
        """Return to the library."""
        self.dismiss(False)
