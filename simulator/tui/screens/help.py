"""The help screen: every key, in one place."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from simulator.tui.screens.dialog import Dialog

HELP = """\
peersim: practise strategic storytelling

Each turn follows the practice. LISTEN to what the person says. REFLECT:
name what you heard and what they want from you; they answer you. Then
RESPOND: SELECT the piece of your story that pertains, if any, and SHARE
it in a way that helps (ask first, keep it brief, hand the focus back);
or say an authored line, hold back, or let them go on. Your response
moves the conversation on.

Home
  up/down    choose a scenario          enter   start it
  m          practice or assessment     d       story decks (choose one)
  r          resume (x there discards)  e       my own story deck
  i          who is training            q       quit
  h          history: your past sessions, their debriefs, replay from a turn
  v          notes from your trainer: read, reply, answer their prompts
  g          your record of growth: criteria over time, strengths, goals
  w          peer review: review a fellow trainee's sessions when you both agree
  p          problems found in the library (a notice says if there are any)
  An assigned scenario shows under your name with its due date; starting
  it records an assessment, whatever your mode.
  Your mode, your deck and your theme are remembered for next time.

Conversation
  1-9        pick a choice              enter   the highlighted one
  f          reflect                    s       share from your story
  t          transcript so far          escape  leave (progress is saved)
  p          the person's card: their life, strengths and own words
             (it opens at the start; a choice key pressed on it counts)

Story decks
  up/down    a deck (tab: its pieces)   enter   share from this deck
  escape     back, keeping the deck you had

My story deck
  a          add a piece                enter   edit the highlighted one
  x          delete (asks first)        u       undo the delete
  w          export a copy to a file you choose (only you can read it)
  In a form ctrl+s saves. Escape closes it and keeps what you typed: open
  the same piece again to carry on. A problem shows under its field.

Resume
  enter      carry on where you stopped x       discard (asks first)

History
  enter      a finished session's debrief (replay from a turn there),
             or carry on an unfinished one      escape  close

Feedback (practice mode)
  enter      continue                   r       try another way
  up/down, pagedown, home, end: read the rest of the coaching

Debrief
  up/down, pagedown, home, end: read the page (no need to press tab)
  enter      go to the turns; enter again replays from that turn
  v          supervision: notes, "I disagree" with a score, the line you
             would rather have said
  h, escape  back home

Record of growth
  n          set a development goal     r       revisit the highlighted goal
             (agree to it, or say where it stands now)   escape  back

Peer review
  i          invite someone to review your sessions    a  accept an invitation
  x          end peer review with someone               enter  open a session
  c          (in a session) a strength, question or suggestion, as a peer

Supervision notes
  r          reply (or answer a prompt) g       I disagree with a score
  l          the line you would rather have said at the highlighted turn

Anywhere
  ?          this help                  ctrl+p  command palette
  ctrl+g     talk: ask your supervisor to get in touch (a note is optional;
             only what you type goes with it)
  ctrl+t     theme: dark, light, high contrast (NO_COLOR is respected)
  ctrl+q     quit (everything is saved)

Every choice is saved the moment you make it. If the terminal closes,
start peersim again and press r on the home screen to carry on.
"""


class HelpScreen(Dialog[None]):
    """Lists the keys; any of escape, q or ? closes it."""

    CONFIRM_KEY = None
    CANCEL_LABEL = "Close"
    KEYS = (Binding("q", "cancel", "Close", show=False),
            Binding("question_mark", "cancel", "Close", show=False))
    BOX_ID = "help-box"
    FOCUS = "#help-box"  # arrows scroll it at once

    def body(self) -> ComposeResult:
        yield Static(HELP, markup=False, id="help-text")
