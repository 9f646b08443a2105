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
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from simulator.practice.service import Resumed
from simulator.records.api import SessionSummary
from simulator.tui.keys import enter
from simulator.tui.text import clean
from simulator.tui.widgets.footer import KeysFooter


def when(started_at: str) -> str:
    """The date and time an ISO timestamp names, in a few characters."""
    return started_at[:16].replace("T", " ") if len(started_at) >= 16 else started_at


class ResumeScreen(ModalScreen[str | None]):
    """Returns the session id to resume, or None. ``discard`` sets one aside and says
    whether that worked; the list follows."""

    BINDINGS = [
        Binding("enter", "choose", "Resume", priority=True),
        Binding("x", "discard", "Discard"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, pending: list[SessionSummary], titles: dict[str, str],
                 discard: Callable[[str], bool]) -> None:
        super().__init__()
        self.pending = list(pending)
        self.titles = titles
        self.discard = discard

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="resume-box"):
            yield Static("Carry on which session?", markup=False, classes="dialog-title")
            yield OptionList(*self._options(), markup=False, id="sessions")
            yield Static("enter carries on where you stopped; x discards a session you do"
                         " not mean to finish.", markup=False, classes="hint")
        yield KeysFooter()

    def _options(self) -> list[Option]:
        out = []
        for s in self.pending:
            title = self.titles.get(s.scenario_id, f"{s.scenario_id} (no longer installed)")
            made = "1 choice" if s.turns == 1 else f"{s.turns} choices"
            out.append(Option(Text.assemble((clean(title), "bold"),
                                            f"  {s.mode}, {made}, started {when(s.started_at)}"),
                              id=s.session_id))
        return out

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Picking a session resumes it."""
        self.dismiss(event.option.id or None)

    def action_choose(self) -> None:
        """Enter resumes the highlighted session."""
        self.query_one(OptionList).action_select()

    def action_discard(self) -> None:
        """Ask, then set the highlighted session aside."""
        from simulator.tui.screens.confirm import ConfirmScreen

        sessions = self.query_one(OptionList)
        if sessions.highlighted is None:
            return
        chosen = self.pending[sessions.highlighted]
        title = self.titles.get(chosen.scenario_id, chosen.scenario_id)
        question = Text.assemble("Discard your unfinished session of ", (clean(title), "bold"),
                                 "? It will not be offered again; what you chose stays in"
                                 " your records as not finished.")

        def answered(yes: bool | None) -> None:
            if yes and self.discard(chosen.session_id):
                self.pending.remove(chosen)
                if not self.pending:
                    self.dismiss(None)
                    return
                sessions.clear_options()
                sessions.add_options(self._options())
                sessions.highlighted = 0

        self.app.push_screen(ConfirmScreen(question, "Discard it", "Keep it"), answered)

    def action_cancel(self) -> None:
        """Close without resuming."""
        self.dismiss(None)


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


class ChangedScreen(ModalScreen[None]):
    """Says what changed and what was kept, before the conversation carries on."""

    BINDINGS = [Binding("enter", "enter", "Carry on", priority=True),
                Binding("escape", "close", "Carry on", show=False)]

    def __init__(self, resumed: Resumed) -> None:
        super().__init__()
        self.resumed = resumed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="changed-box"):
            yield Static(changes(self.resumed), id="changed")
            with Horizontal(classes="buttons"):
                yield Button("Carry on", id="go-on", variant="primary")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#go-on", Button).focus()

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        """The one button."""
        self.dismiss(None)

    def action_enter(self) -> None:
        """Enter presses the button."""
        enter(self, self.action_close)

    def action_close(self) -> None:
        """On to the conversation."""
        self.dismiss(None)
