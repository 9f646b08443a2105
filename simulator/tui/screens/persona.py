"""The person as a whole: who they are, what they are dealing with, their strengths and
their own words, on a card the trainee can open at any moment (and sees at the start).

Why a card: the lines a trainee chooses between refer to the person's life, and peer
work starts from the whole person, not the problem. The words a person rejects for
their experience are on it too, so a trainee can avoid labels the person would refuse.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from simulator.engine.engine import Engine
from simulator.engine.session import Session
from simulator.model.scenario import Persona
from simulator.tui.screens.dialog import Dialog
from simulator.tui.text import clean
from simulator.wording import plain_label

SAID_MAX = 300  # "what they just said" stays compact inside a dialog

# keys of the conversation that also close the card and then do what they do there
FORWARDED = ("f", "s", "t", *[str(n) for n in range(1, 10)])


def _compact(words: str) -> str:
    words = clean(" ".join(words.split()))
    if len(words) > SAID_MAX:
        words = words[:SAID_MAX - 1].rsplit(" ", 1)[0] + "…"
    return words


def just_said(engine: Engine, session: Session, answer: str = "") -> Text:
    """What the person just said, compact enough to sit at the top of a dialog; with
    ``answer``, how they answered the trainee's reflection too."""
    beat = engine.beat(session)
    if beat is None:
        return Text()
    name = clean(engine.scenario.persona.name)
    out = Text.assemble((f"{name} just said: ", "bold"), (_compact(beat.says), "italic"))
    if answer.strip():
        out.append_text(Text.assemble(("\nTo your reflection: ", "bold"),
                                      (_compact(answer), "italic")))
    return out


def rejected_words(persona: Persona) -> list[str]:
    """Words the person rejects for themselves (``persona.rejects``, ids of the acceptance
    vocabulary's words), in words ("mentally-ill" reads "mentally ill")."""
    return [plain_label(word) for word in persona.rejects]


def card(persona: Persona) -> Text:
    """The persona card's text (all of it the author's, shown literally), compact enough
    to read whole at 80x24."""
    text = Text()
    text.append(clean(persona.name), "bold")
    about = ", ".join(clean(p) for p in (persona.pronouns, persona.age) if p.strip())
    if about:
        text.append(f" ({about})")
    text.append("\n")
    sections = [("Who they are: ", persona.about),
                ("What they are dealing with: ", persona.dealing_with),
                ("Strengths: ", "; ".join(persona.strengths)),
                ("In their own words: ", persona.own_words),
                ("Words they reject: ", ", ".join(rejected_words(persona)))]
    for label, words in sections:
        if words.strip():
            text.append("\n")
            text.append(label, "bold")
            text.append(clean(" ".join(words.split())))
    return text


class PersonaScreen(Dialog[str | None]):
    """Returns None when closed, or a conversation key pressed here (``FORWARDED``) so the
    conversation can act on it: a key pressed while the card is up is never lost."""

    CONFIRM_LABEL = CANCEL_LABEL = "Close"
    CANCEL_SHOWN = False
    KEYS = (Binding("p", "cancel", "Person"),  # p opened the card; p here closes it
            *[Binding(key, f"forward('{key}')", show=False) for key in FORWARDED])
    BOX_ID = "persona-box"

    def __init__(self, persona: Persona, *, first: bool = False) -> None:
        super().__init__()
        self.persona = persona
        self.first = first  # shown at the start of a scenario

    def heading(self) -> str:
        return ("Before you start: the person you are meeting" if self.first
                else "The person you are with")

    def body(self) -> ComposeResult:
        yield Static(card(self.persona), id="persona-card")

    def on_mount(self) -> None:
        self.query_one("#persona-box", VerticalScroll).focus(scroll_visible=False)

    def action_forward(self, key: str) -> None:
        """Close, and let the conversation act on ``key``."""
        self.dismiss(key)
