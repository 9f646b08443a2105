"""Radical acceptance on shares and reflections: read from tags, explained, weighted by
the rubric (worked examples in docs/scoring.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from simulator.engine.engine import Engine
from simulator.engine.record import dump
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.library import Library
from simulator.model.deck import Fragment
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.model.rubric import Rubric
from simulator.model.scenario import Beat
from simulator.scoring.turns import score_reflect, score_share
from simulator.scoring.types import Told, TurnScore
from simulator.wording import render
from tests.conftest import codes

STOPPED = Told(disclosed=frozenset({"stopping-medication"}), rejects=frozenset({"patient"}))


def beat(**kw: Any) -> Beat:
    base: dict[str, Any] = {"says": "x", "concerns": {"medication": 0.6, "choice": 0.4},
                            "asks_for": "validation"}
    base.update(kw)
    return Beat.model_validate(base)


def piece(fid: str = "p", **kw: Any) -> Fragment:
    base: dict[str, Any] = {"id": fid, "title": "My secret title", "text": "words",
                            "themes": ["medication"], "phase": "turning-point", "intensity": 0,
                            "self_cost": 0}
    base.update(kw)
    return Fragment.model_validate(base)


@pytest.fixture(scope="module")
def rubric(shipped: Library) -> Rubric:
    return shipped.rubric("core")


def accept(turn: TurnScore) -> tuple[int, float, str, str]:
    score = turn.score("acceptance")
    assert score is not None
    advice = render(score.advice) if score.advice is not None else ""
    return score.level, score.raw, render(score.reason), advice


def shared(rubric: Rubric, frags: list[Fragment], told: Told = STOPPED,
           b: Beat | None = None, **how: Any) -> TurnScore:
    step = ShareStep(fragments=[f.id for f in frags], **how)
    return score_share(rubric, b or beat(), step, frags, lambda t: t, told)


# -- shares ---------------------------------------------------------------------------------
def test_a_piece_that_judges_a_disclosed_way_loses_two(rubric: Rubric) -> None:
    level, raw, reason, advice = accept(shared(rubric, [piece(judges=["stopping-medication"])]))
    assert (level, raw) == (1, 1.0)
    assert "can sound like a verdict" in reason and "My secret title" not in reason
    assert "offer it only as your own experience" in advice


def test_offered_as_yours_a_verdict_is_still_a_verdict(rubric: Rubric) -> None:
    """Offering it as yours does not halve the penalty: the content still holds it
    against them, and such a share is never judged strong."""
    turn = shared(rubric, [piece(judges=["stopping-medication"])], framing="offered",
                  permission=True, hand_back=True)
    assert accept(turn)[:2] == (1, 1.0)
    assert turn.band != "strong" and turn.share_kind == "verdict"


@pytest.mark.parametrize("how", [
    {"framing": "plain"}, {"framing": "offered"}, {"framing": "sameness"},
    {"framing": "lesson"}])
@pytest.mark.parametrize("tags", [
    {"judges": ["stopping-medication"]}, {"labels": ["patient"]},
    {"labels": ["non-compliant"]}])
def test_a_judging_share_is_never_strong(rubric: Rubric, how: dict[str, str],
                                         tags: dict[str, list[str]]) -> None:
    turn = shared(rubric, [piece(**tags)], permission=True, hand_back=True, **how)
    assert accept(turn)[0] <= 1 and turn.band != "strong"


@pytest.mark.parametrize(("tags", "framing", "gated"), [
    ({"judges": ["stopping-medication"]}, "plain", True),
    ({"judges": ["stopping-medication"]}, "offered", True),  # however gently offered
    ({"labels": ["patient"]}, "offered", True),  # a word they reject for themselves
    ({"labels": ["non-compliant"]}, "plain", False),  # a judging word: weak, not critical
    ({"judges": ["using-to-cope"]}, "plain", False),  # a way they never disclosed
])
def test_a_verdict_on_them_is_a_critical_action(rubric: Rubric, tags: dict[str, list[str]],
                                                framing: str, gated: bool) -> None:
    """A piece that judges what they disclosed, or uses a word they reject, trips the
    acceptance gate: one such share fails the session, not averaged away by the rest."""
    from simulator.scoring.results import summarise
    from simulator.scoring.verdict import verdict

    turn = shared(rubric, [piece(**tags)], framing=framing, permission=True, hand_back=True)
    assert ("judging-share" in turn.events) is gated
    good = shared(rubric, [piece()], framing="offered", permission=True, hand_back=True)
    result = summarise(rubric, [good, good, good, turn])
    assert any(g.gate == "acceptance" for g in result.gates) is gated
    if gated:
        assert not result.passed
        assert verdict(result).startswith("Not passed: Acceptance, not a verdict at turn 4")


def test_a_verdict_on_a_way_not_disclosed_costs_nothing(rubric: Rubric) -> None:
    turn = shared(rubric, [piece(judges=["using-to-cope"])])
    level, raw, reason, advice = accept(turn)
    assert (level, raw, advice) == (3, 3.0, "")
    assert "nothing you shared passes judgement on it" in reason


def test_the_same_message_scores_weak_on_a_share_as_on_a_line(rubric: Rubric) -> None:
    """The issue's case: a verdict piece used to score strong on a share."""
    turn = shared(rubric, [piece(judges=["stopping-medication"])], framing="lesson")
    assert accept(turn)[0] == 0  # 3 - 2 - 2


