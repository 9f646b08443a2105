"""A form's problem, under the field it is about: a whole sentence, marked with a sign
as well as a colour, and taking no room while there is nothing to say."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from simulator.tui.text import clean


class FieldError(Static):
    """Empty and hidden until :meth:`say` is given a sentence."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, classes="field-error")

    def say(self, message: str) -> None:
        """Show ``message`` (our words, or a reason quoting theirs), or hide when empty."""
        self.update(Text("⚠ " + clean(message), "bold") if message else "")
        self.set_class(bool(message), "shown")
