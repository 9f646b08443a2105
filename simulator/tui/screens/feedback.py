"""Coaching after a choice (practice mode): each score, its reason and level descriptor."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from simulator.engine.session import Turn
from simulator.model import Rubric
from simulator.scoring.reasons import Titles
from simulator.scoring.types import CriterionScore
from simulator.tui.screens.dialog import Dialog, DialogButton
from simulator.tui.text import clean
from simulator.wording import Labeller, render
from simulator.wording.scores import band_words


def coaching(turn: Turn, rubric: Rubric, titles: Titles, label: Labeller | None = None) -> Text:
    """The feedback text for one turn (``titles`` names the pieces of the deck shared).

    Safety comes first: a safety note leads, above every criterion. "Next time" is the
    advice measured for this turn (what actually fell short), so it never contradicts
    the reason above it; a turn with nothing short gets none.
    """
    text = Text()
    for note in turn.score.notes:
        text.append("SAFETY FIRST: ", "bold reverse")
        text.append(clean(render(note, titles, label)) + "\n\n")
    if turn.reflection is not None:  # a two-part turn: the reflection, then the response
        text.append("Your reflection\n", "bold underline")
        if turn.reflection.reaction:
            text.append(clean(turn.reflection.reaction.strip()) + "\n", "italic")
        _criteria(text, turn.reflection.score.scores, rubric, titles, label)
        text.append("\nYour response\n", "bold underline")
    # what the person did comes first, then how it went, in warm words (no band in capitals)
    if turn.reaction:
        text.append(clean(turn.reaction.strip()) + "\n", "italic")
    text.append(band_words(turn.responded.band, turn.responded.kind) + "\n", "bold")
    text.append("\n")
    # a hold-back shares no piece: the rubric's level lines speak of pieces, so the
    # author's words for this moment are the whole reason
    _criteria(text, turn.responded.scores, rubric, titles, label,
              levels=turn.responded.kind != "hold-back")
    return text


def _criteria(text: Text, scores: Sequence[CriterionScore], rubric: Rubric,
              titles: Titles, label: Labeller | None, *, levels: bool = True) -> None:
    reasons = [clean(render(score.reason, titles, label).strip()) for score in scores]
    # one authored sentence for the whole moment is said once, above its scores, not
    # under every criterion it scores
    shared = reasons[0] if len(reasons) > 1 and len(set(reasons)) == 1 else None
    if shared is not None:
        text.append(shared + "\n")
    for score, reason in zip(scores, reasons, strict=True):
        criterion = rubric.criteria[score.criterion]
        level = criterion.levels[score.level]
        text.append(f"{clean(criterion.name)}: {score.level} of 3\n", "bold")
        if shared is None:
            text.append("  " + reason + "\n")
        if levels:
            text.append("  Level: " + clean(level.descriptor.strip()) + "\n", "dim")
        if score.advice is not None:
            text.append("  Next time: " + clean(render(score.advice, titles, label)) + "\n")


class FeedbackScreen(Dialog[str]):
    """Returns "continue" or "retry" (try another way)."""

    CANCEL_LABEL = "Continue"
    CANCEL_SHOWN = False
    KEYS = (
        Binding("r", "retry", "Try another way"),
        # the buttons have the focus; the coaching still scrolls from the keyboard
        *[Binding(key, f"read('{how}')", show=False)
          for key, how in (("down", "down"), ("up", "up"), ("pagedown", "page_down"),
                           ("pageup", "page_up"), ("home", "home"), ("end", "end"))],
    )
    BUTTONS = (DialogButton("Continue (enter)", "confirm", "go-on", "primary"),
               DialogButton("Try another way (r)", "retry", "retry"))
    BOX_ID = "feedback-box"

    def __init__(self, turn: Turn, rubric: Rubric, titles: Titles,
                 label: Labeller | None = None) -> None:
        super().__init__()
        self.turn = turn
        self.rubric = rubric
        self.titles = titles
        self.label = label

    def _labeller(self) -> Labeller | None:
        """The given labeller, else the loaded library's (themes and acceptance words)."""
        if self.label is not None:
            return self.label
        context = getattr(self.app, "ctx", None)
        library = getattr(context, "library", None) if context is not None else None
        found = getattr(library, "theme_label", None)
        return found if callable(found) else None

    def body(self) -> ComposeResult:
        yield Static(coaching(self.turn, self.rubric, self.titles, self._labeller()),
                     id="coaching")

    def on_mount(self) -> None:
        self.query_one("#go-on", Button).focus(scroll_visible=False)
        self.query_one("#feedback-box", VerticalScroll).scroll_home(animate=False)

    def confirm(self) -> None:
        """Carry on to the next beat."""
        self.dismiss("continue")

    def cancel(self) -> None:
        """Escape carries on too: the choice is made, there is nothing to cancel."""
        self.confirm()

    def action_read(self, how: str) -> None:
        """Scroll the coaching (arrows, page keys, home, end) whatever has the focus."""
        box = self.query_one("#feedback-box", VerticalScroll)
        getattr(box, f"scroll_{how}")(animate=False)

    def action_retry(self) -> None:
        """Replay this beat."""
        self.dismiss("retry")
