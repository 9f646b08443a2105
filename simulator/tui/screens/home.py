"""Home: who you are, the scenario library, the deck and mode, and what to resume."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from simulator.library_index import ScenarioCard
from simulator.records import StoreError
from simulator.records.assignments import AssignmentError
from simulator.tui.context import AppContext
from simulator.tui.text import clean, literal
from simulator.tui.waiting import QUICK
from simulator.tui.widgets.footer import KeysFooter
from simulator.wording import passed_text
from simulator.wording.scores import count, score

if TYPE_CHECKING:
    from simulator.model import Scenario
    from simulator.records.assignments import Progress


class HomeScreen(Screen[None]):
    """The scenario library and the trainee's own settings."""

    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("m", "mode", "Mode"),
        Binding("d", "deck", "Decks"),
        Binding("r", "resume", "Resume"),
        Binding("h", "history", "Past"),  # "History" would push Help past 80 columns
        Binding("e", "own_deck", "My deck"),
        Binding("i", "identity", "Who"),
        Binding("v", "supervision", "Notes", show=False),
        Binding("g", "growth", "Growth", show=False),
        Binding("w", "peer_review", "Peer review", show=False),
        Binding("p", "problems", "Problems", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._told = False  # about the library's problems
        self._tasks: list[Progress] = []  # open assignments, read at each redraw
        self._resumed = False  # the first resume: on_mount draws the view

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="whoami")
        yield Static(id="assigned")
        with Horizontal(id="home-body"):
            yield DataTable(id="library", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail-box"):
                yield Static(id="detail")
        yield KeysFooter(show_command_palette=False)  # ctrl+p is in the help: room at 80

    def on_mount(self) -> None:
        table = self.query_one("#library", DataTable)
        # easiest first; each one's level is in the detail panel, so the table fits 80 columns
        table.add_columns("Scenario", "Tries", "Best")
        self.refresh_view()
        table.focus()
        if waiting := len(self.ctx.store.unfinished(self.ctx.trainee_id)):
            which = "it" if waiting == 1 else "one"
            sessions = count(waiting, "an unfinished session", "unfinished sessions")
            self.notify(f"You have {sessions}. Press r to resume {which}.")
        if self.ctx.library_ready:
            self.library_checked()

    @work(thread=True, exclusive=True, group="notes")
    def check_notes(self) -> None:
        """Say whether the trainer left new notes; called once the first frame is on
        screen (or a fresh home screen is up). The review screens are imported here, on
        a worker thread (some 90 ms of CPU); the store is asked on the app's thread, as
        everything else on this screen asks it."""
        from simulator.tui.launch_review import new_notes

        self.app.call_from_thread(self._tell_new_notes, new_notes)

    def _tell_new_notes(self, new_notes: Callable[[AppContext], int]) -> None:
        if count := new_notes(self.ctx):
            self.notify(f"Your trainer left {count} new note{'s' if count > 1 else ''} on"
                        " your sessions. Press v to read and reply.", timeout=15)

    def library_checked(self) -> None:
        """The checked library is in: redraw, and say once if it has problems."""
        self.refresh_view()
        if self.ctx.problems and not self._told:
            self._told = True
            count = len(self.ctx.problems)
            self.notify(f"The scenario library has {count} problem{'s' if count != 1 else ''}"
                        " (scenarios with errors cannot be started). Press p to see them.",
                        severity="warning", timeout=12)

    def on_screen_resume(self) -> None:
        """Attempts may have changed while a conversation was open. The first resume
        comes with the screen's mount, which draws the view itself: drawing it twice
        (two queries, the table filled twice) was a cost before the first frame."""
        if not self._resumed:
            self._resumed = True
            return
        self.refresh_view()

    def scenarios(self) -> list[ScenarioCard]:
        """The library, easiest first, then by title; featured ones (an author's own,
        when play-testing) before all the rest, so the one they are writing is at hand."""
        order = {"introductory": 0, "intermediate": 1, "advanced": 2}
        featured = self.ctx.featured
        return sorted(self.ctx.cards(), key=lambda s: (s.id not in featured,
                                                       order.get(s.difficulty, 3),
                                                       s.title.lower()))

    def refresh_view(self) -> None:
        """Redraw the status line and the library table."""
        deck_name = "the scenario's practice deck"
        if self.ctx.deck_id is not None:
            decks = self.ctx.decks()
            if self.ctx.deck_id in decks:
                deck_name = decks[self.ctx.deck_id].title
        self.query_one("#whoami", Static).update(Text.assemble(
            ("You: ", "bold"), clean(self.ctx.trainee_id),
            ("   Mode: ", "bold"), self.ctx.mode, ("   Deck: ", "bold"), clean(deck_name)))
        self._show_assigned()
        table = self.query_one("#library", DataTable)
        row = table.cursor_row
        table.clear()
        attempts = {a.scenario_id: a for a in self.ctx.store.attempts(self.ctx.trainee_id)}
        for scenario in self.scenarios():
            tried = attempts.get(scenario.id)
            best = "-"
            if tried and tried.best_overall is not None:
                best = f"{score(tried.best_overall)} " + passed_text(tried.ever_passed)
            if not self.startable(scenario):
                best = "problems"
            table.add_row(literal(scenario.title), str(tried.attempts if tried else 0), best,
                          key=scenario.id)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
            self.show_detail(self.selected())

    def assigned(self) -> list[Progress]:
        """What a trainer assigned this trainee that is not done yet (none when the
        store cannot say just now)."""
        from simulator.records.assignments import Assignments

        try:
            return [p for p in Assignments(self.ctx.store).for_trainee(self.ctx.trainee_id)
                    if p.state != "done"]
        except StoreError:
            return []

    def _show_assigned(self) -> None:
        """The assignments line: each open one, its due date, and how to start it."""
        self._tasks = open_ones = self.assigned()
        titles = {c.id: c.title for c in self.ctx.cards()}
        text = Text("Assigned: ", "bold")
        text.append("; ".join(
            f"{clean(titles.get(p.assignment.scenario_id, p.assignment.scenario_id))},"
            f" due {p.assignment.due}{' (past due)' if p.overdue else ''}"
            for p in open_ones))
        shown = self.query_one("#assigned", Static)
        shown.update(text)
        shown.display = bool(open_ones)

    def _assignment_for(self, scenario_id: str) -> Progress | None:
        return next((p for p in self._tasks if p.assignment.scenario_id == scenario_id), None)

    def selected(self) -> ScenarioCard | None:
        """The highlighted scenario's card."""
        table = self.query_one("#library", DataTable)
        if not table.row_count:
            return None
        key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        return next((c for c in self.ctx.cards() if c.id == key), None)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        """Show the highlighted scenario's details."""
        self.show_detail(self.selected())

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        """Enter on a row starts it."""
        self.action_start()

    def show_detail(self, scenario: ScenarioCard | None) -> None:
        """Summary, person, content notes."""
        if scenario is None:
            return
        text = Text()
        text.append(clean(scenario.title) + "\n", "bold")
        text.append(clean(scenario.summary.strip()) + "\n\n")
        text.append("Level: ", "bold")
        text.append(clean(scenario.difficulty) + "\n")
        text.append("Who: ", "bold")
        text.append(clean(scenario.person) + "\n")
        if scenario.setting:
            text.append("Where: ", "bold")
            text.append(clean(scenario.setting) + "\n")
        if scenario.trains:
            text.append("Practises: ", "bold")
            text.append(clean(scenario.trains.strip()) + "\n")
        if scenario.content_notes:
            text.append("Content notes: ", "bold")
            text.append(clean(", ".join(scenario.content_notes)) + "\n")
        if scenario.has_risk:
            text.append("Includes a safety moment.\n", "bold")
        if (task := self._assignment_for(scenario.id)) is not None:
            text.append(f"\nAssigned by {clean(task.assignment.assigned_by)}, due"
                        f" {task.assignment.due}: starting it records an assessment (feedback"
                        " at the end), whatever your mode.\n", "bold")
        if not self.startable(scenario):
            text.append("\nThis scenario has problems in its files and cannot be started"
                        " until they are fixed. Press p to see them.\n", "bold")
        self.query_one("#detail", Static).update(text)

    def startable(self, card: ScenarioCard) -> bool:
        """False for a scenario kept out of the library because of its problems."""
        return card.startable and card.id not in self.ctx.blocked

    # -- actions ----------------------------------------------------------------------------
    def action_start(self) -> None:
        """Start the highlighted scenario (after its content notes, if any)."""
        from simulator.tui.screens.notes import ContentNotesScreen

        card = self.selected()
        if card is None:
            return
        if not self.startable(card) or card.id not in self.ctx.library.scenarios:
            self.notify(f"{card.title} has problems in its files and cannot be started until"
                        " they are fixed. Press p to see them.", severity="warning")
            return
        scenario = self.ctx.library.scenario(card.id)
        if scenario.content_notes or scenario.has_risk():
            self.app.push_screen(ContentNotesScreen(scenario),
                                 lambda go: self.begin(scenario) if go else None)
        else:
            self.begin(scenario)

    def begin(self, scenario: Scenario) -> None:
        """A new session, recorded from its first moment."""
        from simulator.tui import flow

        task = self._assignment_for(scenario.id)
        try:
            with self.ctx.store.patience(QUICK):
                if task is not None:  # an assessment, whatever the mode setting
                    practice = self.ctx.sessions.start_assigned(
                        self.ctx.engine(scenario), trainee_id=self.ctx.trainee_id,
                        assignment_id=task.assignment.id)
                else:
                    practice = self.ctx.sessions.start(self.ctx.engine(scenario),
                                                       trainee_id=self.ctx.trainee_id,
                                                       mode=self.ctx.mode)
        except (StoreError, AssignmentError) as exc:
            self.notify(f"Could not start: {exc}", severity="error", markup=False)
            return
        flow.play(self.app, self.ctx, practice)

    def action_mode(self) -> None:
        """Practice (feedback after each choice) or assessment (feedback at the end)."""
        self.ctx.mode = "assessment" if self.ctx.mode == "practice" else "practice"
        self._remember()
        self.refresh_view()
        self.notify(f"Mode: {self.ctx.mode}")

    def _remember(self) -> None:
        if not self.ctx.remember():
            self.notify("Your choice holds for now, but it could not be kept for next time"
                        " (the data folder cannot be written).", severity="warning")

    def action_deck(self) -> None:
        """Browse the decks and choose the one to share from."""
        from simulator.tui.screens.decks import DecksScreen

        self.app.push_screen(DecksScreen(self.ctx), self._deck_chosen)

    def _deck_chosen(self, deck_id: str | None) -> None:
        if deck_id is None:
            return
        self.ctx.deck_id = deck_id or None
        self._remember()
        self.refresh_view()

    def action_resume(self) -> None:
        """Pick an unfinished session to carry on (or discard)."""
        from simulator.tui.screens.resume import ResumeScreen

        pending = self.ctx.store.unfinished(self.ctx.trainee_id)
        if not pending:
            self.notify("Nothing to resume: every session is finished.")
            return
        library = self.ctx.library
        titles = {s.scenario_id: library.scenario(s.scenario_id).title for s in pending
                  if s.scenario_id in library.scenarios}
        self.app.push_screen(ResumeScreen(pending, titles, self._discard), self._resume)

    def _discard(self, session_id: str) -> bool:
        try:
            self.ctx.sessions.discard(session_id)
        except StoreError as exc:
            self.notify(f"It could not be discarded just now ({exc}).", severity="error",
                        markup=False)
            return False
        self.notify("Discarded. It will not be offered again.")
        return True

    def _resume(self, session_id: str | None) -> None:
        from simulator.tui import flow

        if not session_id:
            return
        summary = next((s for s in self.ctx.store.unfinished(self.ctx.trainee_id)
                        if s.session_id == session_id), None)
        if summary is None:
            return
        if summary.scenario_id in self.ctx.blocked:
            self.notify("That scenario has problems in its files and cannot be carried on"
                        " until they are fixed; your choices are kept. Press p to see them.",
                        severity="warning")
            return
        if summary.scenario_id not in self.ctx.library.scenarios:
            self.notify("That scenario is no longer installed. Press r, then x, to discard"
                        " the session.", severity="error")
            return
        flow.resume(self.app, self.ctx, session_id)

    def action_history(self) -> None:
        """Every session played: reopen a debrief (and replay from a turn), or carry on."""
        from simulator.tui.screens.history import HistoryScreen

        try:
            unfinished = {s.session_id for s in self.ctx.store.unfinished(self.ctx.trainee_id)}
            played = [s for s in self.ctx.store.sessions(self.ctx.trainee_id)
                      if s.completed_at is not None or s.session_id in unfinished]
        except StoreError as exc:
            self.notify(f"Your sessions cannot be read just now ({exc}).", severity="error",
                        markup=False)
            return
        library = self.ctx.library
        titles = {s.scenario_id: library.scenario(s.scenario_id).title for s in played
                  if s.scenario_id in library.scenarios}

        def opened(session_id: str | None) -> None:
            from simulator.tui import flow

            if not session_id:
                return
            if session_id in unfinished:
                self._resume(session_id)
                return
            summary = next(s for s in played if s.session_id == session_id)
            if summary.scenario_id not in library.scenarios \
                    or summary.scenario_id in self.ctx.blocked:
                self.notify("That scenario is not installed, or has problems in its files,"
                            " so its debrief cannot be shown just now.", severity="warning")
                return
            flow.reopen(self.app, self.ctx, session_id)

        self.app.push_screen(HistoryScreen(played, titles), opened)

    def action_identity(self) -> None:
        """Set the trainee id (one a trainer handed out)."""
        if self.ctx.served:
            self.notify("You are signed in as yourself for this class; sign out in the"
                        " browser to change who is training.")
            return
        from simulator.tui.screens.identity import IdentityScreen

        self.app.push_screen(IdentityScreen(self.ctx.trainee_id, save=self._identified))

    def _identified(self, trainee: str) -> str | None:
        """Keep ``trainee`` as who is training; why it could not be, or None."""
        from simulator.records.identity import remember_trainee

        previous = self.ctx.trainee_id
        try:
            trainee = remember_trainee(self.ctx.store, trainee)
            if trainee != previous:
                self.ctx.switch_trainee(trainee)
        except (StoreError, OSError, ValueError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return (f"It could not be kept on this computer ({why}); try again, or ask"
                    " whoever looks after it")
        if trainee != previous:
            # a fresh home screen, once this dialog has closed: nothing the previous
            # trainee had open (drafts, undo, messages) stays in memory or on screen
            self.app.call_later(self._start_over)
        else:
            self.refresh_view()
        return None

    def _start_over(self) -> None:
        """A fresh home screen for whoever is training now: every screen above this one
        goes (with the drafts and undo it held), and so do the messages on screen, which
        can name a previous trainee's piece ("Deleted ...")."""
        app = self.app
        app.clear_notifications()
        while len(app.screen_stack) > 2:
            app.pop_screen()
        home = HomeScreen(self.ctx)
        app.switch_screen(home)
        home.call_after_refresh(home.check_notes)

    def action_supervision(self) -> None:
        """Supervision notes on your sessions: read them, reply, answer the prompts."""
        from simulator.tui.launch_review import trainee_screen

        self.app.push_screen(trainee_screen(self.ctx))

    def action_growth(self) -> None:
        """Your record of growth: each criterion over time, strengths, your goals."""
        from simulator.tui.screens.growth import GrowthScreen, criterion_names

        names = criterion_names(self.ctx.library if self.ctx.library_ready else None)
        self.app.push_screen(GrowthScreen(self.ctx.store, self.ctx.trainee_id,
                                          me=self.ctx.trainee_id, role="trainee",
                                          criterion_names=names))

    def action_peer_review(self) -> None:
        """Peer review: agree with a fellow trainee, and comment on their sessions."""
        from simulator.tui.screens.peer import PeerSessionsScreen

        self.app.push_screen(PeerSessionsScreen(self.ctx))

    def action_problems(self) -> None:
        """Every problem found in the library and your own decks."""
        from simulator.tui.screens.problems import LibraryProblemsScreen

        _ = self.ctx.library  # the problems are known once it is checked
        # the app may know better what to show (a play-test: the author's own files)
        make = getattr(self.app, "problems_screen", None)
        self.app.push_screen(make() if callable(make) else LibraryProblemsScreen(self.ctx))

    def action_own_deck(self) -> None:
        """Build or edit your own deck."""
        from simulator.tui.screens.deck_editor import DeckEditorScreen

        self.app.push_screen(DeckEditorScreen(self.ctx), lambda _r: self.refresh_view())
