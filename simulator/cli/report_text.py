"""Human-readable transcripts and results for ``run`` and ``check``."""

from __future__ import annotations

import textwrap

from simulator.engine.engine import Engine
from simulator.engine.session import Session
from simulator.scoring.reasons import deck_titles
from simulator.scoring.results import SessionResult
from simulator.scoring.verdict import verdict
from simulator.wording import passed_text, render, verdict_text
from simulator.wording.scores import choices
from simulator.wording.scores import score as rounded


def _step_text(engine: Engine, beat_id: str, step: object) -> str:
    from simulator.model.plan import Step

    assert isinstance(step, Step)
    if step.line is not None:
        beat = engine.scenario.beats[beat_id]
        line = next((ln for ln in beat.lines if ln.id == step.line), None)
        return f'said ({step.line}): "{line.text if line else step.line}"'
    if step.reflect is not None:
        heard = ", ".join(engine.label(t) for t in step.reflect.concerns) or "nothing"
        return f"reflected: heard {heard}; they want {step.reflect.asks_for.value}"
    assert step.share is not None
    if not step.share.fragments:
        return "held back: shared nothing yet"
    how = [step.share.detail.value]
    how.append("asked first" if step.share.permission else "did not ask first")
    how.append("handed back" if step.share.hand_back else "did not hand back")
    return f"shared {', '.join(step.share.fragments)} ({'; '.join(how)})"


def transcript(engine: Engine, session: Session) -> str:
    """The turns, each with its scores and reasons."""
    out: list[str] = []
    for turn in session.transcript:
        beat = engine.scenario.beats[turn.beat]
        out.append(f"[{turn.index + 1}] {turn.beat}")
        out.append(textwrap.indent(textwrap.fill(beat.says.strip(), 88), "    > "))
        out.append(f"    you {_step_text(engine, turn.beat, turn.step)}")
        for score in turn.score.scores:
            out.append(f"      {score.criterion:<12} {score.level}/3"
                       f"  {render(score.reason, deck_titles(engine.deck), engine.label)}")
        for note in turn.score.notes:
            out.append(f"      ! {render(note, None, engine.label)}")
        out.append(f"      judged {turn.score.band}; next: {turn.next}")
    return "\n".join(out)


def results(result: SessionResult, ending: str | None) -> str:
    """Per-criterion means, overall, pass or fail, gates."""
    out = [f"ending: {ending or 'not reached'}"]
    for crit in result.criteria:
        mark = "" if crit.pass_mark is None else f" (pass mark {crit.pass_mark:g})"
        status = "" if crit.passed is not False else "  (below the mark)"
        if crit.verdict == "too-few":
            status = f"  ({verdict_text(crit.verdict, crit.turns)})"
        mean = rounded(crit.mean, crit.pass_mark)  # the verdict line's rounding
        out.append(f"  {crit.criterion:<12} {mean}/3 from {choices(crit.turns)}{mark}"
                   f"{status}")
    overall = rounded(result.overall, result.pass_mark)
    out.append(f"  overall      {overall}/3 (pass mark {result.pass_mark:g})")
    for gate in result.gates:
        label = "SAFETY GATE" if gate.gate == "safety" else "GATE"
        out.append(f"  {label:<12} {gate.name} (turn {gate.turn + 1}): {gate.route.strip()}")
    out.append(f"result: {passed_text(result.passed).upper()}"
               f" ({verdict(result).split(': ', 1)[1].rstrip('.')})")
    return "\n".join(out)
