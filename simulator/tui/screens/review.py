"""Supervision in the app: one session with its scores, reasons and comment threads.

The same screen serves both sides. A trainer comments on a turn (a strength, a
question or a suggestion), writes an overall note, flags a score ("I disagree",
with a reason), asks co-reflection prompts and replies. The trainee replies, answers
the prompts, flags a score from their side and proposes the line they would rather
have said. Everything anyone wrote is their own text and is shown literally.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.practice.supervision import SessionView, TurnView, session_view
from simulator.records import StoreError
from simulator.records.peer_review import PeerReviews, stance_words
from simulator.records.resolutions import Resolution, ResolutionError, Resolutions
from simulator.records.review import PROMPTS, Entry, ReviewError, Reviews
from simulator.records.signoff import SignOffError, SignOffs
from simulator.tui.certify_text import (
    SIGN_OFF_CHOICES,
    resolution_text,
    resolve_choices,
    signoff_text,
)
from simulator.tui.screens.write import Submit, WriteScreen
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import KeysFooter
from simulator.wording import passed_text
from simulator.wording.scores import score

if TYPE_CHECKING:
    from simulator.loading.library import Library
    from simulator.records.sql_store import SqlStore

COMMENT_CHOICES = [("strength", "A strength: name the skill you saw"),
                   ("question", "A question: ask for their view"),
                   ("suggestion", "A suggestion: something to try")]
_KIND_WORDS = {"strength": "Strength", "question": "Question", "suggestion": "Suggestion",
               "note": "Overall note", "reply": "Reply", "flag": "I disagree",
               "prompt": "Co-reflection prompt", "answer": "Answer",
               "proposal": "Line I would rather say"}


def _entry_text(entry: Entry, depth: int, resolved: Resolution | None = None,
                stance: str | None = None) -> Text:
    head = _KIND_WORDS.get(entry.kind, entry.kind)
    if entry.kind == "flag" and entry.criterion:
        head += f" ({entry.criterion})"
    text = Text("    " * depth + "  ")
    role = f"{entry.role}, {stance_words(stance)}" if stance else entry.role
    text.append(f"{head} · {clean(entry.author)} ({role}): ", "bold")
    text.append(clean(entry.body))
    text.append_text(resolution_text(resolved, depth))
    return text


def _turn_text(view: SessionView, turn: TurnView) -> Text:
    text = Text()
    text.append(f"Turn {turn.index + 1}. {clean(view.person)}: ", "bold")
    text.append(clean(turn.says) + "\n")
    judged = f"judged {turn.band}" + ("; SAFETY GATE" if turn.safety else "")
    for part in turn.parts:
        text.append("  " + clean(part.heading()), "italic")
        if line := part.judged(judged):
            text.append("\n" + ("    " if part.label else "  ") + line, "dim")
        for line in part.lines():
            text.append(f"\n    {clean(line)}", "dim")
        text.append("\n")
    if len(turn.parts) > 1:
        text.append(f"  {judged} as a whole", "dim")
    text.rstrip()
    return text


class SessionReviewScreen(Screen[None]):
    """One session for review; ``me`` signs what is written here (see the two below)."""

    BINDINGS = [Binding("escape", "back", "Back")]
    role = "trainer"

    def __init__(self, store: SqlStore, session_id: str, library: Library | None, *,
                 me: str, story_texts: list[str] | None = None,
                 who: Callable[[str], str] = str) -> None:
        super().__init__()
        self.who = who  # the trainee by name beside the id: given on the trainer's side only
        self.store = store
        self.session_id = session_id
        self.library = library
        self.me = me
        self.story_texts = story_texts or []
        self.reviews = Reviews(store)
        self.view: SessionView | None = None
        self.resolved: dict[str, Resolution] = {}
        self.stances: dict[str, str] = {}  # each entry's stated role (peer_review.py)
        #: words typed and put aside, by dialog title (in memory only, never on disk)
        self.drafts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="review-head")
        yield OptionList(markup=False, id="review-items")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Supervision"
        self.reload()
        self.query_one("#review-items", OptionList).focus()

    def reload(self) -> None:
        """Read the session and its threads again, keep the highlight, mark all as read."""
        view = session_view(self.store, self.session_id, self.library)
        self.view = view
        self.resolved = Resolutions(self.store).of_session(self.session_id)
        self.stances = PeerReviews(self.store).stances(self.session_id)
        verdict = "not finished" if view.overall is None else \
            f"overall {score(view.overall)}, {passed_text(view.passed)}"
        self.query_one("#review-head", Static).update(Text.assemble(
            (clean(view.title), "bold"), f"   trainee {clean(self.who(view.trainee_id))}"
            f"   {view.mode}   {verdict}",
            signoff_text(SignOffs(self.store).latest(self.session_id))))
        items = self.query_one("#review-items", OptionList)
        keep = items.highlighted
        items.clear_options()
        for turn in view.turns:
            items.add_option(Option(_turn_text(view, turn), id=f"turn:{turn.index}"))
            self._add_threads(items, turn.threads, 0)
        items.add_option(Option(Text("The whole session", "bold"), id="session"))
        self._add_threads(items, view.threads, 0)
        items.highlighted = min(keep or 0, items.option_count - 1)
        unread = [e for e in view.entries() if e.author != self.me]
        if unread:
            with suppress(StoreError):  # a failure only shows a "new" marker once more
                self.reviews.mark_read(self.me, unread)

    def _add_threads(self, items: OptionList, entries: list[Entry], depth: int) -> None:
        for entry in entries:
            items.add_option(Option(_entry_text(entry, depth, self.resolved.get(entry.id),
                                                self.stances.get(entry.id)),
                                    id=f"entry:{entry.id}"))
            self._add_threads(items, entry.replies, depth + 1)

    # -- what is highlighted ------------------------------------------------------------------
    def target(self) -> tuple[int | None, Entry | None]:
        """(the turn, the entry) the highlighted line is about."""
        items = self.query_one("#review-items", OptionList)
        if items.highlighted is None:
            return None, None
        option_id = items.get_option_at_index(items.highlighted).id or ""
        if option_id.startswith("turn:"):
            return int(option_id.removeprefix("turn:")), None
        if option_id.startswith("entry:"):
            entry = self.reviews.entry(option_id.removeprefix("entry:"))
            return entry.turn, entry
        return None, None

    def write(self, kind: str, body: str, *, turn: int | None = None,
              parent: Entry | None = None, criterion: str | None = None) -> str | None:
        """Record an entry; why it was refused (in plain words), or None once saved."""
        try:
            self.reviews.add(self.session_id, kind=kind, author=self.me, role=self.role,
                             body=body, turn=turn, parent_id=parent.id if parent else None,
                             criterion=criterion, story_texts=self.story_texts)
        except (ReviewError, StoreError) as exc:
            reason = str(exc).rstrip(".") + "."
            return reason[0].upper() + reason[1:]
        self.reload()
        self.notify("Saved.")
        return None

    def _ask(self, title: str, choices: list[tuple[str, str]] | None,
             then: Submit) -> None:
        """Ask for words; ``then`` saves them while the dialog is open, so a refusal
        leaves the words in it with the reason. Words typed and then put aside (escape)
        come back when the same dialog is opened again, while the app runs."""

        def save(choice: str, body: str) -> str | None:
            refused = then(choice, body)
            if refused is None:
                self.drafts.pop(title, None)
            return refused

        def keep(body: str) -> None:
            self.drafts[title] = body

        self.app.push_screen(WriteScreen(title, choices, self.drafts.get(title, ""),
                                         submit=save, keep=keep))

    # -- actions ------------------------------------------------------------------------------
    def action_comment(self) -> None:
        """A strength, question or suggestion on the highlighted turn (or the session)."""
        turn, _entry = self.target()
        where = f"turn {turn + 1}" if turn is not None else "the whole session"
        self._ask(f"Comment on {where}", COMMENT_CHOICES,
                  lambda kind, body: self.write(kind, body, turn=turn))

    def action_note(self) -> None:
        """An overall note on the session."""
        self._ask("Overall note on the session", None,
                  lambda _k, body: self.write("note", body))

    def action_flag(self) -> None:
        """"I disagree" with a score of the highlighted turn, with a reason."""
        turn, _entry = self.target()
        if turn is None or self.view is None:
            self.notify("Highlight the turn whose score you disagree with.")
            return
        scored = self.view.turns[turn].choices()
        choices = [("", "The turn as a whole")] + [(str(i), name)
                                                    for i, (_c, name, _p) in enumerate(scored)]

        def flag(which: str, body: str) -> str | None:
            if not which:
                return self.write("flag", body, turn=turn)
            cid, _name, part = scored[int(which)]
            on = f"On the {part.label.lower()}: " if part.label else ""  # which focus 2/3
            return self.write("flag", on + body, turn=turn, criterion=cid)

        self._ask(f"I disagree with a score of turn {turn + 1}: which, and why?", choices,
                  flag)

    def action_prompts(self) -> None:
        """Ask the two co-reflection prompts about the highlighted turn (or the session)."""
        turn, _entry = self.target()
        for prompt in PROMPTS:
            refused = self.write("prompt", prompt, turn=turn)
            if refused:
                self.notify(refused, title="Not saved", severity="error", timeout=15)
                return

    def action_reply(self) -> None:
        """Reply to the highlighted comment (an answer, when it is a prompt)."""
        _turn, entry = self.target()
        if entry is None:
            self.notify("Highlight the comment to reply to.")
            return
        while entry.parent_id:  # reply to the thread, not to a reply
            entry = self.reviews.entry(entry.parent_id)
        kind = "answer" if entry.kind == "prompt" and self.role == "trainee" else "reply"
        title = ("Your answer: " + entry.body) if kind == "answer" else "Your reply"
        self._ask(title, None, lambda _k, body: self.write(kind, body, parent=entry))

    def action_propose(self) -> None:
        """The line you would rather have said at the highlighted turn."""
        turn, _entry = self.target()
        if turn is None:
            self.notify("Highlight the turn you would say differently.")
            return
        self._ask(f"What would you rather have said at turn {turn + 1}? (your own words)",
                  None, lambda _k, body: self.write("proposal", body, turn=turn))

    def action_back(self) -> None:
        """Back to where you were."""
        self.dismiss(None)


class TrainerReviewScreen(SessionReviewScreen):
    """A trainer's review: comment, note, flag, prompts, reply; sign off an assessed
    session; resolve a flag or a proposed line."""

    BINDINGS = [Binding("c", "comment", "Comment"), Binding("n", "note", "Note"),
                Binding("g", "flag", "Disagree"), Binding("p", "prompts", "Prompts"),
                Binding("r", "reply", "Reply"), Binding("s", "sign_off", "Sign off"),
                Binding("d", "resolve", "Resolve")]
    role = "trainer"

    def _saved(self, do: Callable[[], object]) -> str | None:
        """Run one certification write; why it was refused, or None once saved."""
        try:
            do()
        except (SignOffError, ResolutionError, ReviewError, StoreError) as exc:
            reason = str(exc).rstrip(".") + "."
            return reason[0].upper() + reason[1:]
        self.reload()
        self.notify("Saved.")
        return None

    def action_sign_off(self) -> None:
        """Pass or not yet, with the reason the trainee reads (beside the scored verdict)."""
        signs = SignOffs(self.store)
        scored = "" if self.view is None or self.view.passed is None else \
            f" (scored: {passed_text(self.view.passed)})"
        self._ask(f"Sign off this session{scored}: your verdict, and why", SIGN_OFF_CHOICES,
                  lambda verdict, reason: self._saved(lambda: signs.sign(
                      self.session_id, verdict=verdict, reason=reason, trainer=self.me,
                      story_texts=self.story_texts)))

    def action_resolve(self) -> None:
        """Accept or decline the highlighted flag, or say what became of a proposed line."""
        _turn, entry = self.target()
        while entry is not None and entry.parent_id:
            entry = self.reviews.entry(entry.parent_id)
        if entry is None or entry.kind not in ("flag", "proposal"):
            self.notify("Highlight a flag or a proposed line to resolve.")
            return
        found = entry

        def resolve(choice: str, reason: str) -> str | None:
            state, _sep, level = choice.partition(":")
            return self._saved(lambda: Resolutions(self.store).resolve(
                found.id, state=state, reason=reason, by=self.me,
                level=int(level) if level else None, story_texts=self.story_texts))

        what = "flag" if found.kind == "flag" else "proposed line"
        self._ask(f"Resolve this {what}: your decision, and the reason the trainee reads",
                  resolve_choices(found.kind, found.criterion), resolve)


class TraineeReviewScreen(SessionReviewScreen):
    """The trainee's side: reply or answer, flag a score, propose a line."""

    BINDINGS = [Binding("r", "reply", "Reply or answer"), Binding("g", "flag", "I disagree"),
                Binding("l", "propose", "My line")]
    role = "trainee"


