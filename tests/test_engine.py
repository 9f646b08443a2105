"""The engine: conditions, effects, flow, save and restore, replay, determinism, safety."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.engine.conditions import apply_effects, holds
from simulator.engine.engine import ChoiceError, Engine, RestoreError
from simulator.engine.machine import build_machine
from simulator.engine.record import dump
from simulator.loading.checks import validate_paths
from simulator.loading.library import Library
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.model.scenario import Condition, Variable
from simulator.wording import render
from tests.conftest import MINI


def test_condition_operators() -> None:
    v = {"trust": 1, "met": True}
    assert holds(Condition(var="trust", gte=1), v, {})
    assert not holds(Condition(var="trust", gte=2), v, {})
    assert holds(Condition(var="trust", lte=1), v, {})
    assert holds(Condition(var="trust", eq=1), v, {})
    assert holds(Condition(var="trust", ne=2), v, {})
    assert holds(Condition(var="met", eq=True), v, {})
    assert not holds(Condition(var="met", eq=1), v, {})  # true is not the number 1
    assert holds(Condition(visited="a"), v, {"a": 1})
    assert holds(Condition(not_visited="b"), v, {"a": 1})


def test_effects_add_within_bounds_and_set_booleans() -> None:
    declared = {"trust": Variable(type="int", default=0, min=-2, max=2),
                "met": Variable(type="bool", default=False)}
    out = apply_effects({"trust": 5, "met": True}, declared, {"trust": 1, "met": False})
    assert out == {"trust": 2, "met": True}
    assert apply_effects({"trust": -9}, declared, out)["trust"] == -2


def test_flow_effects_and_visits(mini_engine: Engine) -> None:
    session = mini_engine.start("s1")
    assert session.state == "first" and session.visits == {"first": 1}
    turn = mini_engine.choose(session, Step(line="kind"))
    assert (turn.beat, turn.next, session.state) == ("first", "second", "second")
    assert session.variables == {"trust": 1} and session.visits["second"] == 1


def test_conditions_hide_and_show_lines(mini_engine: Engine) -> None:
    cold = mini_engine.start("cold")
    mini_engine.choose(cold, Step(line="cold"))
    assert [ln.id for ln in mini_engine.options(cold).lines] == ["plain"]
    with pytest.raises(ChoiceError, match="not on offer"):
        mini_engine.choose(cold, Step(line="trusted"))
    warm = mini_engine.start("warm")
    mini_engine.choose(warm, Step(line="kind"))
    assert sorted(ln.id for ln in mini_engine.options(warm).lines) == ["plain", "trusted"]
    mini_engine.choose(warm, Step(line="trusted"))
    assert mini_engine.ending(warm) is not None and warm.state == "good"


def test_share_band_picks_the_outcome(mini_engine: Engine) -> None:
    session = mini_engine.start("s")
    heard = ReflectStep(concerns=["sleep", "voices"], asks_for="practical")
    turn = mini_engine.choose(session, Step(reflect=heard, share=ShareStep(
        fragments=["sleep-routine"], permission=True, hand_back=True)))
    assert turn.score.band == "strong" and session.variables["trust"] == 2


def test_sharing_before_listening_is_not_strong(mini_engine: Engine) -> None:
    """Listening before sharing is rewarded: the same share, without reflecting first."""
    session = mini_engine.start("s")
    turn = mini_engine.choose(session, Step(share=ShareStep(
        fragments=["sleep-routine"], permission=True, hand_back=True)))
    focus = turn.score.score("focus")
    assert focus is not None and focus.level == 2 and turn.score.band == "partial"


def test_holding_back_uses_the_authors_evidence(mini_engine: Engine) -> None:
    session = mini_engine.start("s")
    turn = mini_engine.choose(session, Step(share=ShareStep()))
    assert [(s.criterion, s.level) for s in turn.score.scores] == [("selectivity", 2)]
    assert turn.score.band == "partial" and session.variables["trust"] == 0


def test_reflect_only_offers_the_beats_themes(mini_engine: Engine) -> None:
    session = mini_engine.start("s")
    assert mini_engine.options(session).reflect_themes == ("money", "sleep", "voices")
    with pytest.raises(ChoiceError, match="not among the themes"):
        mini_engine.choose(session, Step(reflect=ReflectStep(concerns=["family"],
                                                             asks_for="practical")))


def test_wrong_choices_are_refused_without_changing_state(mini_engine: Engine) -> None:
    session = mini_engine.start("s")
    for bad in (Step(line="nope"), Step(share=ShareStep(fragments=["nope"])),
                Step(share=ShareStep(fragments=["choir", "choir"])),
                Step(at="second", line="kind")):
        with pytest.raises(ChoiceError):
            mini_engine.choose(session, bad)
    assert session.state == "first" and session.transcript == []


def test_nothing_to_choose_after_the_end(mini_engine: Engine) -> None:
    session = mini_engine.start("s")
    mini_engine.choose(session, Step(line="cold"))
    mini_engine.choose(session, Step(line="plain"))
    with pytest.raises(ChoiceError, match="ended"):
        mini_engine.choose(session, Step(line="plain"))


def test_decide_changes_nothing_until_applied(mini_engine: Engine) -> None:
    session = mini_engine.start("d")
    before = json.dumps(mini_engine.save(session))
    turn = mini_engine.decide(session, Step(line="kind"))
    assert json.dumps(mini_engine.save(session)) == before  # nothing moved yet
    after = session.after(turn)
    mini_engine.apply(session, turn)
    assert mini_engine.save(session) == mini_engine.save(after)  # what the store gets
    with pytest.raises(ChoiceError, match="does not follow"):
        mini_engine.apply(session, turn)  # the same turn twice


def test_save_and_restore_round_trip_through_json(mini_engine: Engine) -> None:
    session = mini_engine.start("s")
    mini_engine.choose(session, Step(line="kind"))
    data = json.loads(json.dumps(mini_engine.save(session)))
    restored = mini_engine.restore(data)
    assert restored.state == "second" and restored.variables == {"trust": 1}
    assert restored.visits == session.visits
    assert mini_engine.save(restored) == data
    mini_engine.choose(restored, Step(line="trusted"))
    assert restored.state == "good"


def test_restore_replays_when_the_scenario_changed(
    shipped: Library, mini_engine: Engine, write: Callable[[str, str], Path]
) -> None:
    session = mini_engine.start("s")
    mini_engine.choose(session, Step(line="kind"))
    saved = mini_engine.save(session)
    edited, problems = validate_paths([str(write("m2.yaml", MINI.replace(
        "Want to try something together?", "Shall we try something together?")))])
    assert not problems
    engine2 = Engine(edited.scenario("mini"), shipped.rubric("core"), shipped.deck("robin"))
    restored = engine2.restore(saved)
    assert restored.content_hash != saved["content_hash"]
    assert restored.state == "second" and len(restored.transcript) == 1
    with pytest.raises(RestoreError, match="changed"):
        engine2.restore(saved, replay_on_change=False)


def test_restore_refuses_another_scenarios_save(mini_engine: Engine) -> None:
    data = mini_engine.save(mini_engine.start("s"))
    data["scenario_id"] = "other"
    with pytest.raises(RestoreError, match="other"):
        mini_engine.restore(data)


def test_rewind_replays_from_an_earlier_beat(mini_engine: Engine) -> None:
    session = mini_engine.start("s")
    mini_engine.choose(session, Step(line="cold"))
    mini_engine.choose(session, Step(line="plain"))
    again = mini_engine.rewind(session, 1)
    assert again.state == "second" and len(again.transcript) == 1
    assert again.variables == {"trust": -1}
    start = mini_engine.rewind(session, 0)
    assert start.state == "first" and start.transcript == []
    mini_engine.choose(start, Step(line="kind"))  # try another way
    assert start.variables == {"trust": 1}
    assert session.state == "okay"  # the original is untouched


def test_same_inputs_same_outcome(shipped: Library) -> None:
    scenario = shipped.scenario("loud-again")
    plan = next(p for p in scenario.tests if p.model)

    def play() -> str:
        engine = Engine(scenario, shipped.rubric("core"), shipped.deck("robin"),
                        label=shipped.theme_label)
        session = engine.start("same")
        for step in plan.steps:
            engine.choose(session, step)
        return json.dumps([engine.save(session), dump(engine.results(session))])

    assert play() == play()


def test_safety_gate_routes_to_the_safety_ending(shipped: Library) -> None:
    engine = Engine(shipped.scenario("nothing-left"), shipped.rubric("core"),
                    shipped.deck("robin"))
    session = engine.start("g")
    engine.choose(session, Step(line="tell-me-more"))
    turn = engine.choose(session, Step(line="everyone-feels"))
    assert turn.gate_route and session.state == "safety-first"
    result = engine.results(session)
    assert not result.passed and [g.event for g in result.gates] == ["risk-minimised"]


def test_machine_is_only_given_callables(shipped: Library) -> None:
    """transitions imports dotted strings as callbacks; the engine must never hand it one."""
    scenario = shipped.scenario("nothing-left")
    engine = Engine(scenario, shipped.rubric("core"))
    session = engine.start("m")
    machine = build_machine(scenario, session, "how-it-is", lambda _e: None)
    for transitions in machine.events["advance"].transitions.values():
        for transition in transitions:
            assert all(callable(c.func) and not isinstance(c.func, str)
                       for c in transition.conditions)
            assert not transition.before and not transition.after and not transition.prepare
    for state in machine.states.values():
        assert not state.on_enter and not state.on_exit
    assert all(callable(cb) and not isinstance(cb, str) for cb in machine.after_state_change)


def test_author_text_that_looks_like_code_is_just_text(
    shipped: Library, write: Callable[[str, str], Path]
) -> None:
    text = MINI.replace("That sounds hard.", "os.path.exists").replace(
        "Kind.", "__import__('os').system('false')")
    library, problems = validate_paths([str(write("m.yaml", text))])
    assert not problems
    engine = Engine(library.scenario("mini"), shipped.rubric("core"))
    session = engine.start("c")
    turn = engine.choose(session, Step(line="kind"))
    assert render(turn.score.scores[0].reason) == "__import__('os').system('false')"


def test_start_at_a_beat_for_play_testing(mini_engine: Engine) -> None:
    session = mini_engine.start("p", at="second")
    assert session.state == "second"
    with pytest.raises(ChoiceError):
        mini_engine.start("p", at="nowhere")


# -- the two-part turn: reflect, the person answers, then respond -----------------------------
GOOD_REFLECTION = ReflectStep(concerns=["sleep", "voices"], asks_for="practical")


def test_a_reflection_is_answered_before_the_turn_moves_on(mini_engine: Engine) -> None:
    session = mini_engine.start("r")
    heard = mini_engine.hear(session, GOOD_REFLECTION)
    assert session.state == "first" and session.transcript == []  # nothing moved
    assert heard.variables == {"trust": 1}  # the strong outcome's effect, once applied
    assert any(s.criterion == "listening" for s in heard.score.scores)
    after = mini_engine.options(session, heard)
    assert not after.can_reflect and after.can_share  # now respond
    assert [ln.id for ln in after.lines] == ["kind", "cold"]


def test_reflect_then_respond_is_one_turn_with_both_parts(mini_engine: Engine) -> None:
    session = mini_engine.start("r")
    turn = mini_engine.choose(session, Step(reflect=GOOD_REFLECTION, line="kind"))
    assert len(session.transcript) == 1 and session.state == "second"
    assert session.variables == {"trust": 2}  # the reflection's +1, then the line's +1
    assert turn.reflection is not None
    assert {s.criterion for s in turn.reflection.score.scores} <= \
        {s.criterion for s in turn.score.scores}  # the turn carries both parts' scores
    assert {"listening", "acceptance"} <= {s.criterion for s in turn.score.scores}
    restored = mini_engine.restore(json.loads(json.dumps(mini_engine.save(session))))
    assert restored.transcript[0].reflection == turn.reflection  # stored with its parts
    assert restored.transcript[0].step == turn.step


def test_the_reflection_can_open_a_response_that_was_not_on_offer(
        shipped: Library, write: Callable[[str, str | bytes], Path]) -> None:
    opened = MINI.replace("""    lines:
      - id: kind""", """    lines:
      - id: closer
        when: [{var: trust, gte: 1}]
        text: Would it help to talk about what nights are like?
        evidence: {focus: 3}
        feedback: Warm.
        next: second
      - id: kind""", 1)
    library, problems = validate_paths([str(write("mini.yaml", opened))])
    assert not problems, [p.format() for p in problems]
    engine = Engine(library.scenario("mini"), library.rubric("core"), library.deck("robin"))
    session = engine.start("r")
    assert "closer" not in [ln.id for ln in engine.options(session).lines]
    heard = engine.hear(session, GOOD_REFLECTION)  # heard well: trust +1
    assert "closer" in [ln.id for ln in engine.options(session, heard).lines]
    turn = engine.choose(session, Step(reflect=GOOD_REFLECTION, line="closer"))
    assert turn.step.line == "closer" and session.state == "second"
    with pytest.raises(ChoiceError, match="closer"):  # without the reflection it is not offered
        engine.choose(engine.start("s"), Step(line="closer"))


def test_a_reflection_alone_still_ends_the_turn(mini_engine: Engine) -> None:
    session = mini_engine.start("r")
    turn = mini_engine.choose(session, Step(reflect=GOOD_REFLECTION))  # plans written before
    assert session.state == "second" and turn.reflection is None


def test_a_step_responds_once() -> None:
    with pytest.raises(ValueError, match="not both"):
        Step(line="kind", share=ShareStep())
    with pytest.raises(ValueError, match="a line, a share, or a reflect"):
        Step()
    assert Step(reflect=GOOD_REFLECTION, share=ShareStep()).share == ShareStep()
