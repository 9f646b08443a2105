"""The help screen: every key, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from simulator.tui.widgets.footer import KeysFooter

HELP = """\
peersim: practise strategic storytelling

Each turn has four steps. LISTEN to what the person says. REFLECT: name what
you heard and what they want from you. SELECT which piece of your story, if
any, pertains. SHARE it in a way that helps: ask first, keep it brief, hand
the focus back. Authored lines are there too.

Home
  up/down      choose a scenario         enter   start it
  m            practice or assessment    d       story decks: browse, choose
  r            resume an unfinished session
  e            my own deck               i       who is training (trainee id)
  v            notes from your trainer: read, reply, answer their prompts
  q            quit

Conversation
  1-9          pick a choice             enter   choose the highlighted one
  f            reflect                   s       share from your story
  t            transcript so far         escape  leave (your progress is saved)
  p            the person's card: who they are, their strengths, their own words

Story decks
  up/down      a deck, then tab to its pieces      enter   share from this deck
  escape       back, keeping the deck you had

Feedback (practice mode)
  enter        continue                  r       try another way

Debrief
  up/down, pagedown, home, end   read the page (it has the keyboard at once)
  enter        go to the turns; enter again replays from the highlighted one
  v            supervision: notes, "I disagree" with a score, the line you would
               rather have said
  h / escape   back home

Supervision notes
  r            reply (or answer a prompt)   g   I disagree with a score
  l            the line you would rather have said at the highlighted turn

Anywhere
  ?            this help                 ctrl+p  command palette
  ctrl+t       light or dark theme       ctrl+q  quit (everything is saved)

Every choice is saved the moment you make it. If the terminal closes, start
peersim again and press r on the home screen to carry on where you were.
"""


class HelpScreen(ModalScreen[None]):
    """Lists the keys; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(HELP, markup=False, id="help-text")
        yield KeysFooter()

    def action_close(self) -> None:
        """Back to where you were."""
        self.dismiss(None)
