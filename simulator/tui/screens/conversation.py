"""The conversation: the person's words, and the four steps of each turn.

Listen (their words are on screen), reflect (name what you heard), select (which
fragment, if any) and share (how), plus authored lines. The screen asks the engine
what is on offer and hands the choice back; the records store saves each choice
through the engine's hook before the screen even redraws.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.engine.engine import Engine
from simulator.engine.session import Session, Turn
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.scoring.reasons import deck_titles
from simulator.tui import describe
from simulator.tui.context import AppContext
from simulator.tui.screens.feedback import FeedbackScreen
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen
from simulator.tui.screens.transcript import TranscriptScreen
from simulator.tui.text import literal
from simulator.tui.widgets.footer import KeysFooter

STEPS = "1 Listen  ·  2 Reflect (f)  ·  3 Select  ·  4 Share (s)  ·  or choose a line"


class ConversationScreen(Screen[None]):
    """One session, turn by turn."""

    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        Binding("f", "reflect", "Reflect"),
        Binding("s", "share", "Share"),
        Binding("t", "transcript", "Transcript"),
        Binding("escape", "leave", "Leave (saved)"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(2, 10)],
    ]

    def __init__(self, ctx: AppContext, engine: Engine, session: Session, mode: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.engine = engine
        self.session = session
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="status")
        with VerticalScroll(id="says-box"):
            yield Static(id="says")
        yield Static(STEPS, markup=False, id="steps")
        yield OptionList(markup=False, id="choices")
        yield KeysFooter(show_command_palette=False)  # at 80 columns, room for every key

    def on_mount(self) -> None:
        self.sub_title = self.engine.scenario.title
        self.refresh_turn()
        self.query_one("#choices", OptionList).focus()

    def refresh_turn(self) -> None:
        """Redraw for the current beat; open the debrief once the conversation ends."""
        if self.engine.beat(self.session) is None:
            self.finish()
            return
        status = f"{self.engine.scenario.persona.name}   {self.mode}   turn" \
                 f" {len(self.session.transcript) + 1}"
        shown = describe.indicators(self.engine, self.session)
        self.query_one("#status", Static).update(literal(f"{status}   {shown}".rstrip()))
        self.query_one("#says", Static).update(describe.says(self.engine, self.session))
        options = self.engine.options(self.session)
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
        choices.highlighted = 0 if choices.option_count else None

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

    def action_reflect(self) -> None:
        """Open the reflect step."""
        beat = self.engine.beat(self.session)
        options = self.engine.options(self.session)
        if beat is None or not options.can_reflect:
            self.notify("Reflecting is not on offer at this moment.")
            return
        prompt = beat.reflect.prompt if beat.reflect is not None else ""
        screen = ReflectScreen(prompt, [(t, self.engine.label(t)) for t in options.reflect_themes])
        self.app.push_screen(screen, self._reflected)

    def _reflected(self, step: ReflectStep | None) -> None:
        if step is not None:
            self.choose(Step(reflect=step))

    def action_share(self) -> None:
        """Open the select-and-share step."""
        beat = self.engine.beat(self.session)
        options = self.engine.options(self.session)
        if beat is None or not options.can_share:
            self.notify("Sharing is not on offer at this moment.")
            return
        prompt = beat.share.prompt if beat.share is not None else ""
        self.app.push_screen(ShareScreen(prompt, list(options.fragments), self.engine.label),
                             self._shared)

    def _shared(self, step: ShareStep | None) -> None:
        if step is not None:
            self.choose(Step(share=step))

    def choose(self, step: Step) -> None:
        """Hand the choice to the engine (which records it), then show what follows."""
        turn = self.engine.choose(self.session, step)
        if self.mode == "practice":
            rubric = self.engine.rubric
            self.app.push_screen(FeedbackScreen(turn, rubric, deck_titles(self.engine.deck)),
                                 lambda answer: self._after_feedback(turn, answer))
        else:
            self.refresh_turn()

    def _after_feedback(self, turn: Turn, answer: str | None) -> None:
        if answer == "retry":
            self.try_again(turn.index)
        self.refresh_turn()

    def try_again(self, index: int) -> None:
        """Replay the beat of turn ``index``: the later record is replaced, not kept twice."""
        again = self.engine.rewind(self.session, index)
        again.session_id = self.session.session_id
        self.ctx.store.rewind_session(again)  # a resume starts from here, not after
        self.session = again

    # -- elsewhere -----------------------------------------------------------------------------
    def action_transcript(self) -> None:
        """The conversation so far."""
        scored = self.mode == "practice"  # assessment: no feedback until the end
        self.app.push_screen(TranscriptScreen(describe.transcript(self.engine, self.session,
                                                                  scored=scored)))

    def action_leave(self) -> None:
        """Leave; every choice is already saved, so the session can be resumed."""
        self.notify("Saved. Press r on the home screen to carry on.")
        self.dismiss(None)

    def finish(self) -> None:
        """Record the result and show the debrief."""
        from simulator.tui.screens.debrief import DebriefScreen

        result = self.engine.results(self.session)
        self.ctx.store.finish_session(self.session, result)
        self.app.switch_screen(DebriefScreen(self.ctx, self.engine, self.session, self.mode))
