"""A pass shows the skill: skill-free strategies, random play and acceptance, over every
shipped scenario (docs/scoring.md, "Session results")."""

from __future__ import annotations

import random

import pytest

from simulator.engine.engine import ChoiceError, Engine
from simulator.engine.session import Session
from simulator.loading.library import Library, load_library
from simulator.model.plan import Framing, ReflectStep, ShareStep, Step
from simulator.strategies import NEVER_SHARE, STRATEGIES, play
from simulator.walk import random_session, walk


def _engine(shipped: Library, scenario_id: str) -> Engine:
    s = shipped.scenario(scenario_id)
    return Engine(s, shipped.rubric(s.rubric), shipped.deck(s.deck) if s.deck else None,
                  label=shipped.theme_label)


def _skilled_hold(session: Session) -> bool:
    return any(t.score.skill for t in session.transcript)


LIBRARY, _ = load_library([])  # for parametrising by scenario and beat
IDS = sorted(LIBRARY.scenarios)


@pytest.mark.parametrize("scenario_id", IDS)
@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_skill_free_strategies_never_pass(shipped: Library, scenario_id: str,
                                         strategy: str) -> None:
    """Never sharing (best, first or longest line; reflect and say no more; hold back),
    sharing the most private piece in detail, or sharing a piece without choosing it:
    none passes, except a never-sharing strategy whose hold-back is the skill the author
    marks at that beat."""
    run = play(_engine(shipped, scenario_id), strategy)
    if strategy in NEVER_SHARE and _skilled_hold(run.session):
        return
    assert not run.passed, (f"{strategy} passed {scenario_id}: overall"
                            f" {run.result.overall:.2f}, ending {run.session.state}")


def test_a_piece_at_random_rarely_passes_however_well_it_is_wrapped(shipped: Library) -> None:
    """Listening well, then a piece at random with every tick (asked, brief, offered as
    yours, handed back), 40 seeded runs per scenario. A pass needs one share that fits
    closely and shares that pertain two times in three, so chance alone passes only where
    a few of the deck's pieces truly fit the one moment (docs/scoring.md gives the
    figures): never more than 1 run in 4 in a scenario, nor 1 in 25 across the library."""
    runs = passed = 0
    worst = ("", 0)
    for scenario_id in IDS:
        engine = _engine(shipped, scenario_id)
        here = sum(play(engine, "listened-random-piece", f"random-{n}").passed
                   for n in range(40))
        runs, passed = runs + 40, passed + here
        worst = max(worst, (scenario_id, here), key=lambda w: w[1])
    assert worst[1] <= 10, f"{worst[0]}: {worst[1]} of 40 random runs passed"
    assert passed * 25 <= runs, f"{passed} of {runs} random runs passed"


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_catastrophic_share_fails_even_on_the_skilled_path(shipped: Library,
                                                             scenario_id: str) -> None:
    """The skilled plan with every share swapped for the deck's most private piece, told
    in detail, fails: one harmful share is not averaged away."""
    engine = _engine(shipped, scenario_id)
    model = next((p for p in engine.scenario.tests if p.expect.passed), None)
    if model is None or engine.deck is None:
        pytest.skip("no passing plan or no deck")
    worst = max(engine.deck.fragments,
                key=lambda f: (f.private, f.intensity + f.self_cost, f.intensity))
    session = engine.start("swap")
    swapped = 0
    for step in model.steps:
        if engine.beat(session) is None:
            break
        if step.share is not None and step.share.fragments:
            share = step.share.model_copy(update={"fragments": [worst.id],
                                                  "detail": "detailed"})
            step = step.model_copy(update={"share": share})
            swapped += 1
        try:
            engine.choose(session, step.model_copy(update={"at": None}))
        except ChoiceError:
            break  # the harmful share took the talk elsewhere: play on with the best lines
    best = STRATEGIES["best-line"]
    for _ in range(60):
        if engine.beat(session) is None:
            break
        engine.choose(session, best(engine, session, engine.menu(session)))
    if not swapped:
        pytest.skip("the skilled plan shares nothing")
    result = engine.results(session)
    assert not result.passed
    assert any(g.gate == "harm" for g in result.gates)


