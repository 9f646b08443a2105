"""What the review screens show of certification: the sign-off beside the scored
verdict, what became of a flag or a proposed line, and the choices a trainer makes.
Everything anyone wrote is shown literally (:func:`simulator.tui.text.clean`)."""

from __future__ import annotations

from rich.text import Text

from simulator.records.resolutions import STATES, Resolution
from simulator.records.signoff import SignOff
from simulator.tui.text import clean

SIGN_OFF_CHOICES = [("pass", "Pass"), ("not-yet", "Not yet")]


def signoff_text(latest: SignOff | None) -> Text:
    """The sign-off line under a review's heading (nothing before one is made)."""
    if latest is None:
        return Text()
    return Text.assemble("\n", ("Sign-off: ", "bold"), clean(latest.describe()))


def resolution_text(found: Resolution | None, depth: int) -> Text:
    """What became of a flag or a proposed line, under it (nothing while open)."""
    if found is None or found.state == "open":
        return Text()
    return Text.assemble("\n" + "    " * depth + "    ", ("→ ", "bold"),
                         clean(found.describe()))


def resolve_choices(kind: str, criterion: str | None) -> list[tuple[str, str]]:
    """The decisions a trainer can make on a flag or a proposed line; an accepted flag
    on one criterion may carry the trainer's own level ("accepted:2")."""
    if kind == "flag":
        levels = [(f"accepted:{n}", f"Accept, and my level for {criterion} is {n}/3")
                  for n in range(4)] if criterion else []
        return [("accepted", "Accept"), *levels, ("declined", "Decline"),
                ("open", "Open again")]
    words = {"taken": "Taken into the scenario", "answered": "Answer it",
             "declined": "Decline", "open": "Open again"}
    return [(state, words[state]) for state in STATES["proposal"] if state != "open"] + [
        ("open", words["open"])]
