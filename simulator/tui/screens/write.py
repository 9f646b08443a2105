"""A dialog for a few words of supervision (a comment, reply, flag or proposed line)
that never loses them: a refusal keeps them with the reason, escape keeps a draft."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.widgets import RadioSet, TextArea

from simulator.tui.screens.dialog import Dialog, DialogButton, confirm_or_cancel
from simulator.tui.widgets.field_error import FieldError
from simulator.tui.widgets.ticks import TickRadio

#: saves what was written; returns why it was refused, or None once it is saved
Submit = Callable[[str, str], str | None]


class WriteScreen(Dialog[tuple[str, str] | None]):
    """A short text, with one choice when there is one to make. Returns (choice, text).

    With ``submit``, the words are saved before the dialog closes: when they are refused
    (a comment that quotes the story, a store that cannot be written), the dialog stays
    open with everything typed, and the reason under it, to fix and save again."""

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Save"
    FOCUS = "#text"

    def __init__(self, title: str, choices: list[tuple[str, str]] | None = None,
                 text: str = "", submit: Submit | None = None,
                 keep: Callable[[str], None] | None = None, *, optional: bool = False,
                 save_label: str = "Save (ctrl+s)") -> None:
        super().__init__()
        self.optional = optional  # the words may be left empty (a note to a request)
        self.save_label = save_label
        self.title_text = title
        self.choices = choices or []
        self.text = text
        self.submit = submit
        self.keep = keep

    def heading(self) -> str:
        return self.title_text

    def body(self) -> ComposeResult:  # the box scrolls: at 80x24 the reason can need it
        if self.choices:
            with RadioSet(id="choice"):
                for i, (_value, label) in enumerate(self.choices):
                    yield TickRadio(label, value=i == 0)
        yield TextArea(self.text, id="text")
        yield FieldError(id="write-error")

    def buttons(self) -> Sequence[DialogButton]:
        return confirm_or_cancel(self.save_label, "done")

    def confirm(self) -> None:
        """Hand back the choice and the words (an empty text is refused here)."""
        text = self.query_one("#text", TextArea).text.strip()
        error = self.query_one("#write-error", FieldError)
        if not text and not self.optional:
            error.say("Write something first, or press escape.")
            self.call_after_refresh(error.scroll_visible, animate=False)
            return
        choice = ""
        if self.choices:
            index = max(0, self.query_one("#choice", RadioSet).pressed_index)
            choice = self.choices[index][0]
        refused = self.submit(choice, text) if self.submit is not None else None
        if refused:
            error.say(f"Not saved: {refused} Your words are still here to change.")
            self.query_one("#text", TextArea).focus()
            self.call_after_refresh(error.scroll_visible, animate=False)
            return
        self.dismiss((choice, text))

    def cancel(self) -> None:
        """Close without saving; words typed are handed to ``keep`` for next time."""
        typed = self.query_one("#text", TextArea).text
        if self.keep is not None and typed.strip() and typed != self.text:
            self.keep(typed)
            self.notify("Not saved yet. Your words are kept until you quit: do the same"
                        " again to carry on.", timeout=8)
        self.dismiss(None)
