"""Admitting a classroom's app starts at the pace the machine can take them.

Why a line: starting an app is the most expensive thing a classroom server does (a
process, the records store, the first screen), and a class signs in within the same
minute. Started all at once on a small machine, the starts share the cores with each
other and with everyone already practising, so every start and every key slows down
together. Letting ``at_once`` apps start at a time, first come first served, keeps each
start short and the keys of people already practising quick; everyone else waits in
line and is told where they are and about how long it will take (see
:func:`waiting_text`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections import deque
from collections.abc import Callable

from simulator.safetext import visible

FIRST_GUESS = 1.0  # seconds one start is taken to need before any has been measured
WEIGHT = 0.3  # how much each measured start moves the estimate


class Ticket:
    """One connection's place: in line, then starting, then done."""

    def __init__(self) -> None:
        self.admitted = asyncio.Event()
        self.since = 0.0  # when it was admitted (the clock's reading)
        self.done = False


class Admission:
    """A first-come-first-served line in front of app starts.

    At most ``at_once`` tickets are starting at a time; a ticket's place is freed by
    :meth:`started` (its app has drawn its first screen) or :meth:`leave` (the
    connection ended). ``changed`` is set whenever anyone's place in line moves, so a
    waiting page can say so at once.
    """

    def __init__(self, at_once: int, clock: Callable[[], float] = time.monotonic) -> None:
        if at_once < 1:
            raise ValueError("at least one app must be able to start at a time")
        self.at_once = at_once
        self.clock = clock
        self.line: deque[Ticket] = deque()
        self.starting: set[Ticket] = set()
        self.seconds_each = FIRST_GUESS
        self.changed = asyncio.Event()

    def join(self) -> Ticket:
        """A new ticket at the end of the line (admitted at once when there is room)."""
        ticket = Ticket()
        self.line.append(ticket)
        self._admit()
        return ticket

    def position(self, ticket: Ticket) -> int:
        """1 for the next in line, 2 for the one after...; 0 once admitted (or gone)."""
        try:
            return self.line.index(ticket) + 1
        except ValueError:
            return 0

    def estimate(self, position: int) -> float:
        """About how many seconds until the ticket at ``position`` has its app: the rounds
        of starts before it and its own."""
        return math.ceil(position / self.at_once + 1) * self.seconds_each

    def started(self, ticket: Ticket) -> None:
        """The ticket's app is up: measure how long it took and admit the next."""
        if ticket in self.starting:
            took = self.clock() - ticket.since
            self.seconds_each += WEIGHT * (took - self.seconds_each)
        self.leave(ticket)

    def leave(self, ticket: Ticket) -> None:
        """The ticket's connection is over (or its app started): free its place."""
        ticket.done = True
        if ticket in self.starting:
            self.starting.discard(ticket)
        elif ticket in self.line:
            self.line.remove(ticket)
        else:
            return
        self._admit()

    async def wait(self, ticket: Ticket, every: float = 1.0) -> None:
        """Return when anyone's place has moved, or after ``every`` seconds, whichever
        comes first (a waiting page refreshes its estimate on either)."""
        if ticket.admitted.is_set():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.changed.wait(), every)

    def _admit(self) -> None:
        while self.line and len(self.starting) < self.at_once:
            ticket = self.line.popleft()
            ticket.since = self.clock()
            self.starting.add(ticket)
            ticket.admitted.set()
        # wake everyone waiting on the old event; later waits use a fresh one
        self.changed.set()
        self.changed = asyncio.Event()


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st..."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def about(seconds: float) -> str:
    """A wait in words a person can plan with: a few seconds, about 10 seconds, about
    2 minutes."""
    if seconds < 5:
        return "a few seconds"
    if seconds < 90:
        return f"about {5 * math.ceil(seconds / 5)} seconds"
    return f"about {math.ceil(seconds / 60)} minutes"


def waiting_text(title: str, position: int, seconds: float) -> str:
    """What the browser's terminal shows while a trainee waits: the screen cleared, then
    plain lines. The cohort's title goes through :func:`visible`, so no character in it
    can move the cursor or command the terminal; a terminal shows markup as text."""
    if position:
        where = (f"You are {ordinal(position)} in line to start practising:"
                 f" {about(seconds)}.")
    else:
        where = "Starting your practice now..."
    lines = [f"peersim: {' '.join(visible(title).split())}", "", where,
             "This page carries on by itself; there is no need to reload it."]
    return "\x1b[2J\x1b[H" + "".join(f"\x1b[{row};3H{line}"
                                     for row, line in enumerate(lines, start=2))
