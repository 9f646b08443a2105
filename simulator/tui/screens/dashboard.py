"""The trainer's cohort dashboard: a table of trainees and text charts of the cohort.

Figures come from :mod:`simulator.records.cohort_queries`, the same place the HTML
report reads them, so the two never disagree. Charts are drawn with block characters
and always carry their numbers, so nothing depends on colour.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from simulator.records.cohort_queries import CohortDashboard
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import KeysFooter
from simulator.wording.scores import score

BAR = 20
LIVE_SECONDS = 10.0  # how often a live dashboard (one that can reload) looks again


def bar(share: float, width: int = BAR) -> str:
    """A bar of ``width`` cells, filled in proportion to ``share`` (0..1)."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "█" * filled + "░" * (width - filled)


def charts(board: CohortDashboard) -> Text:
    """Spread of each criterion, pass rates, progress and safety-gate events, as text."""
    text = Text()
    text.append("Spread of each criterion", "bold")
    text.append("  (sessions at level 0 / 1 / 2 / 3, and the cohort mean)\n")
    for spread in board.criteria:
        most = max(spread.histogram) or 1
        cells = "  ".join(f"{lvl}:{bar(n / most, 6)} {n:>3}"
                          for lvl, n in enumerate(spread.histogram))
        text.append(clean(f"{spread.name[:28]:<28} {cells}  mean {spread.mean:.2f}\n"))
    text.append("\nPass rates by scenario\n", "bold")
    for rate in board.pass_rates:
        text.append(clean(f"{rate.scenario_id[:28]:<28} {bar(rate.rate)} {rate.passed} of"
                          f" {rate.completed} passed\n"))
    text.append("\nProgress over attempts (mean overall score, 0-3)\n", "bold")
    for point in board.progress:
        text.append(f"attempt {point.attempt:<3} {bar(point.mean_overall / 3)}"
                    f" {point.mean_overall:.2f} over {point.sessions} session(s)\n")
    text.append("\nSafety-gate events\n", "bold")
    if not board.gates:
        text.append("none\n")
    for event in board.gates:
        text.append(clean(f"{event.at}  {event.trainee_id}  {event.scenario_id}  {event.gate}"
                          f" ({event.event})\n"))
    return text


class DashboardScreen(Screen[None]):
    """One cohort at a glance."""

    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "app.quit", "Quit"),
                Binding("r", "refresh", "Refresh"), Binding("v", "review", "Review sessions")]

    def __init__(self, board: CohortDashboard,
                 reload: Callable[[], CohortDashboard] | None = None,
                 review: Callable[[], Screen[None]] | None = None,
                 who: Callable[[str], str] = str,
                 waiting: Callable[[], list[str]] | None = None,
                 counting: str = "") -> None:
        super().__init__()
        self.who = who  # a trainee's roster name beside the id (the trainer's side only)
        self.counting = counting  # which sessions the figures count, in words
        self.board = board
        #: who is waiting to talk (and sessions that need a word), shown first
        self.waiting = waiting or (lambda: [])
        self.reload = reload  # given when trainees may be practising right now
        self.review = review  # given when the trainer can open sessions for review here

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer refresh and review only where they can be done."""
        if action == "refresh":
            return self.reload is not None
        if action == "review":
            return self.review is not None
        return True

    def action_review(self) -> None:
        """The cohort's sessions, to open one for review."""
        if self.review is not None:
            self.app.push_screen(self.review())

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dashboard"):
            yield Static(self._title(), id="cohort-title")
            yield Static(id="waiting")
            yield DataTable(id="trainees", cursor_type="row", zebra_stripes=True)
            yield Static(charts(self.board), id="charts")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Cohort dashboard"
        table = self.query_one("#trainees", DataTable)
        table.add_columns("Trainee", "Started", "Done", "Passed", "Best", "Last active",
                          "Gates")
        self._fill()
        self._show_waiting()
        table.focus()
        if self.reload is not None:
            self.set_interval(LIVE_SECONDS, self.action_refresh)

    def action_refresh(self) -> None:
        """Look at the records again (trainees in a served class practise meanwhile)."""
        if self.reload is None:
            return
        self.board = self.reload()
        self.query_one("#cohort-title", Static).update(self._title())
        self._show_waiting()
        self.query_one("#charts", Static).update(charts(self.board))
        self._fill()

    def _show_waiting(self) -> None:
        """Requests to talk and sessions' notices, before everything else (the line is
        hidden while no one is waiting)."""
        lines = self.waiting()
        text = Text(f"Waiting to talk ({len(lines)}):\n", "bold")
        for line in lines:
            text.append("  " + clean(line) + "\n")
        shown = self.query_one("#waiting", Static)
        shown.update(text)
        shown.display = bool(lines)

    def _title(self) -> Text:
        return Text.assemble(("Cohort ", "bold"), clean(self.board.title),
                             f"   {self.board.members} trainees,"
                             f" {self.board.sessions} completed sessions",
                             f"\ncounting {self.counting}" if self.counting else "")

    def _fill(self) -> None:
        table = self.query_one("#trainees", DataTable)
        table.clear()
        for row in self.board.trainees:
            best = "-" if row.best_overall is None else score(row.best_overall)
            table.add_row(literal(self.who(row.trainee_id)), str(row.started), str(row.completed),
                          str(row.passed), best, literal(row.last_activity or "-"),
                          str(row.gate_events), key=row.trainee_id)

    def action_back(self) -> None:
        """Close the dashboard (quits when it was opened on its own)."""
        if len(self.app.screen_stack) > 2:
            self.dismiss(None)
        else:
            self.app.exit()
