"""Hand-worked scoring examples, one or more per criterion (see docs/scoring.md)."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.loading.library import Library
from simulator.model.deck import Fragment
from simulator.model.plan import ReflectStep, ShareStep
from simulator.model.rubric import Rubric
from simulator.model.scenario import Beat
from simulator.scoring.results import summarise
from simulator.scoring.turns import band, score_reflect, score_share
from simulator.scoring.types import CriterionScore, TurnScore, clip_level
from simulator.wording import Message, render

NO_REASON = Message("authored", {"text": ""})


def beat(**kw: Any) -> Beat:
    base: dict[str, Any] = {"says": "x", "concerns": {"voices": 0.6, "not-believed": 0.4},
                            "asks_for": "validation"}
    base.update(kw)
    return Beat.model_validate(base)


def frag(fid: str = "f", **kw: Any) -> Fragment:
    base: dict[str, Any] = {"id": fid, "title": fid.title(), "text": "words", "themes": ["voices"],
                            "phase": "what-helped", "intensity": 1, "self_cost": 0}
    base.update(kw)
    return Fragment.model_validate(base)


@pytest.fixture(scope="module")
def rubric(shipped: Library) -> Rubric:
    return shipped.rubric("core")


def levels(turn: TurnScore) -> dict[str, int]:
    return {s.criterion: s.level for s in turn.scores}


def share(rubric: Rubric, b: Beat, frags: list[Fragment], **how: Any) -> TurnScore:
    step = ShareStep(fragments=[f.id for f in frags], **how)
    return score_share(rubric, b, step, frags, lambda t: t)


def test_clip_rounds_half_up_within_scale() -> None:
    assert [clip_level(x) for x in (-1.0, 0.49, 0.5, 1.5, 2.4, 2.5, 9.0)] == [0, 0, 1, 2, 2, 3, 3]


# -- selectivity -------------------------------------------------------------------------------
def test_selectivity_one_relevant_brief_fragment(rubric: Rubric) -> None:
    # relevance 0.6 + 0.4 = 1.0 -> 3*1.0 = 3; intensity 1 costs nothing -> 3
    f = frag(themes=["voices", "not-believed"])
    assert levels(share(rubric, beat(), [f]))["selectivity"] == 3


def test_selectivity_one_piece_on_the_heaviest_concern_is_a_good_selection(
        rubric: Rubric) -> None:
    # voices is the heaviest concern (0.6): reach 1, precision 1 -> 3
    turn = share(rubric, beat(), [frag()])
    assert levels(turn)["selectivity"] == 3
    assert turn.score("selectivity").advice is None  # nothing to trim


def test_selectivity_partly_relevant(rubric: Rubric) -> None:
    # only not-believed (0.4 of the heaviest 0.6): reach 0.667 -> 2.0 -> level 2
    turn = share(rubric, beat(), [frag(themes=["not-believed"])])
    assert levels(turn)["selectivity"] == 2
    assert "touches not believed, but not what weighs on them most (voices)" in \
        render(turn.score("selectivity").reason)


def test_selectivity_answers_the_question_they_asked(rubric: Rubric) -> None:
    # the question is about not-believed: a piece on it reaches what they need -> 3
    asked = beat(asks_about=["not-believed"])
    assert levels(share(rubric, asked, [frag(themes=["not-believed"])]))["selectivity"] == 3


def test_selectivity_many_themes_score_lower_than_a_focused_piece(rubric: Rubric) -> None:
    # eight themes, two raised: precision 0.25 -> fit 1 x min(1, 0.375) -> 1.125 -> 1
    scattered = frag(themes=["voices", "not-believed", "money", "work", "family", "sleep",
                             "housing", "grief"])
    focused = frag(themes=["voices", "not-believed"])
    wide = share(rubric, beat(), [scattered])
    assert levels(wide)["selectivity"] == 1 < levels(share(rubric, beat(), [focused]))[
        "selectivity"] == 3
    assert "which they did not raise" in render(wide.score("selectivity").reason)
    assert "rather than one about many things" in render(wide.score("selectivity").advice)


def test_selectivity_one_unraised_theme_in_three_keeps_full_fit(rubric: Rubric) -> None:
    # precision 2/3 -> min(1, 1.5 x 2/3) = 1 -> 3
    f = frag(themes=["voices", "not-believed", "work"])
    assert levels(share(rubric, beat(), [f]))["selectivity"] == 3


def test_selectivity_irrelevant_war_story(rubric: Rubric) -> None:
    # relevance 0 -> 0; intensity 3 -> -2; only struggle -> -0.5 -> raw -2.5 -> 0
    f = frag(themes=["hospital"], phase="struggle", intensity=3)
    turn = share(rubric, beat(), [f])
    score = next(s for s in turn.scores if s.criterion == "selectivity")
    assert (score.level, score.raw) == (0, -2.5)
    assert "is about something else, but they are talking about voices" in render(score.reason)


def test_selectivity_too_many_pieces_at_once(rubric: Rubric) -> None:
    # two fragments, each relevance 1.0 -> 3 - 0.5 = 2.5 -> 3; three -> 3 - 1 = 2
    fs = [frag(f"f{i}", themes=["voices", "not-believed"]) for i in range(3)]
    assert levels(share(rubric, beat(), fs[:2]))["selectivity"] == 3
    turn = share(rubric, beat(), fs)
    assert levels(turn)["selectivity"] == 2
    assert "3 pieces at once" in render(turn.scores[0].reason)


def test_selectivity_detail_and_avoid_with(rubric: Rubric) -> None:
    # relevance 1 -> 3; detailed makes intensity 2 -> -1; avoid_with voices -> -1 -> 1
    f = frag(themes=["voices", "not-believed"], avoid_with=["voices"])
    assert levels(share(rubric, beat(), [f], detail="detailed"))["selectivity"] == 1


# -- focus: "how can you help me?" --------------------------------------------------------------
def test_focus_answers_the_ask_and_hands_back(rubric: Rubric) -> None:
    f = frag(phase="turning-point")  # offers hope and validation
    assert levels(share(rubric, beat(), [f], hand_back=True))["focus"] == 3


def test_focus_wrong_offer_and_no_hand_back(rubric: Rubric) -> None:
    # asks validation; what-helped offers practical and hope -> -1; no hand back -> -1 -> 1
    turn = share(rubric, beat(), [frag()])
    assert levels(turn)["focus"] == 1
    reason = render(next(s.reason for s in turn.scores if s.criterion == "focus"))
    assert "They wanted to be heard and believed" in reason
    assert "hand it back with a question" in reason


def test_focus_reflect_ask_heard_or_not(rubric: Rubric) -> None:
    b = beat()
    right = score_reflect(rubric, b, ReflectStep(concerns=["voices"], asks_for="validation"),
                          lambda t: t)
    wrong = score_reflect(rubric, b, ReflectStep(concerns=["voices"], asks_for="practical"),
                          lambda t: t)
    assert levels(right)["focus"] == 3 and levels(wrong)["focus"] == 1


# -- hope ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("phases", "intensity", "expected"), [
    (["what-helped"], 1, 3),
    (["what-helped", "struggle"], 1, 2),
    (["struggle"], 1, 1),
    (["struggle"], 2, 0),
])
def test_hope_wellness_story_not_war_story(rubric: Rubric, phases: list[str], intensity: int,
                                           expected: int) -> None:
    fs = [frag(f"f{i}", phase=p, intensity=intensity) for i, p in enumerate(phases)]
    assert levels(share(rubric, beat(), fs))["hope"] == expected


# -- harm to the person and to self ---------------------------------------------------------------
def test_harm_safe_share(rubric: Rubric) -> None:
    assert levels(share(rubric, beat(), [frag()]))["harm"] == 3


def test_harm_detail_and_cost_to_self(rubric: Rubric) -> None:
    # intensity 2 -> -1; self_cost 3 -> -2 -> 0
    assert levels(share(rubric, beat(), [frag(intensity=2, self_cost=3)]))["harm"] == 0
    # self_cost 2 only -> -1 -> 2
    assert levels(share(rubric, beat(), [frag(self_cost=2)]))["harm"] == 2


def test_harm_private_fragment_is_zero_with_a_kind_reason(rubric: Rubric) -> None:
    turn = share(rubric, beat(), [frag(private=True)])
    score = next(s for s in turn.scores if s.criterion == "harm")
    assert score.level == 0 and "self-care" in render(score.reason)


# -- mutuality and autonomy ------------------------------------------------------------------------
@pytest.mark.parametrize(("permission", "hand_back", "expected"),
                         [(False, False, 1), (True, False, 2), (False, True, 2), (True, True, 3)])
def test_mutuality_ask_share_ask(rubric: Rubric, permission: bool, hand_back: bool,
                                 expected: int) -> None:
    turn = share(rubric, beat(), [frag()], permission=permission, hand_back=hand_back)
    assert levels(turn)["mutuality"] == expected


# -- listening accuracy ---------------------------------------------------------------------
@pytest.mark.parametrize(("named", "ask", "expected"), [
    (["voices", "not-believed"], "validation", 3),   # 3*1.0
    (["voices"], "validation", 2),                   # 3*0.6 = 1.8
    (["not-believed"], "validation", 1),             # 3*0.4 = 1.2
    (["voices", "not-believed", "money"], "validation", 2),  # 3 - 1 wrong
    (["voices", "not-believed"], "hope", 2),         # 3 - 1 wrong ask
    (["money"], "hope", 0),                          # 0 - 1 - 1
])
def test_listening_accuracy(rubric: Rubric, named: list[str], ask: str, expected: int) -> None:
    turn = score_reflect(rubric, beat(), ReflectStep(concerns=named, asks_for=ask), lambda t: t)
    assert levels(turn)["listening"] == expected


def test_reflect_reason_names_what_was_missed(rubric: Rubric) -> None:
    turn = score_reflect(rubric, beat(), ReflectStep(concerns=["voices"], asks_for="validation"),
                         lambda t: t)
    reason = render(next(s.reason for s in turn.scores if s.criterion == "listening"),
                    None, str.upper)
    assert "You heard VOICES." in reason and "You missed NOT-BELIEVED." in reason


# -- radical acceptance comes from authored evidence ------------------------------------------
def test_acceptance_is_scored_from_author_evidence(mini_engine: Any) -> None:
    from simulator.model.plan import Step

    session = mini_engine.start("s")
    turn = mini_engine.choose(session, Step(line="cold"))
    assert [(s.criterion, s.level, s.source) for s in turn.score.scores] == \
        [("acceptance", 0, "author")]
    assert render(turn.score.scores[0].reason) == "Dismissive."


# -- safety gate -----------------------------------------------------------------------------------
def test_any_share_at_a_risk_beat_raises_risk_ignored(rubric: Rubric) -> None:
    risky = beat(safety={"risk": "suicide", "notice": ["suicidal-thoughts"]})
    turn = share(rubric, risky, [frag()], permission=True, hand_back=True)
    assert turn.events == ("risk-ignored",) and turn.band == "weak"


def test_reflection_that_names_the_risk_does_not_trip(rubric: Rubric) -> None:
    risky = beat(concerns={"suicidal-thoughts": 1.0},
                 safety={"risk": "suicide", "notice": ["suicidal-thoughts"]})
    ok = score_reflect(rubric, risky, ReflectStep(concerns=["suicidal-thoughts"],
                                                  asks_for="validation"), lambda t: t)
    missed = score_reflect(rubric, risky, ReflectStep(concerns=["money"], asks_for="validation"),
                           lambda t: t)
    assert ok.events == () and missed.events == ("risk-ignored",)


# -- bands and session results ---------------------------------------------------------------------
def test_band_uses_rubric_weights(rubric: Rubric) -> None:
    # selectivity weight 2 at 3, harm weight 1.5 at 1 -> (6 + 1.5) / 3.5 = 2.14 -> partial
    scores = [CriterionScore("selectivity", 3, 3, NO_REASON, "x"),
              CriterionScore("harm", 1, 1, NO_REASON, "x")]
    label, mean = band(rubric, scores)
    assert label == "partial" and round(mean, 2) == 2.14


def test_session_result_weighted_overall_and_pass(rubric: Rubric) -> None:
    turns = [
        TurnScore((CriterionScore("acceptance", 3, 3, NO_REASON, "author"),
                   CriterionScore("focus", 2, 2, NO_REASON, "author")), "strong", 2.5),
        TurnScore((CriterionScore("acceptance", 1, 1, NO_REASON, "author"),), "weak", 1.0),
    ]
    result = summarise(rubric, turns)
    # acceptance mean 2 (w2), focus mean 2 (w2) -> overall 2.0, pass mark 2.0 -> passes
    assert result.overall == 2.0 and result.passed
    assert result.criterion("acceptance").mean == 2.0  # type: ignore[union-attr]


def test_criterion_below_its_pass_mark_fails_the_session(rubric: Rubric) -> None:
    turns = [TurnScore((CriterionScore("acceptance", 1, 1, NO_REASON, "author"),
                        CriterionScore("hope", 3, 3, NO_REASON, "author"),
                        CriterionScore("mutuality", 3, 3, NO_REASON, "author")), "partial", 2.0)]
    result = summarise(rubric, turns * 2)  # two turns: enough evidence for a verdict
    # overall (2 + 3 + 3) / 4 = 2.0 but acceptance 1 < its pass mark 1.5
    assert result.overall == 2.0 and not result.passed
    assert result.criterion("acceptance").verdict == "not-met"


def test_gate_fails_the_session_whatever_the_scores(rubric: Rubric) -> None:
    turns = [TurnScore((CriterionScore("acceptance", 3, 3, NO_REASON, "author"),), "weak", 3.0,
                       events=("risk-minimised",))]
    result = summarise(rubric, turns)
    assert result.overall == 3.0 and not result.passed
    assert [g.gate for g in result.gates] == ["safety"]
    assert "supervisor" in result.gates[0].route