def test_rejected_and_judging_words(rubric: Rubric) -> None:
    # a word they reject is not rounded back up to 2 of 3
    assert accept(shared(rubric, [piece(labels=["patient"])]))[:2] == (1, 1.0)
    turn = shared(rubric, [piece(labels=["non-compliant"])])
    level, raw, reason, _ = accept(turn)
    assert (level, raw) == (1, 1.0) and "a label that judges" in reason
    # a word nobody here rejects and that does not judge costs nothing
    assert accept(shared(rubric, [piece(labels=["survivor"])]))[0] == 3


def test_framings(rubric: Rubric) -> None:
    assert accept(shared(rubric, [piece()], framing="sameness"))[:2] == (1, 1.0)
    assert accept(shared(rubric, [piece()], framing="lesson"))[:2] == (1, 1.0)
    offered = accept(shared(rubric, [piece()], framing="offered"))
    assert offered[0] == 3 and "leaving them free to take it or not" in offered[2]


def test_an_answer_to_a_hope_ask_not_offered_as_yours(rubric: Rubric) -> None:
    hope = beat(asks_for="hope")  # a turning point offers hope
    plain = accept(shared(rubric, [piece()], b=hope))
    assert plain[:2] == (2, 2.0) and "came across as what will work for them" in plain[2]
    assert accept(shared(rubric, [piece()], b=hope, framing="offered"))[1] == 3.0
    # a piece that does not answer the ask is not docked for it
    assert accept(shared(rubric, [piece(phase="struggle")], b=hope))[1] == 3.0


# -- reflections ------------------------------------------------------------------------------
def reflected(rubric: Rubric, reading: str | None, b: Beat) -> TurnScore:
    step = ReflectStep(concerns=["medication"], asks_for="validation", reading=reading)
    return score_reflect(rubric, b, step, lambda t: t, STOPPED)


@pytest.mark.parametrize(("reading", "level", "best"), [
    ("getting-by", 3, "strong"), ("their-choice", 3, "strong"),
    # accepting words that do not fit stopping medication: kind, but not acceptance of it
    ("self-protection", 2, "partial"), ("fear-of-judgement", 2, "partial"),
    ("manipulation", 0, "weak"), ("dishonesty", 0, "weak"), ("non-compliance", 0, "weak"),
    ("not-trying", 0, "weak"), ("denial", 0, "weak"), (None, 1, "partial"),
])
def test_reflection_reading_at_a_disclosure(rubric: Rubric, reading: str | None,
                                            level: int, best: str) -> None:
    turn = reflected(rubric, reading, beat(discloses=["stopping-medication"]))
    assert accept(turn)[0] == level
    order = ["weak", "partial", "strong"]
    assert order.index(turn.band) <= order.index(best)  # a judging reading makes it weak


def test_no_acceptance_score_on_a_reflection_where_nothing_was_disclosed(
        rubric: Rubric) -> None:
    assert reflected(rubric, "manipulation", beat()).score("acceptance") is None


def test_a_judging_reading_is_explained(rubric: Rubric) -> None:
    _, _, reason, advice = accept(reflected(rubric, "manipulation",
                                            beat(discloses=["stopping-medication"])))
    assert "You read stopping medication as manipulation" in reason
    assert "way of getting by first" in advice


# -- in play ----------------------------------------------------------------------------------
def _engine(shipped: Library, scenario: str) -> Engine:
    s = shipped.scenario(scenario)
    return Engine(s, shipped.rubric(s.rubric), shipped.deck(s.deck or ""),
                  label=shipped.theme_label)


def test_a_disclosure_is_remembered_for_the_rest_of_the_session(shipped: Library) -> None:
    engine = _engine(shipped, "stopping-meds")
    session = engine.start("s", at="asks-jun")
    assert "stopping-medication" not in engine.told(session).disclosed
    session = engine.start("s")  # cotton-wool discloses stopping medication
    assert engine.told(session).disclosed == {"stopping-medication"}
    assert engine.told(session).rejects >= {"patient", "non-compliant"}


