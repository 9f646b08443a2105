"""Typed turns: saying it in your own words, read back before it counts.

Why read back first: a detection the trainee cannot see the reason for cannot be argued
with, so the first ctrl+s (or enter) shows what the detectors found, each with the
words it rests on quoted; the second takes it. Changing the words reads them again.

:class:`TypedField` is the box the reflect and share dialogs add; :class:`LineScreen` is
"say something else": a line in your own words, taken as the closest authored line,
which the trainee may correct. The words typed stay in the trainee's own records only
(:class:`simulator.model.plan.Typed`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from simulator.engine.engine import Engine
from simulator.engine.session import Session
from simulator.engine.typed import Match, closest, typed_line
from simulator.loading.library import Library
from simulator.model.plan import Step
from simulator.model.scenario import Line
from simulator.records.cohorts import TYPED_TURNS
from simulator.tui.screens.dialog import Dialog, confirm_or_cancel
from simulator.tui.text import clean, literal
from simulator.words import Explained, Mode, Setting, explain
from simulator.words_library import labels, theme_texts


@dataclass(frozen=True)
class TypedTurns:
    """What a dialog needs to read typed words at one beat, and whether it must."""

    setting: Setting
    required: bool = False

    @classmethod
    def at(cls, library: Library, engine: Engine, session: Session, mode: str,
           cohort: str = "optional") -> TypedTurns | None:
        """Typed turns at the session's beat, or None when the library has no phrasebook
        (then only picking is on offer, whatever the scenario asks). They are required
        as the stricter of the scenario's ``typed_turns`` and the trainee's cohort's
        (``cohort``) says."""
        book = library.phrasebook()
        if book is None or engine.beat(session) is None:
            return None
        scenario = engine.scenario
        setting = Setting.of(book, scenario, session.state, engine.rubric, labels(library),
                             theme_texts(library, book))
        wanted = max(scenario.typed_turns, cohort, key=TYPED_TURNS.index)
        return cls(setting, wanted == "always" or (wanted == "assessment"
                                                    and mode == "assessment"))

    def explain(self, text: str, mode: Mode) -> Explained:
        """Every detection in ``text`` typed as ``mode`` at this beat."""
        return explain(text, mode, self.setting)

    @property
    def judging(self) -> frozenset[str]:
        """The readings the rubric counts as judging."""
        return self.setting.judging_readings


def read_back(result: Explained) -> Text:
    """What the detectors found, each with its words quoted (never parsed as markup)."""
    out = Text("What I read in your words:", style="bold")
    shown = [d for d in result.detections if d.kind != "focus" or not d.evidence]
    for detection in shown:
        out.append("\n• ")
        note = detection.note
        out.append_text(literal(note[:1].upper() + note[1:]))
        for evidence in detection.evidence:
            out.append_text(literal(f' "{evidence.quote}"', "italic"))
    if not shown:
        out.append("\nNothing I can name yet; it counts as it stands.")
    out.append("\nPress ctrl+s again to go on, or change your words.", style="dim")
    return out


class TypedField(Vertical):
    """A box for your own words, and what was read in them."""

    def __init__(self, label: str, placeholder: str, mode: Mode, typed: TypedTurns) -> None:
        super().__init__(id="typed-field")
        self.label = label
        self.placeholder = placeholder
        self.mode: Mode = mode
        self.typed = typed
        self.read: tuple[str, Explained] | None = None  # the words last read back

    def compose(self) -> ComposeResult:
        yield Static(literal(self.label), id="typed-label")
        yield Input(placeholder=self.placeholder, id="typed", max_length=1000)
        yield Static(id="read-back")

    @property
    def text(self) -> str:
        """The words typed, trimmed."""
        return self.query_one("#typed", Input).value.strip()

    def take(self) -> Explained | None:
        """The reading of the words once it has been shown; None while showing it (the
        first time, or after the words changed) or when nothing is typed."""
        text = self.text
        if not text:
            return None
        if self.read is not None and self.read[0] == text:
            return self.read[1]
        result = self.typed.explain(text, self.mode)
        self.read = (text, result)
        back = self.query_one("#read-back", Static)
        back.update(read_back(result))
        back.scroll_visible()
        return None


class LineScreen(Dialog[Step | None]):
    """Say something else: a line in your own words, taken as the closest authored line
    at this beat. Returns the step (the line taken, with what was typed), or None."""

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Say it"
    BUTTONS = confirm_or_cancel("Say it (ctrl+s)", "say")
    FOCUS = "#typed"
    FIELD_ENTER_CONFIRMS = True  # enter in the box: as ctrl+s

    def __init__(self, lines: Sequence[Line], typed: TypedTurns, said: Text | None = None
                 ) -> None:
        super().__init__()
        self.lines = list(lines)
        self.typed = typed
        self.said = said
        self.matches: list[Match] = []

    def body(self) -> ComposeResult:
        if self.said:
            yield Static(self.said, id="said")
        yield TypedField("Say it your own way:", "what you would say to them",
                         "line", self.typed)
        yield Static(id="taken-as")
        yield OptionList(markup=False, id="closest")

    def on_mount(self) -> None:
        self.query_one("#closest", OptionList).display = False

    def confirm(self) -> None:
        """Read the words back with the line they are taken as; then say it."""
        field = self.query_one(TypedField)
        if not field.text:
            self.notify("Type what you would say first.", markup=False)
            return
        result = field.take()
        if result is None or not self.matches or field.read is None:
            self._rank()
            return
        choices = self.query_one("#closest", OptionList)
        index = choices.highlighted if choices.highlighted is not None else 0
        self._said(self.matches[index].line.id)

    def _rank(self) -> None:
        """Show the authored lines, closest first, the first highlighted."""
        field = self.query_one(TypedField)
        self.matches = closest(field.text, self.lines, self.typed.setting)
        first = self.matches[0].line
        self.query_one("#taken-as", Static).update(Text.assemble(
            ("Taken as closest to: ", "bold"), (f"'{clean(first.text.strip())}'", "italic"),
            ("\nIf that is not what you meant, pick the line you meant (enter).", "dim")))
        choices = self.query_one("#closest", OptionList)
        choices.clear_options()
        for number, match in enumerate(self.matches, 1):
            choices.add_option(Option(literal(f"{number}. {match.line.text.strip()}"),
                                      id=match.line.id))
        choices.display = True
        choices.highlighted = 0
        choices.focus()  # enter says the closest; arrows first pick the one meant
        choices.scroll_visible()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line: that is the one meant."""
        event.stop()
        field = self.query_one(TypedField)
        if field.read is None or field.read[0] != field.text or not self.matches:
            self.confirm()
            return
        self._said(event.option.id or self.matches[0].line.id)

    def _said(self, line_id: str) -> None:
        field = self.query_one(TypedField)
        assert field.read is not None
        text, result = field.read
        self.dismiss(Step(line=line_id, typed=typed_line(text, result,
                                                         self.matches[0].line.id, line_id)))
