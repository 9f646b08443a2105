"""The conversation: the person's words, and the four steps of each turn.

Listen (their words are on screen), reflect (name what you heard), select (which
fragment, if any) and share (how), plus authored lines. The screen asks the engine
what is on offer and hands each choice to the practice service, which saves it
before anything on screen changes. When the conversation ends, or the trainee
leaves, the screen returns what happened; it never opens the debrief itself.
"""

from __future__ import annotations

from contextlib import suppress

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.engine.engine import ChoiceError, Heard
from simulator.engine.menu import Item, Menu, Offer, Typing
from simulator.engine.session import Turn
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.practice.service import Practice
from simulator.records import StoreBusy, StoreError
from simulator.records.cohorts import typed_turns_for
from simulator.scoring.reasons import deck_titles
from simulator.tui import describe
from simulator.tui.context import AppContext
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.persona import PersonaScreen, just_said
from simulator.tui.screens.practice_view import ShowsPractice
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen
from simulator.tui.screens.transcript import TranscriptScreen
from simulator.tui.screens.typed import LineScreen, TypedTurns
from simulator.tui.steps import STEPS, steps_hint
from simulator.tui.text import clean, literal
from simulator.tui.waiting import QUICK
from simulator.tui.widgets.footer import KeysFooter

WAITING = ("Waiting for the records store (another program is using it). Your choice is"
           " kept and is saved as soon as it answers.")

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
        self.offered: Menu | None = None  # what this moment offers (the list, the footer)
        self.cohort_typed = "optional"  # when the trainee's cohort requires typed turns
        self.waiting = False  # a choice is being saved in the background

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
        with suppress(StoreError):  # if unreadable, the scenario's setting still holds
            self.cohort_typed = typed_turns_for(self.ctx.store, self.ctx.trainee_id)
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
        if self.mode != "practice" and self.session.transcript:
            # no coaching dialog in an assessment: how they took your last response is
            # shown here, above what they say next, so the conversation does not jump
            reaction = self.session.transcript[-1].reaction.strip()
            if reaction:
                says = Text.assemble((clean(reaction), "italic"), "\n\n", says)
        if self.heard is not None:
            says.append_text(describe.answered(self.engine, self.heard,
                                               scored=self.mode == "practice"))
        self.query_one("#says", Static).update(says)
        menu = self.menu()
        self.offered = menu
        self.show_steps()
        self.refresh_bindings()  # the footer shows reflect and share only when on offer
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        for number, item in enumerate(menu.items, 1):
            choices.add_option(Option(self.label(number, item, menu), id=item.id))
        # nothing preselected: the order is shuffled per session, and the first line is
        # no more likely to be the right one than any other
        choices.highlighted = None

    def menu(self) -> Menu:
        """What the app offers now (the engine's menu, with typed turns as this library,
        scenario and cohort allow them)."""
        typed = self.typed_turns()
        typing = Typing.off if typed is None else \
            Typing.required if typed.required else Typing.optional
        return self.engine.menu(self.session, self.heard, typing)

    @staticmethod
    def label(number: int, item: Item, menu: Menu) -> Text | str:
        """How the list shows one item of the menu."""
        if item.line is not None:
            return literal(f"{number}. {item.line.text.strip()}")
        words = {Offer.reflect: "Reflect: say what you heard…",
                 Offer.share: "Share from your story (or hold back)…",
                 Offer.typed: "Say something else, in your own words…"
                 if menu.offers(Offer.line) else "Say it in your own words…",
                 Offer.go_on: "Say no more for now: let them go on"}
        return f"{number}. {words[item.offer]}"

    def show_steps(self) -> None:
        """The step line for what this moment offers."""
        if self.offered is not None:
            self.query_one("#steps", Static).update(steps_hint(self.offered))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Reflect and share keys are shown (and work) only when the beat offers them."""
        if self.offered is not None:
            if action == "reflect":
                return self.offered.offers(Offer.reflect)
            if action == "share":
                return self.offered.offers(Offer.share)
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
        elif choice == "typed":
            self.action_say_own()
        elif choice == "go-on" and self.heard is not None:
            self.choose(Step(reflect=self.heard.step))

    def typed_turns(self) -> TypedTurns | None:
        """Saying things in your own words at this beat (None: the library cannot read
        them, so only picking is on offer)."""
        return TypedTurns.at(self.ctx.library, self.engine, self.session, self.mode,
                             self.cohort_typed)

    def action_say_own(self) -> None:
        """Say something else: a line in your own words, taken as the closest line."""
        typed = self.typed_turns()
        menu = self.menu()
        if typed is None or not menu.offers(Offer.typed):
            self.notify("There is nothing to say in your own words at this moment.")
            return
        self.app.push_screen(LineScreen(menu.options.lines, typed, said=just_said(
            self.engine, self.session, self.heard.reaction if self.heard else "")),
            self._typed_line)

    def _typed_line(self, step: Step | None) -> None:
        if step is not None:
            self.choose(step)

    def action_reflect(self) -> None:
        """Open the reflect step."""
        beat = self.engine.beat(self.session)
        menu = self.menu()
        if beat is None or not menu.offers(Offer.reflect):
            already = " You have reflected; now respond." if self.heard else ""
            self.notify(f"Reflecting is not on offer at this moment.{already}")
            return
        prompt = beat.reflect.prompt if beat.reflect is not None else ""
        here = self.session.state
        readings = self.ctx.library.acceptance_terms("readings")
        screen = ReflectScreen(prompt, [(t, self.engine.label(t))
                                        for t in menu.options.reflect_themes],
                               said=just_said(self.engine, self.session),
                               readings=describe.readings_for(self.engine, here, readings),
                               disclosed=describe.disclosed_words(self.engine, here),
                               typed=self.typed_turns())
        self.app.push_screen(screen, self._reflected)

    def _reflected(self, step: ReflectStep | None) -> None:
        """The person answers the reflection; the turn waits for the response."""
        if step is None:
            return
        try:
            with self.ctx.store.patience(QUICK):
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
        menu = self.menu()
        if beat is None or not menu.offers(Offer.share):
            self.notify("Sharing is not on offer at this moment.")
            return
        prompt = beat.share.prompt if beat.share is not None else ""
        persona = self.engine.scenario.persona
        self.app.push_screen(ShareScreen(prompt, list(menu.options.fragments), self.engine.label,
                                         said=just_said(self.engine, self.session,
                                                        self.heard.reaction if self.heard
                                                        else ""),
                                         rejects=persona.rejects, person=persona.name,
                                         typed=self.typed_turns()),
                             self._shared)

    def _shared(self, step: ShareStep | None) -> None:
        if step is not None:
            self.choose(Step(share=step))

    def choose(self, step: Step) -> None:
        """Hand the choice to the service (which saves it first), then show what follows.

        A response after a reflection is one turn with both parts (the service joins
        them). When the store does not answer at once (another program holds its lock, a
        server is slow), the screen says it is waiting and saves in the background.
        """
        if self.waiting:
            self.notify("Still waiting for the records store to save your last choice.")
            return
        try:
            with self.ctx.store.patience(QUICK):
                turn = self.ctx.sessions.choose(self.practice, step)
        except StoreBusy:
            self._wait_for_store(step)
            return
        except StoreError as exc:
            self._not_saved(step, exc)
            return
        self._chosen(turn)

    def _not_saved(self, step: Step, exc: StoreError) -> None:
        self.unsaved = step
        self.notify(f"Your choice could not be saved yet ({exc}). It is kept here:"
                    " press ctrl+s to save it again.", title="Not saved yet",
                    severity="error", timeout=30, markup=False)

    def _wait_for_store(self, step: Step) -> None:
        """Say so, and save ``step`` on a worker thread with the store's full timeout."""
        self.waiting = True
        self.unsaved = step  # leaving is refused until it is saved
        self.query_one("#steps", Static).update(WAITING)
        self.run_worker(lambda: self._save_waiting(step), thread=True, exclusive=True,
                        group="store")

    def _save_waiting(self, step: Step) -> None:
        try:
            turn = self.ctx.sessions.choose(self.practice, step)
        except StoreError as exc:
            self.app.call_from_thread(self._waited, step, None, exc)
            return
        self.app.call_from_thread(self._waited, step, turn, None)

    def _waited(self, step: Step, turn: Turn | None, exc: StoreError | None) -> None:
        self.waiting = False
        if turn is None:
            self.show_steps()
            self._not_saved(step, exc or StoreError("the records store did not answer"))
            return
        self._chosen(turn)

    def _chosen(self, turn: Turn) -> None:
        """A choice is saved: show what follows."""
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
            with self.ctx.store.patience(QUICK):
                self.ctx.sessions.try_again(self.practice, index)
        except StoreError as exc:
            self.notify(f"Could not go back just now ({exc}); your choice stands.",
                        severity="error", markup=False)

    def action_save_again(self) -> None:
        """Try again to save a choice the store could not take."""
        if self.waiting:
            self.notify("Still waiting for the records store to save your last choice.")
            return
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
        if self.waiting:
            self.notify("Still waiting for the records store to save your last choice;"
                        " you can leave once it is saved.", severity="warning")
            return
        if self.unsaved is not None:
            self.notify("Your last choice is not saved yet: press ctrl+s to save it, then"
                        " leave.", severity="warning")
            return
        if self.heard is not None:  # first escape: take the unanswered reflection back
            try:
                with self.ctx.store.patience(QUICK):
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
