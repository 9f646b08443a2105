"""A trainee's record of growth: each criterion over time, named strengths, and the
development goals they and their trainer agree on and revisit.

Thin: the record comes from :mod:`simulator.records.growth`; this screen shows it and
lets either person set a goal (``n``) or revisit the highlighted one (``r``). A trainee
opens their own (from home, ``g``); a trainer opens anyone's from the cohort's sessions,
already under the trainer's authority."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.records.api import StoreError
from simulator.records.goals import STATE_WORDS, STATES, GoalError, Goals
from simulator.records.growth import growth_lines, growth_of
from simulator.records.sql_store import SqlStore
from simulator.tui.screens.write import WriteScreen
from simulator.tui.text import clean
from simulator.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from simulator.loading.library import Library


def criterion_names(library: Library | None) -> dict[str, str]:
    """Each rubric criterion's name by its id (none without a loaded library)."""
    if library is None:
        return {}
    return {c: v.name for r in library.rubrics for c, v in library.rubric(r).criteria.items()}


def _refusal(exc: Exception) -> str:
    reason = str(exc).rstrip(".") + "."
    return reason[0].upper() + reason[1:]


class GrowthScreen(Screen[None]):
    """One trainee's record of growth, as that trainee or as a trainer sees it."""

    BINDINGS = [Binding("n", "new_goal", "New goal"), Binding("r", "revisit", "Revisit"),
                Binding("escape", "back", "Back")]

    def __init__(self, store: SqlStore, trainee_id: str, *, me: str, role: str,
                 criterion_names: dict[str, str] | None = None) -> None:
        super().__init__()
        self.criterion_names = criterion_names or {}  # by id, when the library is loaded
        self.store = store
        self.trainee_id = trainee_id
        self.me = me  # the trainee's id, or the trainer's name
        self.role = role  # "trainee" or "trainer"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="growth-box"):
            yield Static(id="growth")
            yield Static("Goals (r revisits the highlighted one)", classes="growth-title")
            yield OptionList(id="goals")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Record of growth: {clean(self.trainee_id)}"
        self.refresh_view()
        self.query_one("#goals", OptionList).focus()

    def refresh_view(self) -> None:
        """Read the record again (after a goal is set or revisited)."""
        growth = growth_of(self.store, self.trainee_id)
        lines = growth_lines(growth, self.criterion_names)
        cut = lines.index("Development goals")
        self.query_one("#growth", Static).update(Text("\n".join(clean(x) for x in lines[:cut])))
        goals = self.query_one("#goals", OptionList)
        goals.clear_options()
        goals.add_options([Option(Text(clean(g.describe())), id=g.id) for g in growth.goals]
                          or [Option("No goals set yet: n sets one.", id="", disabled=True)])

    def action_new_goal(self) -> None:
        """Set a goal in a few words (the other person agrees by revisiting it)."""
        def save(_choice: str, body: str) -> str | None:
            try:
                Goals(self.store).add(self.trainee_id, body, by=self.me, role=self.role)
            except (GoalError, StoreError) as exc:
                return _refusal(exc)
            self.refresh_view()
            return None

        self.app.push_screen(WriteScreen("A development goal, in a few words", submit=save,
                                         save_label="Set goal (ctrl+s)"))

    def action_revisit(self) -> None:
        """Agree to the highlighted goal, or say where it stands now, with a note."""
        goals = self.query_one("#goals", OptionList)
        if goals.highlighted is None or not (goal_id := goals.get_option_at_index(
                goals.highlighted).id):
            self.notify("Highlight a goal first (or set one with n).")
            return

        def save(state: str, note: str) -> str | None:
            try:
                Goals(self.store).revisit(goal_id, state, by=self.me, role=self.role,
                                          note=note)
            except (GoalError, StoreError) as exc:
                return _refusal(exc)
            self.refresh_view()
            return None

        self.app.push_screen(WriteScreen(
            "Where this goal stands now, with a note if you like",
            [(s, STATE_WORDS[s]) for s in STATES], submit=save, optional=True,
            save_label="Save (ctrl+s)"))

    def action_back(self) -> None:
        """Back to where you came from."""
        self.dismiss(None)
