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


class ProblemsDialog(ModalScreen[None]):
    """A read-only list of problems under a title (the app's and the play-test's)."""

    BINDINGS = [Binding("escape", "close", "Close"),
                Binding("enter", "close", "Close", show=False)]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, markup=False, classes="dialog-title")
            with VerticalScroll(id="problems-box"):
                yield Static(literal(self.text), id="problems")
        yield KeysFooter()

    def set_text(self, text: str) -> None:
        """Show ``text`` instead (a play-test reload found other problems)."""
        self.text = text
        self.query_one("#problems", Static).update(literal(text))

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)


class LibraryProblemsScreen(ProblemsDialog):
    """What is wrong with the library and the own decks."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Problems in the library", library_problems(ctx))
        self.ctx = ctx
