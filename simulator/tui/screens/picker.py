"""A small modal list to pick one thing (a deck, a session to resume)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.tui.widgets.footer import KeysFooter


class PickerScreen(ModalScreen[str | None]):
    """Returns the chosen option's id, or None when dismissed."""

    BINDINGS = [
        Binding("enter", "choose", "Choose", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, options: list[Option]) -> None:
        super().__init__()
        self.title_text = title
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, markup=False, classes="dialog-title")
            yield OptionList(*self.options, markup=False, id="picker")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Picking an option answers."""
        self.dismiss(event.option.id or "")

    def action_choose(self) -> None:
        """Enter picks the highlighted option."""
        self.query_one(OptionList).action_select()

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