class SessionsScreen(Screen[None]):
    """A list of sessions to review; enter opens one. ``rows`` is read again on return."""

    BINDINGS = [Binding("escape", "back", "Back"), Binding("q", "back", "Back", show=False)]

    def __init__(self, title: str, rows: Callable[[], list[tuple[str, Text]]],
                 open_session: Callable[[str], Screen[None]], *, quits: bool = False,
                 first: str | None = None) -> None:
        super().__init__()
        self.first = first  # a session to open at once
        self.title_text = title
        self.rows = rows
        self.open_session = open_session
        self.quits = quits

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(literal(self.title_text, "bold"), id="sessions-title")
        yield OptionList(markup=False, id="sessions")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Supervision"  # not the trainee's "practise strategic storytelling"
        self.refill()
        self.query_one("#sessions", OptionList).focus()
        if self.first and self.first in {session_id for session_id, _label in self.rows()}:
            self.app.push_screen(self.open_session(self.first))
        elif self.first:
            self.notify(f"There is no session {self.first} in this list.", severity="warning",
                        markup=False)

    def on_screen_resume(self) -> None:
        """Counts change once a session has been read or commented on."""
        self.refill()

    def refill(self) -> None:
        """The rows as they are now."""
        sessions = self.query_one("#sessions", OptionList)
        keep = sessions.highlighted
        sessions.clear_options()
        for session_id, label in self.rows():
            sessions.add_option(Option(label, id=session_id))
        if sessions.option_count:
            sessions.highlighted = min(keep or 0, sessions.option_count - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the chosen session."""
        self.app.push_screen(self.open_session(event.option.id or ""))

    def action_back(self) -> None:
        """Back (or quit, when this is the first screen)."""
        if self.quits:
            self.app.exit()
        else:
            self.dismiss(None)
