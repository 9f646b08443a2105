"""The reflect step: name the concerns you heard, what the person wants from you, and
(where they told you how they get by) how you read it.

Nothing is preselected: an untouched answer must not be credited as heard, so the
trainee picks what they want from you, and the dialog asks for it if they did not.
"""

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
                 said: Text | None = None, *, readings: list[tuple[str, str]] | None = None,
                 disclosed: str = "") -> None:
        super().__init__()
        self.said = said  # what the person just said, kept in view while reflecting
        self.prompt = prompt or "What did you hear? Pick what they are dealing with."
        self.themes = themes
        self.readings = readings or []
        self.disclosed = disclosed

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
                for ask in AsksFor:
                    yield TickRadio(ASK_WORDS[ask.value], id=f"ask-{ask.value}")
            if self.readings:
                about = f" ({self.disclosed})" if self.disclosed else ""
                yield Static(literal(f"What they told me about how they get by{about},"
                                     " I understand as:"))
                with RadioSet(id="reading"):
                    for reading, label in self.readings:
                        yield TickRadio(literal(label), id=f"reading-{reading}")
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
        if index < 0:
            self.notify("Pick what they want from you first.", markup=False)
            self.query_one("#ask", RadioSet).focus()
            return
        reading = None
        if self.readings:
            chosen = self.query_one("#reading", RadioSet).pressed_index
            reading = self.readings[chosen][0] if chosen >= 0 else None
        self.dismiss(ReflectStep(concerns=heard, asks_for=list(AsksFor)[index],
                                 reading=reading))

    def action_cancel(self) -> None:
        """Back without reflecting."""
        self.dismiss(None)
