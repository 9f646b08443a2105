"""History: every session the trainee played, newest first, with how it went.

Why: a trainee coming back to practise wants to see what they did before, read the
debrief again, and try again from the turn where it went wrong, not only carry on
the sessions they left unfinished. Enter on a finished session opens its debrief
(and from there, replay from any turn); on an unfinished one it carries it on. The
screen returns the chosen session id; the home screen decides what follows.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.records.api import SessionSummary
from simulator.tui.screens.resume import when
from simulator.tui.text import clean
from simulator.tui.widgets.footer import KeysFooter
from simulator.wording import passed_text
from simulator.wording.scores import choices, score


def outcome(summary: SessionSummary) -> str:
    """How a session went, in the words and rounding of its debrief."""
    if summary.completed_at is None:
        return "not finished: enter carries it on"
    if summary.overall is None:
        return "finished"
    return f"{score(summary.overall)} of 3, {passed_text(summary.passed)}"


class HistoryScreen(ModalScreen[str | None]):
    """Returns the session id to open (its debrief, or carry it on), or None."""

    BINDINGS = [
        Binding("enter", "choose", "Open", priority=True),
        Binding("escape", "cancel", "Close"),
    ]

    def __init__(self, sessions: list[SessionSummary], titles: dict[str, str]) -> None:
        super().__init__()
        self.sessions = sessions
        self.titles = titles

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="history-box"):
            yield Static("Your sessions, newest first", markup=False, classes="dialog-title")
            if self.sessions:
                yield OptionList(*self._options(), markup=False, id="history")
                yield Static("enter opens a finished session's debrief (replay from any turn"
                             " there) or carries on an unfinished one.", markup=False,
                             classes="hint")
            else:
                yield Static("No sessions yet: choose a scenario and press enter to start"
                             " one.", markup=False, id="history-empty")
        yield KeysFooter()

    def _options(self) -> list[Option]:
        out = []
        for s in self.sessions:
            title = self.titles.get(s.scenario_id, f"{s.scenario_id} (no longer installed)")
            out.append(Option(Text.assemble(
                (clean(title), "bold"),
                f"\n  {when(s.started_at)}, {s.mode}, {choices(s.turns)}: {outcome(s)}"),
                id=s.session_id))
        return out

    def on_mount(self) -> None:
        if self.sessions:
            self.query_one("#history", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Picking a session opens it."""
        self.dismiss(event.option.id or None)

    def action_choose(self) -> None:
        """Enter opens the highlighted session."""
        if self.sessions:
            self.query_one("#history", OptionList).action_select()

    def action_cancel(self) -> None:
        """Close, back to the library."""
        self.dismiss(None)
