"""The reflect step: name the concerns you heard and what the person wants from you."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from simulator.model.common import AsksFor
from simulator.model.plan import ReflectStep
from simulator.tui.text import literal
from simulator.tui.widgets.footer import KeysFooter
from simulator.tui.widgets.ticks import TickList, TickRadio
from simulator.wording import ASK_WORDS


class ReflectScreen(ModalScreen[ReflectStep | None]):
    """Returns the reflection, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "done", "Reflect"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, prompt: str, themes: list[tuple[str, str]],
                 said: Text | None = None) -> None:
        super().__init__()
        self.said = said  # what the person just said, kept in view while reflecting
        self.prompt = prompt or "What did you hear? Pick what they are dealing with."
        self.themes = themes

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            if self.said:
                yield Static(self.said, id="said")
            yield Static(literal(self.prompt, "bold"))
            yield Static("They are dealing with (space to tick):", markup=False)
            yield TickList(*[Selection(literal(label), theme)
                                       for theme, label in self.themes], id="heard")
            yield Static("They want from me:", markup=False)
            with RadioSet(id="ask"):
                for i, ask in enumerate(AsksFor):
                    yield TickRadio(ASK_WORDS[ask.value], value=i == 0, id=f"ask-{ask.value}")
            with Horizontal(classes="buttons"):
                yield Button("Reflect (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        heard = self.query_one("#heard", SelectionList)
        heard.focus()
        heard.highlighted = 0 if heard.option_count else None

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The two buttons."""
        if event.button.id == "done":
            self.action_done()
        else:
            self.action_cancel()

    def action_done(self) -> None:
        """Hand back the reflection."""
        heard = list(self.query_one("#heard", SelectionList).selected)
        index = self.query_one("#ask", RadioSet).pressed_index
        asks = list(AsksFor)[max(0, index)]
        self.dismiss(ReflectStep(concerns=heard, asks_for=asks))

    def action_cancel(self) -> None:
        """Back without reflecting."""
        self.dismiss(None)
