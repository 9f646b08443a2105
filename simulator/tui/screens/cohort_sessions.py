"""The trainer's list of a cohort's sessions, with whoever is waiting to talk first.

Why first: a trainee who pressed "I need to talk", or whose session met a safety gate
or shared a piece marked private, should not wait behind the week's comments. Enter on
one opens its session (when it names one); ``a`` marks it answered.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

from simulator.records import StoreError
from simulator.records.help_requests import HelpError, HelpRequests
from simulator.tui.screens.review import SessionsScreen
from simulator.tui.screens.write import WriteScreen

HELP_PREFIX = "help:"


class CohortSessionsScreen(SessionsScreen):
    """Sessions to review, newest first, after the requests to talk."""

    BINDINGS = [Binding("a", "answered", "Answered"),
                Binding("c", "certification", "Certification"),
                Binding("n", "assign", "Assign"),
                Binding("g", "growth", "Growth")]

    def __init__(self, *args: object, helps: HelpRequests, me: str, cohort_id: str,
                 scenarios: list[tuple[str, str]] | None = None,
                 criterion_names: dict[str, str] | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.helps = helps
        self.me = me
        self.cohort_id = cohort_id
        self.scenarios = scenarios or []  # (id, title) a trainer can assign
        self.criterion_names = criterion_names or {}  # for the record of growth

    def action_assign(self) -> None:
        """Assign a scenario to the whole cohort, in assessment mode, with a due date."""
        from simulator.records.assignments import AssignmentError, Assignments

        if not self.scenarios:
            self.notify("No scenarios are installed to assign.")
            return

        def assign(scenario_id: str, due: str) -> str | None:
            try:
                made = Assignments(self.helps.store).assign(
                    scenario_id, due=due, by=self.me, cohort_id=self.cohort_id)
            except (AssignmentError, StoreError) as exc:
                reason = str(exc).rstrip(".") + "."
                return reason[0].upper() + reason[1:]
            self.notify(f"Assigned to cohort {self.cohort_id}, due {made.due}.")
            return None

        self.app.push_screen(WriteScreen(
            f"Assign a scenario to cohort {self.cohort_id} in assessment mode: choose it,"
            " then type the due date (YYYY-MM-DD)", self.scenarios, submit=assign,
            save_label="Assign (ctrl+s)"))

    def action_certification(self) -> None:
        """Per trainee: assessments signed off and still open."""
        from simulator.tui.screens.certification import CertificationScreen

        self.app.push_screen(CertificationScreen(self.helps.store, self.cohort_id))

    def action_growth(self) -> None:
        """The record of growth of the highlighted session's trainee."""
        from simulator.records.certify_sql import session_row
        from simulator.tui.screens.growth import GrowthScreen

        option = self._highlighted()
        row = session_row(self.helps.store, option) if option and not option.startswith(
            HELP_PREFIX) else None
        if row is None:
            self.notify("Highlight one of the trainee's sessions first.")
            return
        self.app.push_screen(GrowthScreen(self.helps.store, str(row["trainee_id"]),
                                          me=self.me, role="trainer",
                                          criterion_names=self.criterion_names))

    def _highlighted(self) -> str:
        sessions = self.query_one("#sessions", OptionList)
        if sessions.highlighted is None:
            return ""
        return sessions.get_option_at_index(sessions.highlighted).id or ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen session, or the session a request is about."""
        option = event.option.id or ""
        if not option.startswith(HELP_PREFIX):
            return  # the list's own handler opens it
        event.prevent_default()  # not a session id: the base class must not open it
        session = option.split(":", 2)[2]
        if session:
            self.app.push_screen(self.open_session(session))
        else:
            self.notify("They asked to talk: get in touch, then press a to mark it"
                        " answered.")

    def action_answered(self) -> None:
        """Mark the highlighted request answered (it leaves the top of the list)."""
        option = self._highlighted()
        if not option.startswith(HELP_PREFIX):
            self.notify("Highlight a request to talk first.")
            return
        try:
            self.helps.answer(option.split(":", 2)[1], self.me)
        except (HelpError, StoreError) as exc:
            self.notify(f"It could not be marked just now ({exc}).", severity="error")
            return
        self.notify("Marked answered.")
        self.refill()