@pytest.mark.parametrize("scenario_id", IDS)
def test_seeded_walks_never_pass_without_the_skill(shipped: Library,
                                                   scenario_id: str) -> None:
    """A few hundred seeded random walks: no pass without a share (or the skilled
    hold-back), no pass at an ending marked as going badly, no pass without an ending."""
    engine = _engine(shipped, scenario_id)
    readings = sorted(shipped.acceptance_terms("readings"))
    rng = random.Random(17)
    passes = 0
    for run in range(300):
        session = random_session(engine, rng, f"w{run}", readings)
        result = engine.results(session)
        if not result.passed:
            continue
        passes += 1
        ending = engine.ending(session)
        assert ending is not None, f"walk {run} passed without an ending"
        assert ending.tone != "difficult", f"walk {run} passed at {session.state}"
        assert result.shares > 0 or _skilled_hold(session), f"walk {run} passed unshared"
        assert not result.gates
    report = walk(engine, 300, 5, readings)
    assert report.passed_unshared == 0 or engine.scenario.holding_back_is_a_skill()
    assert report.passed_badly == 0


def _disclosure_beats(shipped: Library) -> list[tuple[str, str]]:
    out = []
    for sid in IDS:
        scenario = shipped.scenario(sid)
        out += [(sid, b) for b, beat in scenario.beats.items() if beat.discloses]
    return out


@pytest.mark.parametrize(("scenario_id", "beat_id"), _disclosure_beats(LIBRARY))
def test_judging_shares_and_readings_are_never_strong(shipped: Library, scenario_id: str,
                                                      beat_id: str) -> None:
    """At every disclosure beat of the library: a share of any piece that judges what was
    disclosed, however framed and however well asked, is never strong; a judging reading
    makes the reflection weak; no reading, or a reading that fits nothing disclosed, is
    never strong."""
    engine = _engine(shipped, scenario_id)
    beat = engine.scenario.beats[beat_id]
    rules = engine.rubric.acceptance
    assert rules is not None
    session = engine.start("acc", at=beat_id)
    options = engine.options(session)
    ask = beat.asks_for
    concerns = sorted(beat.concerns)
    readings = sorted(shipped.acceptance_terms("readings"))
    for reading in [*readings, None]:
        if not options.can_reflect:
            break
        heard = engine.hear(session, ReflectStep(concerns=concerns, asks_for=ask,
                                                 reading=reading))
        level = heard.score.level("acceptance")
        if reading in rules.judging_readings:
            assert heard.score.band == "weak", reading
        elif reading is None:
            assert heard.score.band != "strong" and level is not None and level <= 1
        elif reading in rules.fits and not set(rules.fits[reading]) & set(beat.discloses):
            assert heard.score.band != "strong", reading
    if not options.can_share or engine.deck is None:
        return
    told = engine.told(session)
    judging = [f for f in engine.deck.fragments if set(f.judges) & told.disclosed]
    for piece in judging:
        for framing in Framing:
            step = Step(share=ShareStep(fragments=[piece.id], permission=True,
                                        hand_back=True, framing=framing))
            if options.can_reflect:
                step = step.model_copy(update={"reflect": ReflectStep(
                    concerns=concerns, asks_for=ask, reading="getting-by")})
            turn = engine.decide(session, step)
            before = len(turn.reflection.score.scores) if turn.reflection else 0
            acceptance = [s.level for s in turn.score.scores[before:]
                          if s.criterion == "acceptance"]
            assert turn.score.band != "strong", (piece.id, framing)
            assert acceptance and acceptance[0] <= 1, (piece.id, framing)
