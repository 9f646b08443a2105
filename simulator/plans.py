"""Run a test plan through the engine and compare the result with what it expects."""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.engine.engine import ChoiceError, Engine
from simulator.engine.session import Session
from simulator.model.plan import Band, Plan
from simulator.scoring.results import SessionResult


@dataclass
class PlanOutcome:
    """What happened when a plan ran, and which expectations failed."""

    plan: Plan
    session: Session
    result: SessionResult
    ending: str | None
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every expectation held and every step could be made."""
        return not self.failures


def _band_failure(name: str, value: float, band: Band) -> str | None:
    if band.min <= value <= band.max:
        return None
    return f"{name} was {value:.2f}, expected between {band.min:g} and {band.max:g}"


def run_plan(engine: Engine, plan: Plan) -> PlanOutcome:
    """Play ``plan``'s steps, then check ``plan.expect``. Never raises for a bad step."""
    session = engine.start(session_id=f"plan-{plan.id}")
    failures: list[str] = []
    for number, step in enumerate(plan.steps, start=1):
        if engine.beat(session) is None:
            failures.append(f"step {number}: the conversation already ended at {session.state!r}")
            break
        try:
            engine.choose(session, step)
        except ChoiceError as exc:
            failures.append(f"step {number} at {session.state!r}: {exc}")
            break
    result = engine.results(session)
    ending = engine.ending(session)
    ending_id = session.state if ending is not None else None
    expect = plan.expect
    if expect.ending is not None and ending_id != expect.ending:
        got = ending_id or f"no ending (still at beat {session.state!r})"
        failures.append(f"ending was {got}, expected {expect.ending!r}")
    if expect.passed is not None and result.passed != expect.passed:
        failures.append(f"{'passed' if result.passed else 'failed'},"
                        f" expected to {'pass' if expect.passed else 'fail'}")
    if expect.gates is not None:
        got_gates = sorted(g.gate for g in result.gates)
        if got_gates != sorted(expect.gates):
            failures.append(f"gates tripped: {got_gates or 'none'}, expected"
                            f" {sorted(expect.gates) or 'none'}")
    if expect.overall is not None:
        problem = _band_failure("overall", result.overall, expect.overall)
        if problem:
            failures.append(problem)
    for crit, band in expect.criteria.items():
        scored = result.criterion(crit)
        if scored is None:
            failures.append(f"{crit} was never scored")
            continue
        problem = _band_failure(crit, scored.mean, band)
        if problem:
            failures.append(problem)
    return PlanOutcome(plan, session, result, ending_id, failures)
