"""Problems found in the library and in your own decks, as ``file:line:col: CODE message``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from simulator.tui.context import AppContext
from simulator.tui.text import literal
from simulator.tui.widgets.footer import KeysFooter


def library_problems(ctx: AppContext) -> str:
    """Every problem, then the scenarios that cannot be started, in plain lines."""
    lines = [p.format() for p in ctx.problems]
    if ctx.blocked:
        lines += ["", "These scenarios cannot be started until their problems are fixed:",
                  *(f"  {s.title} ({s.id})" for s in ctx.blocked.values())]
    if not lines:
        return "No problems found in the library or in your own decks."
    return "\n".join([*lines, "", "Whoever looks after your scenario files can fix these"
                      " with peersim validate."])


class LibraryProblemsScreen(ModalScreen[None]):
    """What is wrong with the library and the own decks, read-only."""

    BINDINGS = [Binding("escape", "close", "Close"),
                Binding("enter", "close", "Close", show=False)]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Problems in the library", markup=False, classes="dialog-title")
            with VerticalScroll(id="problems-box"):
                yield Static(literal(library_problems(self.ctx)), id="problems")
        yield KeysFooter()

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
