"""Enough evidence before a verdict; no pass mark is never "passed"; a skill never
practised is said so; safety leads the feedback and the debrief."""

from __future__ import annotations

from simulator.engine.engine import Engine
from simulator.engine.record import dump
from simulator.loading.library import Library
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.scoring.reasons import deck_titles
from simulator.scoring.results import summarise
from simulator.scoring.types import CriterionScore, TurnScore
from simulator.tui.screens.debrief import summary
from simulator.tui.screens.feedback import coaching
from simulator.wording import Message, verdict_text

NONE = Message("authored", {"text": ""})


def turn(*levels: tuple[str, int], kind: str = "share") -> TurnScore:
    scores = tuple(CriterionScore(c, lv, float(lv), NONE, "author") for c, lv in levels)
    return TurnScore(scores, "partial", 2.0, kind=kind)


def test_one_turn_below_the_mark_fails_the_session(shipped: Library) -> None:
    """Too little evidence never grants a pass: one harmful share is not averaged away."""
    rubric = shipped.rubric("core")
    assert rubric.evidence_turns == 2
    result = summarise(rubric, [turn(("selectivity", 0), ("focus", 3), ("hope", 3)),
                                turn(("focus", 3), ("hope", 3), kind="line")])
    selectivity = result.criterion("selectivity")
    assert selectivity is not None
    assert (selectivity.passed, selectivity.verdict, selectivity.turns) == \
        (False, "not-met", 1)
    assert not result.passed
    from simulator.scoring.verdict import verdict

    assert verdict(result).startswith("Not passed: Strategic selectivity 0.0, pass mark 2")


def test_one_turn_at_the_mark_is_met_on_thin_evidence(shipped: Library) -> None:
    rubric = shipped.rubric("core")
    result = summarise(rubric, [turn(("selectivity", 3), ("focus", 3), ("hope", 3)),
                                turn(("focus", 3), ("hope", 3), kind="line")])
    selectivity = result.criterion("selectivity")
    assert selectivity is not None
    assert (selectivity.passed, selectivity.verdict) == (None, "too-few")
    assert verdict_text(selectivity.verdict, selectivity.turns) == \
        "meets the mark, on one choice only"
    assert result.passed  # scores alone (no scenario's assessment given) can pass


def test_a_criterion_without_a_pass_mark_is_never_passed(shipped: Library) -> None:
    result = summarise(shipped.rubric("core"), [turn(("hope", 0))] * 3)
    hope = result.criterion("hope")
    assert hope is not None and hope.pass_mark is None
    assert (hope.passed, hope.verdict) == (None, "no-mark")
    assert dump(result)["criteria"][0]["passed"] is None


def _engine(shipped: Library, scenario_id: str) -> Engine:
    scenario = shipped.scenario(scenario_id)
    deck = shipped.deck(scenario.deck) if scenario.deck else None
    return Engine(scenario, shipped.rubric(scenario.rubric), deck, label=shipped.theme_label)


def test_the_debrief_says_when_the_skill_was_never_practised(shipped: Library) -> None:
    engine = _engine(shipped, "loud-again")
    session = engine.start("s")
    engine.choose(session, Step(share=ShareStep()))  # held back: shared nothing
    text = summary(engine, session, engine.results(session)).plain
    assert engine.results(session).shares == 0
    assert "was not shown yet, and the session cannot pass" in text
    assert "meets the mark, on one choice only" in text
    session = engine.start("t")
    engine.choose(session, Step(share=ShareStep(fragments=["writing-them-down"])))
    assert "was not practised yet" not in summary(engine, session,
                                                  engine.results(session)).plain


def test_safety_leads_the_coaching_and_the_debrief(shipped: Library) -> None:
    engine = _engine(shipped, "nothing-left")
    session = engine.start("s", at="nothing-left")
    turn_ = engine.choose(session, Step(reflect=ReflectStep(concerns=["hopelessness"],
                                                            asks_for="hope")))
    text = coaching(turn_, engine.rubric, deck_titles(engine.deck), engine.label).plain
    assert text.startswith("SAFETY FIRST:")
    assert text.index("SAFETY FIRST") < text.index("Listening accuracy")
    debrief = summary(engine, session, engine.results(session)).plain
    assert debrief.startswith("SAFETY FIRST:")
    assert debrief.index("SAFETY FIRST") < debrief.index("Overall")


