"""A cohort's certification at a glance: per trainee, the assessed sessions signed off
(with both verdicts, an override marked) and those still open. Read only: a session is
signed off in its review (``s``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from simulator.records.signoff import SignOffs, Standing, verdict_words
from simulator.records.sql_store import SqlStore
from simulator.tui.text import clean
from simulator.tui.widgets.footer import KeysFooter


def certification_text(standing: list[Standing]) -> Text:
    """Each trainee, then each of their assessed sessions."""
    text = Text()
    for item in standing:
        text.append(f"{clean(item.trainee_id)}: {len(item.signed)} signed off,"
                    f" {len(item.open)} open\n", "bold")
        for session, last in item.signed:
            scored = "pass" if session["passed"] else "not passed"
            override = ", override" if last.overrides else ""
            text.append(f"  {clean(str(session['scenario_id']))}  scored {scored}; signed off"
                        f" {verdict_words(last.verdict)} by {clean(last.trainer)}{override}\n")
        for session in item.open:
            scored = "pass" if session["passed"] else "not passed"
            text.append(f"  {clean(str(session['scenario_id']))}  scored {scored}; open"
                        f" (session {clean(str(session['id']))})\n")
    return text if standing else Text("No one is in this cohort yet.")


class CertificationScreen(Screen[None]):
    """Assessments signed off and still open, per trainee of one cohort."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, store: SqlStore, cohort_id: str) -> None:
        super().__init__()
        self.store = store
        self.cohort_id = cohort_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="certification-box"):
            yield Static(id="certification")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Certification: cohort {self.cohort_id}"
        standing = SignOffs(self.store).certification(self.cohort_id)
        self.query_one("#certification", Static).update(certification_text(standing))
        self.query_one("#certification-box", VerticalScroll).focus()

    def action_back(self) -> None:
        """Back to the cohort's sessions."""
        self.dismiss(None)
