"""Feedback agrees with itself: no turn's "next time" advice names a shortfall that its
own reason says was met (hand-back, permission, detail, "but"), over every shipped
scenario's plans and a few hundred seeded random walks."""

from __future__ import annotations

import random

import pytest

from simulator.engine.engine import Engine
from simulator.engine.session import Session, Turn
from simulator.loading.library import Library
from simulator.plans import run_plan
from simulator.walk import random_session
from simulator.wording import Message, render

#: Each piece of advice, and the reasons (any one) that say the shortfall it names
#: happened. Advice with no entry here fails the test: keep the two in step.
NEEDS: dict[str, set[str]] = {
    "advice.selectivity.find-one": {"share.selectivity.off"},
    "advice.selectivity.heaviest": {"share.selectivity.part"},
    "advice.selectivity.focused": {"share.selectivity.diluted"},
    "advice.selectivity.one-at-a-time": {"share.selectivity.many"},
    "advice.selectivity.avoid": {"share.selectivity.avoid"},
    "advice.selectivity.what-helped": {"share.selectivity.backstory"},
    "advice.detail.brief": {"share.selectivity.detail", "share.harm.detail",
                            "share.harm.detail-costly"},
    "advice.selectivity.new": {"share.selectivity.repeat"},
    "advice.timing.listen-first": {"share.timing.too-soon"},
    "advice.timing.reflect-first": {"share.focus.unlistened"},
    "advice.harm.room": {"share.harm.listener"},
    "advice.acceptance.fitting-reading": {"reflect.acceptance.unfitting"},
    "advice.focus.answer-ask": {"share.focus.offers-other"},
    "advice.focus.connect": {"share.focus.unconnected"},
    "advice.focus.room": {"share.focus.crowded"},
    "advice.hand-back": {"share.focus.kept"},
    "advice.hope.end-on-help": {"share.hope.ends-hard"},
    "advice.hope.turning-point": {"share.hope.none"},
    "advice.hope.shift": {"share.hope.war-story"},
    "advice.harm.private": {"share.harm.private"},
    "advice.harm.cost": {"share.harm.cost"},
    "advice.ask-first": {"share.mutuality.not-asked"},
    "advice.ask-after": {"share.mutuality.not-checked"},
    "advice.listening.missed": {"reflect.listening.missed"},
    "advice.listening.wrong": {"reflect.listening.wrong"},
    "advice.listening.ask": {"reflect.listening.ask-wrong", "reflect.focus.missed"},
    "advice.reflect.heaviest": {"reflect.focus.partly"},
    "advice.acceptance.verdict": {"share.acceptance.judges", "share.acceptance.judges-offered"},
    "advice.acceptance.their-words": {"share.acceptance.rejected-word"},
    "advice.acceptance.no-labels": {"share.acceptance.judging-word"},
    "advice.acceptance.sameness": {"share.acceptance.sameness"},
    "advice.acceptance.lesson": {"share.acceptance.lesson"},
    "advice.acceptance.offer-as-yours": {"share.acceptance.unowned"},
    "advice.acceptance.name-reading": {"reflect.acceptance.no-reading"},
    "advice.acceptance.read-as-getting-by": {"reflect.acceptance.judging"},
}


def _ids(message: Message | None) -> list[str]:
    if message is None:
        return []
    parts = message.params.get("parts", ())
    if message.id == "sentences" and isinstance(parts, tuple):
        return [p.id for p in parts if isinstance(p, Message)]
    return [message.id]


def contradictions(turn: Turn, asked_before: bool) -> list[str]:
    """What is wrong with one turn's advice, in words (empty when it agrees)."""
    out: list[str] = []
    share = turn.step.share
    for score in turn.score.scores:
        reasons = set(_ids(score.reason))
        advice = _ids(score.advice)
        where = f"turn {turn.index + 1} at {turn.beat}, {score.criterion}"
        if score.source == "author" and advice:
            out.append(f"{where}: generic advice under the author's feedback")
        for part in advice:
            if part not in NEEDS:
                out.append(f"{where}: advice {part} has no entry in NEEDS")
            elif not NEEDS[part] & reasons:
                out.append(f"{where}: advice {part} but the reason says {sorted(reasons)}")
        if share is not None:
            if share.hand_back and {"advice.hand-back", "advice.ask-after"} & set(advice):
                out.append(f"{where}: handed back, yet told to hand back")
            if (share.permission or asked_before) and "advice.ask-first" in advice:
                out.append(f"{where}: asked first, yet told to ask first")
            detail = {"share.harm.detail", "share.selectivity.detail",
                      "share.harm.detail-costly"} & reasons
            if share.detail.value == "brief" and "advice.detail.brief" in advice and not detail:
                out.append(f"{where}: brief, yet told to keep it brief")
        if score.advice is not None and '"but"' in render(score.advice):
            out.append(f"{where}: advice about a \"but\" the turn never had")
    return out


