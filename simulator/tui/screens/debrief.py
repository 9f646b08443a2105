"""The debrief: scores with descriptors and reasons, gates, the transcript, a skilled
path, and replay from any beat.

It returns the turn to replay from (or None for home); the app's flow starts the
replay, so this screen never constructs a conversation.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.engine.engine import Engine
from simulator.engine.session import Session
from simulator.practice.service import Practice
from simulator.practice.skilled import skilled_path as played_path
from simulator.scoring.results import SessionResult
from simulator.scoring.verdict import verdict
from simulator.tui import describe
from simulator.tui.screens.practice_view import ShowsPractice
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import KeysFooter
from simulator.wording import msg, render, verdict_text
from simulator.wording.scores import choices, of_three, score


def summary(engine: Engine, session: Session, result: SessionResult) -> Text:
    """Safety gates first, then the overall score, the ending and each criterion."""
    text = Text()
    for gate in result.gates:  # safety first: above the ending and every score
        text.append("SAFETY FIRST: ", "bold reverse")
        text.append(clean(gate.feedback.strip()) + "\n")
        text.append("What to do: ", "bold")
        text.append(clean(gate.route.strip()) + "\n\n")
    # the same rounding as the verdict line above it (simulator.wording.scores)
    text.append(f"Overall {of_three(result.overall, result.pass_mark)}\n", "bold")
    ending = engine.ending(session)
    if ending is not None:
        text.append(f"Ending: {clean(ending.title)}\n", "italic")
        text.append(clean(engine.ending_text(session).strip()) + "\n")
    if result.shares == 0 and any(b.share is not None for b in engine.scenario.beats.values()):
        text.append("\n" + render(msg("debrief.not-practised")) + "\n")
    text.append("\n")
    for crit in result.criteria:
        level = engine.rubric.criteria[crit.criterion].levels[max(0, min(3, round(crit.mean)))]
        mark = "" if crit.pass_mark is None else f", pass mark {crit.pass_mark:g}"
        status = verdict_text(crit.verdict, crit.turns)  # plain words, never capitals
        text.append(f"{clean(crit.name)}: {score(crit.mean, crit.pass_mark)} of 3 from"
                    f" {choices(crit.turns)}{mark} ({status})\n", "bold")
        text.append("  " + clean(level.descriptor.strip()) + "\n")
    return text


def skilled_path(engine: Engine) -> Text:
    """The path a skilled peer might have taken (the scenario's model plan, played by
    :func:`simulator.practice.skilled.skilled_path`), in words."""
    path = played_path(engine)
    text = Text()
    text.append("A path a skilled peer might take\n", "bold")
    if path is None:
        return text.append("This scenario does not include one.\n")
    for move in path.moves:
        text.append(f"{clean(engine.scenario.persona.name)}: ", "bold")
        text.append(clean(move.says.strip()) + "\n")
        text.append(clean(describe.step_text(path.engine, move.beat, move.step,
                                             describe.PEER)) + "\n\n", "italic")
    return text


class DebriefScreen(ShowsPractice, Screen[int | None]):
    """What happened, why it scored as it did, and where to try again.

    Returns the number of choices to keep for a replay, or None to go home.
    """

    BINDINGS = [
        Binding("enter", "replay", "Replay from a turn", priority=True),
        Binding("h", "home", "Home"),
        Binding("v", "supervision", "Notes"),
        Binding("escape", "home", "Home", show=False),
    ]

    def __init__(self, practice: Practice, result: SessionResult) -> None:
        super().__init__()
        self.practice = practice
        self.result = result

    def compose(self) -> ComposeResult:
        result = self.result
        yield Header()
        yield Static(literal(verdict(result), "bold"), id="verdict",
                     classes="passed" if result.passed else "not-passed")
        with VerticalScroll(id="debrief"):
            yield Static(summary(self.engine, self.session, result), id="summary")
            annotated = describe.transcript(self.engine, self.session, scored=True)
            yield Static(Text("Your conversation\n", "bold") + annotated, id="annotated")
            yield Static(skilled_path(self.engine), id="skilled")
            yield Static("Replay from a turn: press enter, choose the turn, enter again.",
                         markup=False)
            yield OptionList(*[
                Option(Text.assemble(f"Turn {t.index + 1}: ", clean(self._opening(t.beat))),
                       id=str(t.index))
                for t in self.session.transcript], markup=False, id="replay")
        yield KeysFooter()

    def _opening(self, beat_id: str) -> str:
        """The first words the person said at a beat, to recognise the moment."""
        says = " ".join(self.engine.scenario.beats[beat_id].says.split())
        return says if len(says) <= 60 else says[:57] + "..."

    def on_mount(self) -> None:
        self.sub_title = "Debrief"
        # the page itself has focus, so arrows and PageDown scroll it at once
        box = self.query_one("#debrief", VerticalScroll)
        box.focus(scroll_visible=False)
        box.scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Replay from the chosen turn."""
        self.replay(int(event.option.id or 0))

    def action_replay(self) -> None:
        """First enter goes to the list of turns; enter there replays the highlighted one,
        so reading the debrief never starts a replay by accident."""
        turns = self.query_one("#replay", OptionList)
        if self.focused is not turns:
            turns.focus()
            if turns.highlighted is None and turns.option_count:
                turns.highlighted = 0
            return
        self.replay(turns.highlighted or 0)

    def replay(self, index: int) -> None:
        """Ask for a new session holding the choices before turn ``index``."""
        self.dismiss(index)

    def action_supervision(self) -> None:
        """Supervision on this session: notes and prompts, flag a score, propose a line."""
        from simulator.tui.launch_review import open_for_trainee

        open_for_trainee(self.app, self.session.session_id)

    def action_home(self) -> None:
        """Back to the library."""
        self.dismiss(None)
