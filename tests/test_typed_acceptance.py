"""Words in a typed share count for acceptance like a picked piece's labels (issue 19):
a word the person rejects for themselves, or a judging word, typed in the trainee's own
words, costs what the same word on a piece costs, and a rejected word trips the gate."""

from __future__ import annotations

from functools import cache

import pytest

from simulator.engine.typed import typed_share
from simulator.loading.library import Library, load_library
from simulator.model.deck import Fragment
from simulator.model.rubric import GateEvent, Rubric
from simulator.model.scenario import Beat
from simulator.scoring.measures_acceptance import typed_words
from simulator.scoring.turns import score_share
from simulator.scoring.types import Told, TurnScore
from simulator.words import explain
from simulator.words_library import setting

# sixty-days: Marcus rejects "addict" and "junkie" for himself
TOLD = Told(disclosed=frozenset(), rejects=frozenset({"addict", "junkie"}))


@cache
def _library() -> Library:
    return load_library([])[0]


def _beat() -> Beat:
    scenario = _library().scenario("sixty-days")
    return scenario.beats["day-sixty"]


def _piece() -> Fragment:
    return Fragment.model_validate({
        "id": "slip", "title": "My slip", "text": "words", "themes": ["relapse"],
        "phase": "struggle", "intensity": 0, "self_cost": 0})


def typed(text: str) -> TurnScore:
    where = setting(_library(), "sixty-days", "day-sixty", paraphrase=False)
    step = typed_share(text, explain(text, "share", where), ["slip"])
    rubric: Rubric = _library().rubric("core")
    return score_share(rubric, _beat(), step, [_piece()], lambda t: t, TOLD)


def _acceptance(turn: TurnScore) -> float:
    score = turn.score("acceptance")
    assert score is not None
    return score.raw


def test_a_typed_share_using_a_word_they_reject_scores_low_and_trips_the_gate() -> None:
    turn = typed("When I was an addict I slipped after a long stretch too. "
                 "What was the day after like for you?")
    assert _acceptance(turn) <= 1
    assert GateEvent.judging_share.value in turn.events
    assert turn.band != "strong"


def test_a_typed_judging_word_costs_like_a_judging_label_without_the_gate() -> None:
    turn = typed("I was manipulative when I was using, and I slipped too. "
                 "What was the day after like for you?")
    assert _acceptance(turn) <= 1
    assert GateEvent.judging_share.value not in turn.events


def test_the_same_typed_share_in_their_own_words_is_not_docked() -> None:
    turn = typed("I slipped after a long stretch too. What was the day after like for you?")
    assert _acceptance(turn) == 3.0
    assert GateEvent.judging_share.value not in turn.events


@pytest.mark.parametrize(("found", "words"), [
    (["rejected_word:addict", "judging_word:manipulative", "question:open"],
     {"addict", "manipulative"}),
    (["concern:relapse", "reading:getting-by", "rejected_word"], set()),
])
def test_typed_words_reads_only_the_word_detections(found: list[str], words: set[str]) -> None:
    from simulator.model.plan import Typed
    assert typed_words(Typed(text="", found=found)) == words
    assert typed_words(None) == set()
