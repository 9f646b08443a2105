"""The step line above the choices: which step of the turn the trainee is on.

Why its own module: the line must name only what this moment offers (no "reflect (f)"
where reflecting is not on offer, no "(s)" where sharing is not), and each wording must
fit 80 columns; keeping it apart lets both be tested without a screen.
"""

from __future__ import annotations

from simulator.engine.engine import Options

# which step of the turn the trainee is on (each fits 80 columns), with everything there is
STEPS = "Step 1 listen · 2 reflect (f) · then 3 select + 4 share (s), or a line"


def steps_hint(options: Options, *, reflected: bool, line: str = "a line") -> str:
    """The steps of this turn, naming only what is on offer now: a beat with no
    reflection on offer never says "reflect (f)", one with no share never says "(s)";
    ``line`` is what answering in words is called ("your own words" where a cohort
    requires typed turns)."""
    lines = bool(options.lines)
    if reflected:
        can = [*(["share (s), hold back"] if options.can_share else []),
               *([line] if lines else [])]
        if not can:
            return "Reflected ✓ · now let them go on"
        return "Reflected ✓ · respond: " + ", ".join(can) + ", or let them go on"
    steps = ["Step 1 listen"]
    if options.can_reflect:
        steps.append("2 reflect (f)")
    after = len(steps) + 1
    if options.can_share:
        share = f"{after} select + {after + 1} share (s)"
        steps.append(f"then {share}, or {line}" if lines else f"then {share}")
    elif lines:
        steps.append(f"then {after} {'choose a line' if line == 'a line' else line}")
    return " · ".join(steps)
