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


# -- a typed line, taken as the closest authored line ----------------------------------------
def typed_as(text: str, line_id: str = "not-zero") -> tuple[TurnScore, TurnScore]:
    """The authored line scored as picked, and as taken for ``text`` typed."""
    from simulator.engine.typed import typed_line
    from simulator.scoring.turns import score_line
    where = setting(_library(), "sixty-days", "day-sixty", paraphrase=False)
    beat = _beat()
    line = next(ln for ln in beat.lines if ln.id == line_id)
    record = typed_line(text, explain(text, "line", where), line_id, line_id)
    rubric: Rubric = _library().rubric("core")
    return (score_line(rubric, beat, line),
            score_line(rubric, beat, line, record, TOLD))


def test_a_typed_line_calling_them_a_word_they_reject_trips_the_gate() -> None:
    picked, typed_line = typed_as("Sixty days clean is sixty days, addict or not. "
                                  "How are you doing today?")
    assert _acceptance(typed_line) <= 1 < _acceptance(picked)
    assert GateEvent.judging_share.value in typed_line.events
    assert GateEvent.judging_share.value not in picked.events
    assert typed_line.band == "weak"


def test_a_typed_line_with_a_judging_word_is_docked_without_the_gate() -> None:
    _picked, typed_line = typed_as("That sounds a bit manipulative, but sixty days still "
                                   "count. How are you doing?")
    assert _acceptance(typed_line) <= 1
    assert GateEvent.judging_share.value not in typed_line.events


def test_a_typed_line_in_their_own_words_scores_as_the_authored_line() -> None:
    picked, typed_line = typed_as("Sixty days still count, and you came in. How are you?")
    assert typed_line == picked


def test_the_engine_scores_a_typed_line_for_the_words_it_used(shipped: Library) -> None:
    """Through the engine, as the conversation screen records it: the typed line is
    taken as the authored line, and a word the person rejects in it trips the gate."""
    from simulator.engine.engine import Engine
    from simulator.engine.typed import typed_line
    from simulator.model.plan import Step
    engine = Engine(shipped.scenario("sixty-days"), shipped.rubric("core"),
                    shipped.deck("robin"), label=shipped.theme_label)
    where = setting(shipped, "sixty-days", "day-sixty", paraphrase=False)
    text = "You're still the junkie who came in today. How are you doing?"
    record = typed_line(text, explain(text, "line", where), "not-zero", "not-zero")
    turn = engine.choose(engine.start(), Step(line="not-zero", typed=record))
    assert GateEvent.judging_share.value in turn.score.events
    plain = engine.choose(engine.start(), Step(line="not-zero"))
    assert GateEvent.judging_share.value not in plain.score.events
