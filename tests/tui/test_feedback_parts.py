"""The feedback screen shows a two-part turn's reflection and response from the parts the
turn names, whatever order the turn's combined scores are in."""

from __future__ import annotations

from simulator.engine.session import Reflection, Turn
from simulator.loading.library import Library
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.scoring.types import CriterionScore, TurnScore
from simulator.tui.screens.feedback import coaching
from simulator.wording import msg


def _score(criterion: str, level: int) -> CriterionScore:
    return CriterionScore(criterion, level, float(level), msg("authored", text=criterion),
                          "author")


def test_coaching_reads_the_reflection_and_the_response_by_name(shipped: Library) -> None:
    rubric = shipped.rubric("core")
    heard = TurnScore((_score("listening", 3),), "strong", 3.0, kind="reflect")
    said = TurnScore((_score("selectivity", 1), _score("focus", 2)), "partial", 1.5,
                     kind="share")
    # the combined scores in an order that counting from the front would split wrongly
    both = TurnScore((*said.scores, *heard.scores), "partial", 2.0, kind="share")
    step = Step(reflect=ReflectStep(concerns=["voices"], asks_for="validation"),
                share=ShareStep(fragments=["the-restraint"]))
    turn = Turn(0, "b", step, both, "c", {}, "They nod.",
                reflection=Reflection(heard, "Yes, that's it."), response=said)
    text = coaching(turn, rubric, lambda _id: None).plain
    reflection, response = text.split("Your response")
    names = {c: rubric.criteria[c].name for c in ("listening", "selectivity", "focus")}
    assert names["listening"] in reflection and "Yes, that's it." in reflection
    assert names["selectivity"] not in reflection and names["focus"] not in reflection
    assert names["selectivity"] in response and names["focus"] in response
    assert names["listening"] not in response and "They nod." in response
