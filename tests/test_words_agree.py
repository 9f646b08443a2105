"""Every reason and label agrees with what the trainee chose; one rounding and one wording
of a verdict; warm words for a poor choice (issue 23, item 5)."""

from __future__ import annotations

import dataclasses
import re

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.scoring.reasons import deck_titles
from simulator.scoring.verdict import verdict
from simulator.tui.screens.debrief import skilled_path, summary
from simulator.tui.screens.feedback import coaching
from simulator.wording import PHRASES, render
from simulator.wording.scores import band_words, choices, score


def _engine(shipped: Library, scenario: str = "loud-again") -> Engine:
    return Engine(shipped.scenario(scenario), shipped.rubric("core"), shipped.deck("robin"),
                  label=shipped.theme_label)


def test_verdict_line_and_debrief_round_the_overall_alike(shipped: Library) -> None:
    engine = _engine(shipped)
    session = engine.start()
    engine.choose(session, Step(share=ShareStep(fragments=["first-person-who-believed"])))
    scored = engine.results(session)
    met = tuple(dataclasses.replace(c, passed=None, verdict="no-mark") for c in scored.criteria)
    result = dataclasses.replace(scored, criteria=met, overall=2.59, pass_mark=2.0,
                                 passed=True, reasons=(), gates=())
    assert verdict(result).startswith("Passed: overall 2.6,")
    assert "Overall 2.6 of 3 (pass mark 2)" in summary(engine, session, result).plain


def test_one_rounding_never_reads_as_reaching_the_mark() -> None:
    assert score(2.46, 2.5) == "2.46"  # "2.5" would read as reaching the mark
    assert score(2.59, 2.0) == "2.6"
    assert score(1.5, 1.5) == "1.5"


def test_a_criterion_below_its_mark_is_said_in_plain_words_over_its_choices(
        shipped: Library) -> None:
    engine = _engine(shipped)
    session = engine.start()
    engine.choose(session, Step(share=ShareStep(fragments=["sofa-year"])))
    text = summary(engine, session, engine.results(session)).plain
    assert "turn(s)" not in text
    assert "from 1 choice" in text
    # no verdict shouted in capitals ("BELOW THE MARK")
    assert not re.search(r"\b[A-Z]{4,}\b", text.replace("SAFETY FIRST", ""))


def test_going_into_detail_is_never_called_brief(shipped: Library) -> None:
    engine = _engine(shipped)
    session = engine.start()
    turn = engine.choose(session, Step(share=ShareStep(
        fragments=["first-person-who-believed"], detail="detailed", permission=True,
        hand_back=True)))
    reasons = " ".join(render(s.reason, deck_titles(engine.deck), engine.label)
                       for s in turn.score.scores)
    assert "detail" in reasons
    assert "Brief" not in reasons and "brief" not in reasons


def test_coaching_speaks_warmly_and_never_in_capitals(shipped: Library) -> None:
    engine = _engine(shipped)
    session = engine.start()
    turn = engine.choose(session, Step(share=ShareStep(fragments=["sofa-year"],
                                                       detail="detailed")))
    assert turn.score.band == "weak"
    text = coaching(turn, engine.rubric, deck_titles(engine.deck), engine.label).plain
    assert "Judged" not in text and "WEAK" not in text
    assert band_words("weak") in text


def test_holding_back_is_not_described_as_a_piece(shipped: Library) -> None:
    engine = _engine(shipped)
    session = engine.start()
    turn = engine.choose(session, Step(share=ShareStep(fragments=[])))
    assert turn.responded.kind == "hold-back"
    text = coaching(turn, engine.rubric, deck_titles(engine.deck), engine.label).plain
    assert "Holding back" in text
    assert "Level:" not in text  # the rubric's level lines speak of a piece shared


def test_the_skilled_path_is_the_skilled_peers_not_the_trainees(shipped: Library) -> None:
    text = skilled_path(_engine(shipped)).plain
    assert "The skilled peer" in text
    assert "You reflected" not in text and "You shared" not in text \
        and "You said" not in text


def test_no_phrase_shouts_or_speaks_of_unburdening() -> None:
    for phrase_id, phrase in PHRASES.items():
        assert "unburden" not in phrase.lower(), phrase_id
        assert not re.search(r"\b[A-Z]{3,}\b", phrase), phrase_id


def test_a_mean_counts_choices_not_turns() -> None:
    assert choices(1) == "1 choice" and choices(10) == "10 choices"


def test_one_authored_sentence_is_said_once_not_under_every_criterion(
        shipped: Library) -> None:
    engine = _engine(shipped)
    session = engine.start()
    turn = engine.choose(session, Step(line="me-too-ward"))
    assert len(turn.score.scores) > 1
    sentence = render(turn.score.scores[0].reason)
    text = coaching(turn, engine.rubric, deck_titles(engine.deck), engine.label).plain
    assert text.count(sentence.strip()) == 1
    for scored in turn.score.scores:
        assert f"{engine.rubric.criteria[scored.criterion].name}: {scored.level} of 3" in text


def test_the_debrief_transcript_tells_a_reflections_scores_from_the_responses(
        shipped: Library) -> None:
    from simulator.model.plan import ReflectStep
    from simulator.tui.describe import transcript, turn_summary

    engine = _engine(shipped)
    session = engine.start()
    turn = engine.choose(session, Step(
        reflect=ReflectStep(concerns=["voices", "not-believed"], asks_for="validation"),
        share=ShareStep(fragments=["first-person-who-believed"], permission=True,
                        hand_back=True)))
    summary_line = turn_summary(turn)
    assert "reflection: " in summary_line and "; response: " in summary_line
    head, tail = summary_line.split("; response: ")
    assert "focus" in head and "focus" in tail  # each part's focus, told apart
    text = transcript(engine, session, scored=True).plain
    assert "  reflection: " in text and "  response: " in text
