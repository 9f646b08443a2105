"""The reflect step: name the concerns you heard, what the person wants from you, and
(where they told you how they get by) how you read it.

Nothing is preselected: an untouched answer must not be credited as heard, so the
trainee picks what they want from you, and the dialog asks for it if they did not.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from simulator.model.common import AsksFor
from simulator.model.plan import ReflectStep
from simulator.tui.screens.dialog import Dialog, confirm_or_cancel
from simulator.tui.screens.typed import TypedField, TypedTurns
from simulator.tui.text import literal
from simulator.tui.widgets.ticks import TickList, TickRadio
from simulator.wording import ASK_WORDS


class ReflectScreen(Dialog[ReflectStep | None]):
    """Returns the reflection, or None when cancelled."""

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Reflect"
    BUTTONS = confirm_or_cancel("Reflect (ctrl+s)", "done")
    FIELD_ENTER_CONFIRMS = True  # enter in the words box: as ctrl+s

    def __init__(self, prompt: str, themes: list[tuple[str, str]],
                 said: Text | None = None, *, readings: list[tuple[str, str]] | None = None,
                 disclosed: str = "", typed: TypedTurns | None = None) -> None:
        super().__init__()
        self.typed = typed  # saying it in your own words, when the library can read them
        self.said = said  # what the person just said, kept in view while reflecting
        self.prompt = prompt or "What did you hear? Pick what they are dealing with."
        self.themes = themes
        self.readings = readings or []
        self.disclosed = disclosed

    def body(self) -> ComposeResult:
        if self.said:
            yield Static(self.said, id="said")
        yield Static(literal(self.prompt, "bold"))
        if self.typed is not None:
            yield TypedField("In your own words, say what you heard"
                             + (":" if self.typed.required else " (or pick below):"),
                             "it sounds like...", "reflect", self.typed)
        picking = self.typed is None or not self.typed.required
        if picking:
            yield Static("They are dealing with (space to tick):", markup=False)
        yield TickList(*[Selection(literal(label), theme) for theme, label in self.themes],
                       id="heard")
        yield Static("They want from me:" if picking else
                     "If your words do not say it, they want from me:", markup=False)
        with RadioSet(id="ask"):
            for ask in AsksFor:
                yield TickRadio(ASK_WORDS[ask.value], id=f"ask-{ask.value}")
        if self.readings and picking:
            about = f" ({self.disclosed})" if self.disclosed else ""
            yield Static(literal(f"What they told me about how they get by{about},"
                                 " I understand as:"))
            with RadioSet(id="reading"):
                for reading, label in self.readings:
                    yield TickRadio(literal(label), id=f"reading-{reading}")

    def on_mount(self) -> None:
        heard = self.query_one("#heard", SelectionList)
        heard.highlighted = 0 if heard.option_count else None
        if self.typed is not None and self.typed.required:
            heard.display = False  # the words say what was heard
            self.query_one("#typed", Input).focus()
        else:
            heard.focus()

    def confirm(self) -> None:
        """Hand back the reflection: the words typed (once read back), else the ticks."""
        if self.typed is not None and self._typed_done():
            return
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

    def _typed_done(self) -> bool:
        """Act on the words typed; False when there are none and picking is allowed."""
        from simulator.engine.typed import typed_reflection

        assert self.typed is not None
        field = self.query_one(TypedField)
        if not field.text:
            if not self.typed.required:
                return False
            self.notify("Say what you heard in your own words first.", markup=False)
            self.query_one("#typed", Input).focus()
            return True
        result = field.take()
        if result is None:
            return True  # read back: the next ctrl+s takes it
        index = self.query_one("#ask", RadioSet).pressed_index
        step = typed_reflection(field.text, result, self.typed.judging,
                                list(AsksFor)[index] if index >= 0 else None,
                                [theme for theme, _label in self.themes])
        if step is None:
            self.notify("Your words do not say what they want from you: say it, or pick"
                        " it below.", markup=False)
            self.query_one("#ask", RadioSet).focus()
            return True
        self.dismiss(step)
        return True

