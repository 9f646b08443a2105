"""The step line above the choices: which step of the turn the trainee is on.

Why its own module: the line must name only what this moment offers (no "reflect (f)"
where reflecting is not on offer, no "(s)" where sharing is not), and each wording must
fit 80 columns; keeping it apart lets both be tested without a screen.
"""

from __future__ import annotations

from simulator.engine.menu import Menu, Offer

# which step of the turn the trainee is on (each fits 80 columns), with everything there is
STEPS = "Step 1 listen · 2 reflect (f) · then 3 select + 4 share (s), or a line"


def steps_hint(menu: Menu) -> str:
    """The steps of this turn, naming only what the menu offers now: a moment with no
    reflection on offer never says "reflect (f)", one with no share never says "(s)";
    answering in words is "your own words" where they replace the lines (a cohort or
    scenario that requires typed turns), else "a line"."""
    share = menu.offers(Offer.share)
    lines = menu.offers(Offer.line) or menu.offers(Offer.typed)
    line = "a line" if menu.offers(Offer.line) or not lines else "your own words"
    if menu.heard is not None:
        can = [*(["share (s), hold back"] if share else []), *([line] if lines else [])]
        if not can:
            return "Reflected ✓ · now let them go on"
        return "Reflected ✓ · respond: " + ", ".join(can) + ", or let them go on"
    steps = ["Step 1 listen"]
    if menu.offers(Offer.reflect):
        steps.append("2 reflect (f)")
    after = len(steps) + 1
    if share:
        shared = f"{after} select + {after + 1} share (s)"
        steps.append(f"then {shared}, or {line}" if lines else f"then {shared}")
    elif lines:
        steps.append(f"then {after} {'choose a line' if line == 'a line' else line}")
    return " · ".join(steps)
