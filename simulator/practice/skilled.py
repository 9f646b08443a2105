"""The path a skilled peer might take through a scenario: its model plan, played.

Why here and not in the debrief screen: playing a plan is engine work with no screen
in it, so it belongs with the practice service, where it can be tested headless; the
debrief only words the moves it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.engine import Engine
from simulator.model.plan import Step
from simulator.plans import run_plan


@dataclass(frozen=True)
class SkilledMove:
    """One turn of the skilled path: the beat, what the person said there, the step."""

    beat: str
    says: str
    step: Step


@dataclass(frozen=True)
class SkilledPath:
    """The scenario's model plan as played (``engine``: the engine it was played on,
    for wording its steps), with whether it played through as its author expected."""

    plan_id: str
    moves: tuple[SkilledMove, ...]
    engine: Engine
    ok: bool


def skilled_path(engine: Engine) -> SkilledPath | None:
    """The scenario's model plan (``model: true``) played on an engine of its own with
    ``engine``'s scenario, rubric, deck and labels, or None when it has none. The
    trainee's own sessions are untouched: nothing is recorded."""
    plan = next((p for p in engine.scenario.tests if p.model), None)
    if plan is None:
        return None
    model = Engine(engine.scenario, engine.rubric, engine.deck, label=engine.label)
    outcome = run_plan(model, plan)
    beats = model.scenario.beats
    moves = tuple(SkilledMove(turn.beat, beats[turn.beat].says, turn.step)
                  for turn in outcome.session.transcript)
    return SkilledPath(plan.id, moves, model, outcome.ok)