def _asked_before(engine: Engine, session: Session, index: int) -> bool:
    if index == 0:
        return False
    last = session.transcript[index - 1]
    lines = engine.scenario.beats[last.beat].lines
    return any(ln.id == last.step.line and ln.asks_permission for ln in lines)


def _check_session(engine: Engine, session: Session) -> list[str]:
    out: list[str] = []
    for turn in session.transcript:
        out += contradictions(turn, _asked_before(engine, session, turn.index))
    return out


def _engine(shipped: Library, scenario_id: str) -> Engine:
    scenario = shipped.scenario(scenario_id)
    deck = shipped.deck(scenario.deck) if scenario.deck else None
    return Engine(scenario, shipped.rubric(scenario.rubric), deck, label=shipped.theme_label)


def test_every_plan_of_every_shipped_scenario(shipped: Library) -> None:
    problems: list[str] = []
    for scenario_id in sorted(shipped.scenarios):
        engine = _engine(shipped, scenario_id)
        for plan in engine.scenario.tests:
            outcome = run_plan(engine, plan)
            problems += [f"{scenario_id}/{plan.id}: {p}"
                         for p in _check_session(engine, outcome.session)]
    assert problems == []


@pytest.mark.parametrize("seed", range(3))
def test_seeded_random_walks(shipped: Library, seed: int) -> None:
    """3 seeds x 10 scenarios x 12 walks = 360 walks."""
    readings = sorted(shipped.acceptance_terms("readings"))
    problems: list[str] = []
    turns = 0
    for scenario_id in sorted(shipped.scenarios):
        engine = _engine(shipped, scenario_id)
        rng = random.Random(seed)
        for run in range(12):
            session = random_session(engine, rng, f"w-{seed}-{run}", readings, 60)
            turns += len(session.transcript)
            problems += [f"{scenario_id} walk {run}: {p}" for p in _check_session(engine, session)]
    assert turns > 500
    assert problems == []


def test_the_check_catches_a_contradiction(shipped: Library) -> None:
    """The check itself can fail: advice to hand back under a share that handed back."""
    from dataclasses import replace

    from simulator.model.plan import ShareStep, Step
    from simulator.wording import msg

    engine = _engine(shipped, "loud-again")
    session = engine.start("c")
    turn = engine.choose(session, Step(share=ShareStep(fragments=["writing-them-down"],
                                                       hand_back=True)))
    focus = turn.score.score("focus")
    assert focus is not None
    bad = replace(focus, advice=msg("advice.hand-back"))
    forged = replace(turn, score=replace(turn.score, scores=(bad,)))
    assert contradictions(forged, False)


def test_model_shares_score_three_on_selectivity_with_no_advice_to_trim(
        shipped: Library) -> None:
    for scenario_id in sorted(shipped.scenarios):
        engine = _engine(shipped, scenario_id)
        plan = next(p for p in engine.scenario.tests if p.model)
        outcome = run_plan(engine, plan)
        shares = [t for t in outcome.session.transcript if t.score.kind == "share"]
        assert shares, scenario_id
        for turn in shares:
            selectivity = turn.score.score("selectivity")
            assert selectivity is not None and selectivity.level == 3, scenario_id
            assert selectivity.advice is None, (scenario_id, render(selectivity.advice))


def test_no_model_path_gets_advice(shipped: Library) -> None:
    """The path shown as skilled gets no "next time" advice on any part of any turn: a
    trainee who follows the model is never told to do something it did not do (reflect
    first, offer it as yours) or could not do there."""
    advised: list[str] = []
    for scenario_id in sorted(shipped.scenarios):
        engine = _engine(shipped, scenario_id)
        for plan in (p for p in engine.scenario.tests if p.model):
            for turn in run_plan(engine, plan).session.transcript:
                parts = [turn.score] + ([turn.reflection.score] if turn.reflection else [])
                advised += [f"{scenario_id}/{plan.id} turn {turn.index + 1} ({turn.beat}):"
                            f" {render(s.advice)}"
                            for part in parts for s in part.scores if s.advice is not None]
    assert advised == []