def test_a_pass_says_how_many_attempts_it_took(shipped: Library) -> None:
    """Practice can be trial and error: a pass after "Try another way" says so."""
    from dataclasses import replace

    from simulator.scoring.verdict import verdict

    rubric = shipped.rubric("core")
    result = summarise(rubric, [turn(("selectivity", 3), ("focus", 3), ("hope", 3)),
                                turn(("selectivity", 3), ("focus", 3), ("hope", 3))])
    assert result.passed and not verdict(result).endswith("attempts.")
    assert verdict(replace(result, attempts=3)).endswith("It took 3 attempts.")


def test_the_debrief_tells_the_ending_as_this_path_reached_it(shipped: Library) -> None:
    """The notebook is in Dani's ending only when the trainee told her about writing
    them down; the debrief and the last screen show the ending's told variant."""
    from simulator.plans import run_plan
    from simulator.tui.describe import says

    scenario = shipped.scenario("loud-again")
    engine = Engine(scenario, shipped.rubric("core"), shipped.deck("robin"),
                    label=shipped.theme_label)
    model = next(p for p in scenario.tests if p.model)
    session = run_plan(engine, model).session
    assert session.state == "came-back"
    told = "notebook full of scribbles"
    assert told in summary(engine, session, engine.results(session)).plain
    assert told in says(engine, session).plain
    untold = engine.start("untold")
    for step in model.steps:  # the same path without the share: no notebook
        if step.share is not None and step.share.fragments:
            step = step.model_copy(update={"share": ShareStep()})
        engine.choose(untold, step)
    assert untold.state == "came-back"
    assert told not in summary(engine, untold, engine.results(untold)).plain
    assert "know a bit more" in says(engine, untold).plain


def test_sharing_needs_one_piece_that_fits_closely(shipped: Library) -> None:
    """Shares that only half fit (selectivity 2 each time) pass no storytelling scenario:
    choosing the piece that pertains must be shown once at its full standard."""
    from simulator.scoring.results import Assessment
    from simulator.scoring.verdict import verdict

    rubric = shipped.rubric("core")
    assessed = Assessment(sharing=True, listening=False, skill_holds=False, ending="end",
                          ending_title="End", ending_tone="good", ended=True)
    half = [turn(("selectivity", 2), ("focus", 3), ("hope", 3)) for _ in range(3)]
    result = summarise(rubric, half, assessed)
    assert result.overall >= rubric.pass_mark and result.reasons == ("no-close-fit",)
    assert not result.passed
    assert verdict(result) == ("Not passed: none of the pieces you shared fitted closely;"
                               " this scenario assesses choosing the piece that pertains.")
    close = [*half[:2], turn(("selectivity", 3), ("focus", 3), ("hope", 3))]
    assert summarise(rubric, close, assessed).passed


def test_someone_else_in_the_group_can_speak(shipped: Library) -> None:
    """A beat's `speaker` is named before its words on screen and in the transcript;
    the person's own beats keep their name."""
    from simulator.plans import run_plan
    from simulator.tui.describe import says, transcript

    scenario = shipped.scenario("in-the-circle")
    engine = Engine(scenario, shipped.rubric("core"), shipped.deck(scenario.deck),
                    label=shipped.theme_label)
    model = next(p for p in scenario.tests if p.model)
    session = engine.start("circle")
    seen = False
    for step in model.steps:
        if session.state == "ayesha-asks":
            seen = "\nAyesha: How do you get through" in says(engine, session).plain
        engine.choose(session, step)
    assert seen
    assert "ayesha-asks" in [t.beat for t in session.transcript]
    told = transcript(engine, session, scored=False).plain
    assert "Ayesha: How do you get through the evenings" in told
    assert "Kev: Go on then, you're the leader." in told
    assert run_plan(engine, model).result.passed
