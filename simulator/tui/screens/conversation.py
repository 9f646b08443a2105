"""The conversation: the person's words, and the four steps of each turn.

Listen (their words are on screen), reflect (name what you heard), select (which
fragment, if any) and share (how), plus authored lines. The screen asks the engine
what is on offer and hands each choice to the practice service, which saves it
before anything on screen changes. When the conversation ends, or the trainee
leaves, the screen returns what happened; it never opens the debrief itself.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.engine.engine import ChoiceError, Heard, Options
from simulator.engine.session import Turn
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.practice.service import Practice
from simulator.records import StoreError
from simulator.scoring.reasons import deck_titles
from simulator.tui import describe
from simulator.tui.context import AppContext
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.persona import PersonaScreen, just_said
from simulator.tui.screens.practice_view import ShowsPractice
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen
from simulator.tui.screens.transcript import TranscriptScreen
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import KeysFooter

# which step of the turn the trainee is on (each fits 80 columns), with everything there is
STEPS = "Step 1 listen · 2 reflect (f) · then 3 select + 4 share (s), or a line"


def steps_hint(options: Options, *, reflected: bool) -> str:
    """The steps of this turn, naming only what is on offer now: a beat with no
    reflection on offer never says "reflect (f)", one with no share never says "(s)"."""
    lines = bool(options.lines)
    if reflected:
        can = [*(["share (s) or hold back"] if options.can_share else []),
               *(["a line"] if lines else [])]
        if not can:
            return "Reflected ✓ · now let them go on"
        return "Reflected ✓ · now respond: " + ", ".join(can) + ", or let them go on"
    steps = ["Step 1 listen"]
    if options.can_reflect:
        steps.append("2 reflect (f)")
    after = len(steps) + 1
    if options.can_share:
        share = f"{after} select + {after + 1} share (s)"
        steps.append(f"then {share}, or a line" if lines else f"then {share}")
    elif lines:
        steps.append(f"then {after} choose a line")
    return " · ".join(steps)



FINISHED = "finished"  # the conversation reached an ending
LEFT = "left"  # the trainee left; every saved choice can be resumed


class ConversationScreen(ShowsPractice, Screen[str]):
    """One session, turn by turn. Returns :data:`FINISHED` or :data:`LEFT`."""

    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        Binding("f", "reflect", "Reflect"),
        Binding("s", "share", "Share"),
        Binding("t", "transcript", "Transcript"),
        Binding("p", "person", "Person"),
        Binding("ctrl+s", "save_again", "Save again", show=False),
        Binding("escape", "leave", "Leave"),  # saved: the help says so
        *[Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)],
    ]

    def __init__(self, ctx: AppContext, practice: Practice) -> None:
        super().__init__()
        self.ctx = ctx
        self.practice = practice
        self.unsaved: Step | None = None  # a choice the store could not take yet
        self.heard: Heard | None = None  # a reflection answered, waiting for the response
        self.offered: Options | None = None  # what the current beat offers (for the footer)

    @property
    def mode(self) -> str:
        """The session's own mode."""
        return self.practice.mode

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        with VerticalScroll(id="says-box"):
            yield Static(id="says")
        yield Static(STEPS, markup=False, id="steps")
        yield OptionList(markup=False, id="choices")
        yield KeysFooter(show_command_palette=False)  # at 80 columns, room for every key

    def on_mount(self) -> None:
        self.sub_title = clean(self.engine.scenario.title)
        self.heard = self.ctx.sessions.heard(self.practice)  # kept from before a resume
        self.refresh_turn()
        self.query_one("#choices", OptionList).focus()
        if not self.session.transcript and not self.practice.over:
            self.action_person(first=True)  # meet the whole person before the first word

    def refresh_turn(self) -> None:
        """Redraw for the current beat; open the debrief once the conversation ends."""
        if self.practice.over:
            self.dismiss(FINISHED)
            return
        status = f"{self.engine.scenario.persona.name}   {self.mode}   turn" \
                 f" {len(self.session.transcript) + 1}"
        # an assessment shows no meters: the trust meter would score each line for them
        shown = describe.indicators(self.engine, self.session) \
            if self.mode == "practice" else ""
        self.query_one("#status", Static).update(literal(f"{status}   {shown}".rstrip()))
        says = describe.says(self.engine, self.session)
        if self.heard is not None:
            says.append_text(describe.answered(self.engine, self.heard,
                                               scored=self.mode == "practice"))
        self.query_one("#says", Static).update(says)
        options = self.engine.options(self.session, self.heard)
        self.offered = options
        self.query_one("#steps", Static).update(steps_hint(options,
                                                           reflected=self.heard is not None))
        self.refresh_bindings()  # the footer shows reflect and share only when on offer
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        number = 0
        for line in options.lines:
            number += 1
            choices.add_option(Option(literal(f"{number}. {line.text.strip()}"),
                                      id=f"line:{line.id}"))
        if options.can_reflect:
            number += 1
            choices.add_option(Option(f"{number}. Reflect: say what you heard…", id="reflect"))
        if options.can_share:
            number += 1
            choices.add_option(Option(f"{number}. Share from your story (or hold back)…",
                                      id="share"))
        if self.heard is not None:
            number += 1
            choices.add_option(Option(f"{number}. Say no more for now: let them go on",
                                      id="go-on"))
        # nothing preselected: the order is shuffled per session, and the first line is
        # no more likely to be the right one than any other
        choices.highlighted = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reflect and share keys are shown (and work) only when the beat offers them."""
        if self.offered is not None:
            if action == "reflect":
                return self.offered.can_reflect
            if action == "share":
                return self.offered.can_share
        return True

    # -- choosing -----------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a choice."""
        self.take(event.option.id or "")

    def action_pick(self, number: int) -> None:
        """A number key picks that choice."""
        choices = self.query_one("#choices", OptionList)
        if 1 <= number <= choices.option_count:
            self.take(choices.get_option_at_index(number - 1).id or "")

    def take(self, choice: str) -> None:
        """Act on a choice id from the list."""
        if choice.startswith("line:"):
            self.choose(Step(line=choice.removeprefix("line:")))
        elif choice == "reflect":
            self.action_reflect()
        elif choice == "share":
            self.action_share()
        elif choice == "go-on" and self.heard is not None:
            self.choose(Step(reflect=self.heard.step))

    def action_reflect(self) -> None:
        """Open the reflect step."""
        beat = self.engine.beat(self.session)
        options = self.engine.options(self.session, self.heard)
        if beat is None or not options.can_reflect:
            already = " You have reflected; now respond." if self.heard else ""
            self.notify(f"Reflecting is not on offer at this moment.{already}")
            return
        prompt = beat.reflect.prompt if beat.reflect is not None else ""
        here = self.session.state
        readings = self.ctx.library.acceptance_terms("readings")
        screen = ReflectScreen(prompt, [(t, self.engine.label(t)) for t in options.reflect_themes],
                               said=just_said(self.engine, self.session),
                               readings=describe.readings_for(self.engine, here, readings),
                               disclosed=describe.disclosed_words(self.engine, here))
        self.app.push_screen(screen, self._reflected)

    def _reflected(self, step: ReflectStep | None) -> None:
        """The person answers the reflection; the turn waits for the response."""
        if step is None:
            return
        try:
            self.heard = self.ctx.sessions.reflect(self.practice, step)
        except ChoiceError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        except StoreError as exc:
            self.notify(f"Your reflection could not be saved yet ({exc}). Try it again in"
                        " a moment.", severity="error", timeout=30, markup=False)
            return
        self.refresh_turn()

    def action_share(self) -> None:
        """Open the select-and-share step."""
        beat = self.engine.beat(self.session)
        options = self.engine.options(self.session, self.heard)
        if beat is None or not options.can_share:
            self.notify("Sharing is not on offer at this moment.")
            return
        prompt = beat.share.prompt if beat.share is not None else ""
        persona = self.engine.scenario.persona
        self.app.push_screen(ShareScreen(prompt, list(options.fragments), self.engine.label,
                                         said=just_said(self.engine, self.session,
                                                        self.heard.reaction if self.heard
                                                        else ""),
                                         rejects=persona.rejects, person=persona.name),
                             self._shared)

    def _shared(self, step: ShareStep | None) -> None:
        if step is not None:
            self.choose(Step(share=step))

    def choose(self, step: Step) -> None:
        """Hand the choice to the service (which saves it first), then show what follows.

        A response after a reflection is one turn with both parts (the service joins
        them)."""
        try:
            turn = self.ctx.sessions.choose(self.practice, step)
        except StoreError as exc:
            self.unsaved = step
            self.notify(f"Your choice could not be saved yet ({exc}). It is kept here:"
                        " press ctrl+s to save it again.", title="Not saved yet",
                        severity="error", timeout=30, markup=False)
            return
        self.unsaved = None
        self.heard = None
        if self.mode == "practice":
            rubric = self.engine.rubric
            self.app.push_screen(FeedbackScreen(turn, rubric, deck_titles(self.engine.deck),
                                               self.engine.label),
                                 lambda answer: self._after_feedback(turn, answer))
        else:
            self.refresh_turn()

    def _after_feedback(self, turn: Turn, answer: str | None) -> None:
        if answer == "retry":
            self.try_again(turn.index)
        self.refresh_turn()

    def try_again(self, index: int) -> None:
        """Replay the beat of turn ``index``: the later record is replaced, not kept twice."""
        try:
            self.ctx.sessions.try_again(self.practice, index)
        except StoreError as exc:
            self.notify(f"Could not go back just now ({exc}); your choice stands.",
                        severity="error", markup=False)

    def action_save_again(self) -> None:
        """Try again to save a choice the store could not take."""
        if self.unsaved is None:
            self.notify("Every choice is saved.")
            return
        self.choose(self.unsaved)

    # -- elsewhere -----------------------------------------------------------------------------
    def action_person(self, first: bool = False) -> None:
        """The persona card; a conversation key pressed on it is acted on here."""
        self.app.push_screen(PersonaScreen(self.engine.scenario.persona, first=first),
                             self._card_closed)

    def _card_closed(self, key: str | None) -> None:
        if key is None:
            return
        if key.isdigit():
            self.action_pick(int(key))
        else:
            {"f": self.action_reflect, "s": self.action_share,
             "t": self.action_transcript}[key]()

    def action_transcript(self) -> None:
        """The conversation so far."""
        scored = self.mode == "practice"  # assessment: no feedback until the end
        self.app.push_screen(TranscriptScreen(describe.transcript(self.engine, self.session,
                                                                  scored=scored)))

    def action_leave(self) -> None:
        """Leave; every choice is already saved, so the session can be resumed."""
        if self.unsaved is not None:
            self.notify("Your last choice is not saved yet: press ctrl+s to save it, then"
                        " leave.", severity="warning")
            return
        if self.heard is not None:  # first escape: take the unanswered reflection back
            try:
                self.ctx.sessions.take_back(self.practice)
            except StoreError as exc:
                self.notify(f"Could not take the reflection back just now ({exc}).",
                            severity="error", markup=False)
                return
            self.heard = None
            self.refresh_turn()
            self.notify("Reflection taken back. Press escape again to leave.")
            return
        self.notify("Saved. Press r on the home screen to carry on.")
        self.dismiss(LEFT)
