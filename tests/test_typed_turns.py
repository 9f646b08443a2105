"""Typed turns in the engine: a typed line taken as the closest authored line by what it
does and its words; typed reflections and shares read as the choices the dialogs offer;
the typed words and detections recorded with the turn, old records still read."""

from __future__ import annotations

import pytest

from simulator.engine import record
from simulator.engine.engine import Engine
from simulator.engine.typed import closest, found, typed_line, typed_reflection, typed_share
from simulator.loading.library import Library
from simulator.model.common import AsksFor
from simulator.model.plan import Detail, Framing, ReflectStep, Step, Typed
from simulator.words import Setting, explain
from simulator.words_library import setting


@pytest.fixture
def at_start(shipped: Library) -> Setting:
    return setting(shipped, "loud-again", "loud-again", paraphrase=False)


def ranked(shipped: Library, at: Setting, text: str) -> list[str]:
    lines = shipped.scenario("loud-again").beats["loud-again"].lines
    return [m.line.id for m in closest(text, lines, at)]


@pytest.mark.parametrize(("text", "line"), [
    ("That must be so tiring, nobody taking you seriously.", "exhausting"),
    ("Are you sure you're not just stressed? Maybe talk about your meds.", "doubt"),
    ("I know exactly how you feel, I was in hospital too.", "me-too-ward"),
])
def test_a_typed_line_is_taken_as_the_line_that_does_the_same(
        shipped: Library, at_start: Setting, text: str, line: str) -> None:
    assert ranked(shipped, at_start, text)[0] == line


def test_what_a_line_does_counts_as_well_as_its_words(shipped: Library,
                                                      at_start: Setting) -> None:
    # no word in common with "I know exactly how you feel...", but it claims sameness
    assert ranked(shipped, at_start, "Same thing happened to me, we're in the same boat.")[0] \
        == "me-too-ward"


def test_the_same_words_at_the_same_beat_map_the_same_way(shipped: Library,
                                                          at_start: Setting) -> None:
    order = ranked(shipped, at_start, "Okay.")
    assert order == ranked(shipped, at_start, "Okay.")
    assert sorted(order) == ["doubt", "exhausting", "me-too-ward"]


def test_a_typed_line_records_what_it_was_taken_as_and_the_correction(
        at_start: Setting) -> None:
    result = explain("What happened this week?", "line", at_start)
    kept = typed_line("What happened this week?", result, taken_as="doubt", chosen="exhausting")
    assert kept.taken_as == "doubt" and kept.corrected
    assert "question:open" in kept.found and "hands_back" in kept.found
    assert not typed_line("x", result, taken_as="doubt", chosen="doubt").corrected
    assert all('"' not in key and "week" not in key for key in found(result))


def test_a_typed_reflection_names_concerns_ask_and_reading(shipped: Library,
                                                           at_start: Setting) -> None:
    themes = ["faith", "housing", "money", "not-believed", "voices"]
    text = "It sounds like the voices are back and nobody believes you, and you want to be heard."
    result = explain(text, "reflect", at_start)
    step = typed_reflection(text, result, frozenset(), None, themes)
    assert step is not None and set(step.concerns) == {"voices", "not-believed"}
    assert step.asks_for == AsksFor.validation
    assert step.typed is not None and step.typed.text == text and "reflects" in step.typed.found


def test_an_unnamed_ask_is_never_guessed(at_start: Setting) -> None:
    text = "The voices are loud again."
    result = explain(text, "reflect", at_start)
    assert typed_reflection(text, result, frozenset(), None, ["voices"]) is None
    picked = typed_reflection(text, result, frozenset(), AsksFor.hope, ["voices"])
    assert picked is not None and picked.asks_for == AsksFor.hope


def test_a_typed_share_is_read_for_permission_hand_back_and_framing(at_start: Setting) -> None:
    text = "Would it help if I told you what worked for me? It may not fit you. What do you think?"
    step = typed_share(text, explain(text, "share", at_start), ["writing-them-down"])
    assert step.permission and step.hand_back and step.framing == Framing.offered
    assert step.detail == Detail.brief and step.fragments == ["writing-them-down"]
    lesson = "I wrote them down every night, so you should do that too."
    told = typed_share(lesson, explain(lesson, "share", at_start), ["writing-them-down"])
    assert not told.permission and not told.hand_back and told.framing == Framing.lesson


def test_a_typed_turn_is_scored_as_what_it_amounts_to(shipped: Library) -> None:
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))
    picked = engine.choose(engine.start("a"), Step(line="exhausting"))
    typed = engine.choose(engine.start("b"), Step(line="exhausting", typed=Typed(
        text="So tiring", found=["reflects"], taken_as="doubt", corrected=True)))
    assert typed.score == picked.score and typed.next == picked.next
    back = record.read_turn(record.dumps(typed))
    assert back.step.typed == typed.step.typed


def test_records_from_before_typed_turns_still_read(shipped: Library) -> None:
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))
    session = engine.start("c")
    turn = engine.choose(session, Step(reflect=ReflectStep(concerns=["voices"],
                                                           asks_for=AsksFor.validation)))
    data = record.dump(turn)
    data["step"].pop("typed")
    data["step"]["reflect"].pop("typed")
    back = record.read_turn(data)
    assert back.step.typed_parts() == () and back.step.reflect == turn.step.reflect
    assert engine.restore(record.dump(session)).transcript[0].step == turn.step


def test_a_scenario_offers_typed_turns_without_requiring_them(shipped: Library) -> None:
    assert shipped.scenario("loud-again").typed_turns == "optional"
