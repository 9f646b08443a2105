"""The skilled path the debrief shows, played headless by the practice package."""

from __future__ import annotations

import pytest

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.practice.skilled import skilled_path


def _engine(shipped: Library, scenario_id: str) -> Engine:
    s = shipped.scenario(scenario_id)
    return Engine(s, shipped.rubric(s.rubric), shipped.deck(s.deck) if s.deck else None,
                  label=shipped.theme_label)


@pytest.mark.parametrize("scenario_id", ["loud-again", "nothing-left"])
def test_the_model_plan_is_played_move_by_move(shipped: Library, scenario_id: str) -> None:
    engine = _engine(shipped, scenario_id)
    plan = next(p for p in engine.scenario.tests if p.model)
    trainee = engine.start(session_id="trainee")
    path = skilled_path(engine)
    assert path is not None and path.ok and path.plan_id == plan.id
    assert [m.step.model_copy(update={"at": None}) for m in path.moves] == \
        [s.model_copy(update={"at": None}) for s in plan.steps]
    assert path.moves[0].beat == engine.scenario.start
    assert all(m.says == engine.scenario.beats[m.beat].says for m in path.moves)
    assert path.engine is not engine  # played on an engine of its own
    assert trainee.transcript == [] and trainee.state == engine.scenario.start


def test_a_scenario_without_a_model_plan_has_no_skilled_path(shipped: Library) -> None:
    engine = _engine(shipped, "loud-again")
    bare = engine.scenario.model_copy(update={"tests": [
        p.model_copy(update={"model": False}) for p in engine.scenario.tests]})
    assert skilled_path(Engine(bare, engine.rubric, engine.deck)) is None


def test_a_model_plan_that_no_longer_fits_is_played_as_far_as_it_goes(
        shipped: Library) -> None:
    engine = _engine(shipped, "loud-again")
    plan = next(p for p in engine.scenario.tests if p.model)
    broken = plan.model_copy(update={"steps": [plan.steps[0].model_copy(
        update={"line": "no-such-line", "reflect": None, "share": None})]})
    scenario = engine.scenario.model_copy(update={"tests": [broken]})
    path = skilled_path(Engine(scenario, engine.rubric, engine.deck))
    assert path is not None and not path.ok and path.moves == ()