def test_run_json_shows_acceptance_with_a_reason_on_every_share(shipped: Library) -> None:
    engine = _engine(shipped, "stopping-meds")
    session = engine.start("s")
    turn = engine.choose(session, Step(share=ShareStep(fragments=["binned-the-pills"])))
    score = turn.score.score("acceptance")
    assert score is not None and score.level <= 1
    assert dump(turn)["score"]["scores"][2]["reason"]["params"]["parts"][0]["id"] \
        == "share.acceptance.judges"


def test_permission_asked_by_a_line_counts_for_the_share_after(shipped: Library) -> None:
    engine = _engine(shipped, "what-worked")
    session = engine.start("s", at="asks-again")
    session.variables["trust"] = 1
    engine.choose(session, Step(line="one-thing-offer"))
    turn = engine.choose(session, Step(share=ShareStep(fragments=["five-percent-list"],
                                                       hand_back=True, framing="offered")))
    mutuality = turn.score.score("mutuality")
    assert mutuality is not None and mutuality.level == 3
    assert "in what you said just before" in render(mutuality.reason)
    assert mutuality.advice is None


# -- validation -------------------------------------------------------------------------------
Check = Callable[[str | bytes], list[Diagnostic]]

DECK = """kind: deck
id: acc-deck
title: T
owner: O
fragments:
  - id: a
    title: A
    text: words
    themes: [medication]
    phase: now
    intensity: 0
    self_cost: 0
    judges: [{judges}]
    labels: [{labels}]
"""


def test_unknown_ways_and_words_are_ps330(check: Check) -> None:
    problems = check(DECK.format(judges="stopping-medicine", labels="addict"))
    assert codes(problems) == ["PS330"]
    assert "unknown way of getting by 'stopping-medicine'" in problems[0].message


def test_a_disclosure_without_a_judging_piece_in_the_deck_is_ps331(
        shipped: Library, check: Check) -> None:
    from pathlib import Path

    text = Path(shipped.scenarios["stopping-meds"].path).read_text(encoding="utf-8")
    text = text.replace("discloses: [stopping-medication]\n",
                        "discloses: [stopping-medication, using-to-cope]\n", 1)
    problems = check(text)
    assert codes(problems) == ["PS331"]
    assert problems[0].severity.value == "warning"


def test_run_json_gives_acceptance_a_reason_on_shares_and_disclosure_reflections(
        write: Callable[[str, str], Any], capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from simulator.cli.main import main

    plan = write("p.yaml", "kind: plan\nid: acc\nscenario: stopping-meds\ndeck: jun\nsteps:\n"
                 "  - reflect: {concerns: [medication], asks_for: validation,"
                 " reading: non-compliance}\n"
                 "    share: {fragments: [binned-the-pills]}\n")
    assert main(["run", "stopping-meds", "--plan", str(plan), "--json"]) == 0
    [turn] = json.loads(capsys.readouterr().out)["transcript"]
    reflected = [s for s in turn["reflection"]["score"]["scores"]
                 if s["criterion"] == "acceptance"]
    shared = [s for s in turn["response"]["scores"] if s["criterion"] == "acceptance"]
    assert reflected and shared
    assert "You read stopping or skipping medication as non-compliance" in \
        reflected[0]["reason_text"]
    assert "can sound like a verdict" in shared[-1]["reason_text"]
    assert "Binning" not in json.dumps(turn)  # pieces counted, never named


def test_holding_back_may_carry_acceptance_evidence(shipped: Library, check: Check) -> None:
    from pathlib import Path

    text = Path(shipped.scenarios["stopping-meds"].path).read_text(encoding="utf-8")
    start = text.index("hold_back:")
    at = text.index("evidence: {", start) + len("evidence: {")
    problems = check(text[:at] + "acceptance: 3, " + text[at:])
    assert [p for p in problems if p.code == "PS318"] == []
    engine = _engine(shipped, "stopping-meds")
    rubric = shipped.rubric("core")
    beat_ = engine.scenario.beats["cotton-wool"].model_copy(update={"share": engine.scenario.beats[
        "cotton-wool"].share.model_copy(update={"hold_back": engine.scenario.beats[
            "cotton-wool"].share.hold_back.model_copy(update={"evidence": {"acceptance": 3}})})})
    held = score_share(rubric, beat_, ShareStep(), [], lambda t: t)
    assert [(s.criterion, s.level, s.source) for s in held.scores] == [("acceptance", 3, "author")]
