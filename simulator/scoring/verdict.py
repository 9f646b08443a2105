"""A session's verdict on one line, with the reason it went that way.

Why its own function: a trainee who did not pass should learn why in the first line
they read ("Not passed: Strategic selectivity 1.2, pass mark 1.5"), not by scanning
every criterion. Safety comes first: a tripped safety gate is the reason given,
whatever the scores; then the other gates (a harmful share), then what the scenario
assesses but the session never showed ("you never shared; this scenario assesses
sharing"), an ending that went badly, and only then the scores. The terminal app,
the command line and reports can all use it.
"""

from __future__ import annotations

from simulator.scoring.results import SessionResult
from simulator.wording import msg, render
from simulator.wording.scores import score

_REASONS = {
    "never-shared": "verdict.never-shared",
    "never-shared-hold": "verdict.never-shared.hold",
    "no-close-fit": "verdict.no-close-fit",
    "no-listening": "verdict.no-evidence",
    "unfinished": "verdict.unfinished",
}


def verdict(result: SessionResult) -> str:
    """"Passed: ..." or "Not passed: <the reason>" for ``result``."""
    safety = [g for g in result.gates if g.gate == "safety"]
    if safety:
        names = ", ".join(dict.fromkeys(g.name for g in safety))
        first = min(g.turn for g in safety) + 1
        return f"Not passed: safety gate ({names}) at turn {first}. Safety comes first."
    if result.gates:
        names = ", ".join(dict.fromkeys(g.name for g in result.gates))
        first = min(g.turn for g in result.gates) + 1
        return f"Not passed: {names} at turn {first}."
    if not result.criteria:
        return "Not passed: nothing was scored yet."
    said = [_reason(result, code) for code in result.reasons]
    if said:
        return "Not passed: " + "; ".join(said) + "."
    # only a criterion with a verdict can be the reason (not one without a pass mark, nor
    # one scored on too few turns to judge: its ``passed`` is None)
    below = [c for c in result.criteria if c.passed is False and c.pass_mark is not None]
    if below:
        return "Not passed: " + "; ".join(
            f"{c.name} {score(c.mean, c.pass_mark)}, pass mark {c.pass_mark:g}"
            for c in below if c.pass_mark is not None) + "."
    if not result.passed:
        overall = score(result.overall, result.pass_mark)
        return f"Not passed: overall {overall}, pass mark {result.pass_mark:g}."
    tries = f" It took {result.attempts} attempts." if result.attempts > 1 else ""
    overall = score(result.overall, result.pass_mark)
    return f"Passed: overall {overall}, pass mark {result.pass_mark:g}.{tries}"


def _reason(result: SessionResult, code: str) -> str:
    """One reason a session cannot pass whatever its scores, in words."""
    if code == "bad-ending":
        return render(msg("verdict.bad-ending", name=result.ending_title or result.ending))
    if code == "no-listening":
        return render(msg("verdict.no-evidence", value="listening"))
    return render(msg(_REASONS.get(code, "verdict.unfinished")))
