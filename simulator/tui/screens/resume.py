"""Resume: the unfinished sessions, each with what it was; carry one on, or discard it.

Discarding goes through the practice service (the session is set aside in the records,
not erased), after asking. When the scenario changed since a session was saved, a
notice says what changed and what was kept before the conversation opens.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.practice.service import Resumed
from simulator.records.api import SessionSummary
from simulator.tui.screens.dialog import Dialog, DialogButton
from simulator.tui.text import clean


def when(started_at: str) -> str:
    """The date and time an ISO timestamp names, in a few characters."""
    return started_at[:16].replace("T", " ") if len(started_at) >= 16 else started_at


class SessionPicker(Dialog[str | None]):
    """A list of the trainee's sessions: enter (or a click) hands back the highlighted
    one's id, escape None."""

    SCROLLS = False
    FOCUS = "OptionList"

    def __init__(self, sessions: list[SessionSummary], titles: dict[str, str]) -> None:
        super().__init__()
        self.sessions = list(sessions)
        self.titles = titles

    def title_of(self, summary: SessionSummary) -> str:
        """The session's scenario, by title (its id when it is no longer installed)."""
        return self.titles.get(summary.scenario_id,
                               f"{summary.scenario_id} (no longer installed)")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Picking a session hands it back."""
        self.dismiss(event.option.id or None)

    def confirm(self) -> None:
        """Enter picks the highlighted session."""
        for sessions in self.query(OptionList).results():
            sessions.action_select()


class ResumeScreen(SessionPicker):
    """Returns the session id to resume, or None. ``discard`` sets one aside and says
    whether that worked; the list follows."""

    CONFIRM_LABEL = "Resume"
    KEYS = (Binding("x", "discard", "Discard"),)
    HEADING = "Carry on which session?"
    BOX_ID = "resume-box"

    def __init__(self, pending: list[SessionSummary], titles: dict[str, str],
                 discard: Callable[[str], bool]) -> None:
        super().__init__(pending, titles)
        self.discard = discard

    def body(self) -> ComposeResult:
        yield OptionList(*self._options(), markup=False, id="sessions")
        yield Static("enter carries on where you stopped; x discards a session you do"
                     " not mean to finish.", markup=False, classes="hint")

    def _options(self) -> list[Option]:
        out = []
        for s in self.sessions:
            made = "1 choice" if s.turns == 1 else f"{s.turns} choices"
            out.append(Option(Text.assemble((clean(self.title_of(s)), "bold"),
                                            f"  {s.mode}, {made}, started {when(s.started_at)}"),
                              id=s.session_id))
        return out

    def action_discard(self) -> None:
        """Ask, then set the highlighted session aside."""
        from simulator.tui.screens.confirm import ConfirmScreen

        sessions = self.query_one(OptionList)
        if sessions.highlighted is None:
            return
        chosen = self.sessions[sessions.highlighted]
        title = self.titles.get(chosen.scenario_id, chosen.scenario_id)
        question = Text.assemble("Discard your unfinished session of ", (clean(title), "bold"),
                                 "? It will not be offered again; what you chose stays in"
                                 " your records as not finished.")

        def answered(yes: bool | None) -> None:
            if yes and self.discard(chosen.session_id):
                self.sessions.remove(chosen)
                if not self.sessions:
                    self.dismiss(None)
                    return
                sessions.clear_options()
                sessions.add_options(self._options())
                sessions.highlighted = 0

        self.app.push_screen(ConfirmScreen(question, "Discard it", "Keep it"), answered)


def changes(resumed: Resumed) -> Text:
    """What a changed scenario did to a resumed session, in words."""
    text = Text()
    text.append("The scenario has changed\n\n", "bold")
    text.append(resumed.describe() + "\n\n")
    dropped = resumed.made - resumed.kept
    if resumed.kept:
        text.append(f"You carry on from turn {resumed.kept + 1}.")
    else:
        text.append("You start again from the beginning.")
    if dropped:
        text.append(f" {'The other choice' if dropped == 1 else f'The other {dropped}'}"
                    " no longer fit the scenario as it is now. Your earlier attempt is kept"
                    " in your records, set aside.")
    return text


class ChangedScreen(Dialog[None]):
    """Says what changed and what was kept, before the conversation carries on."""

    CONFIRM_LABEL = CANCEL_LABEL = "Carry on"
    CANCEL_SHOWN = False
    BUTTONS = (DialogButton("Carry on", "confirm", "go-on", "primary"),)
    SCROLLS = False
    BOX_ID = "changed-box"
    FOCUS = "#go-on"

    def __init__(self, resumed: Resumed) -> None:
        super().__init__()
        self.resumed = resumed

    def body(self) -> ComposeResult:
        yield Static(changes(self.resumed), id="changed")
