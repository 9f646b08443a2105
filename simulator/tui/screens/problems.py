"""Problems found in the library and in your own decks, as ``file:line:col: CODE message``."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from simulator.tui.context import AppContext
from simulator.tui.screens.dialog import Dialog
from simulator.tui.text import literal


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


class ProblemsDialog(Dialog[None]):
    """A read-only list of problems under a title (the app's and the play-test's)."""

    CONFIRM_LABEL = CANCEL_LABEL = "Close"
    CONFIRM_SHOWN = False
    SCROLLS = False  # the problems scroll in a box of their own, under the title

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def heading(self) -> str:
        return self.title_text

    def body(self) -> ComposeResult:
        with VerticalScroll(id="problems-box"):
            yield Static(literal(self.text), id="problems")

    def set_text(self, text: str) -> None:
        """Show ``text`` instead (a play-test reload found other problems)."""
        self.text = text
        self.query_one("#problems", Static).update(literal(text))


class LibraryProblemsScreen(ProblemsDialog):
    """What is wrong with the library and the own decks."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Problems in the library", library_problems(ctx))
        self.ctx = ctx
