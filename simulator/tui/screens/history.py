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
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.records.api import SessionSummary
from simulator.tui.screens.resume import SessionPicker, when
from simulator.tui.text import clean
from simulator.wording import passed_text
from simulator.wording.scores import choices, score


def outcome(summary: SessionSummary) -> str:
    """How a session went, in the words and rounding of its debrief."""
    if summary.completed_at is None:
        return "not finished: enter carries it on"
    if summary.overall is None:
        return "finished"
    return f"{score(summary.overall)} of 3, {passed_text(summary.passed)}"


class HistoryScreen(SessionPicker):
    """Returns the session id to open (its debrief, or carry it on), or None."""

    CONFIRM_LABEL = "Open"
    CANCEL_LABEL = "Close"
    HEADING = "Your sessions, newest first"
    BOX_ID = "history-box"

    def body(self) -> ComposeResult:
        if self.sessions:
            yield OptionList(*self._options(), markup=False, id="history")
            yield Static("enter opens a finished session's debrief (replay from any turn"
                         " there) or carries on an unfinished one.", markup=False,
                         classes="hint")
        else:
            yield Static("No sessions yet: choose a scenario and press enter to start"
                         " one.", markup=False, id="history-empty")

    def _options(self) -> list[Option]:
        return [Option(Text.assemble(
            (clean(self.title_of(s)), "bold"),
            f"\n  {when(s.started_at)}, {s.mode}, {choices(s.turns)}: {outcome(s)}"),
            id=s.session_id) for s in self.sessions]
