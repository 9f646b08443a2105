"""One record of a turn: the engine's dataclasses are the stored JSON (one version field),
old shapes are upgraded on reading, and a field added with a default flows through."""

from __future__ import annotations

import importlib
import json
import sys
from dataclasses import dataclass, replace
from types import ModuleType

import pytest

import simulator.engine
from simulator.engine import record
from simulator.engine.engine import Engine
from simulator.engine.session import Position, Session, Turn
from simulator.loading.library import Library
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.scoring import results as results_module
from simulator.scoring import types as types_module
from simulator.wording import Message
from tests.old_shapes import as_old, old_turn, session_v1, turn_v1

REFLECT = ReflectStep(concerns=["voices"], asks_for="validation")


@pytest.fixture
def engine(shipped: Library) -> Engine:
    return Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"),
                  label=shipped.theme_label)


@pytest.fixture
def played(engine: Engine) -> Session:
    """A session with a two-part turn (a reflection, then a share) and a plain line."""
    session = engine.start("rec")
    engine.choose(session, Step(reflect=REFLECT, line="exhausting"))
    engine.choose(session, Step(share=ShareStep(fragments=["the-restraint"], permission=True)))
    return session


def through_json(value: Turn | Session) -> object:
    return json.loads(record.dumps(value))


def test_every_record_round_trips_through_its_json(engine: Engine, played: Session) -> None:
    for turn in played.transcript:
        data = record.dump(turn)
        assert data["version"] == record.VERSION
        assert record.read_turn(json.loads(json.dumps(data))) == turn
    result = engine.results(played)
    assert record.read_result(json.loads(record.dumps(result))) == result
    where = played.position()
    assert record.read_position(json.loads(record.dumps(where))) == where
    assert record.read_session(through_json(played)) == played


def test_a_two_part_turn_keeps_its_reflection_and_response_by_name(played: Session) -> None:
    turn = played.transcript[0]
    assert turn.reflection is not None and turn.response is not None
    reflected = {s.criterion for s in turn.reflection.score.scores}
    responded = {s.criterion for s in turn.response.scores}
    assert "listening" in reflected and "acceptance" in responded
    # the turn's score is both parts together, each part's scores as they were measured
    assert turn.score.scores == (*turn.reflection.score.scores, *turn.response.scores)
    assert turn.responded is turn.response
    one_part = played.transcript[1]
    assert one_part.reflection is None and one_part.response is None
    assert one_part.responded is one_part.score
    stored = record.dump(turn)
    assert set(stored) >= {"score", "reflection", "response"}


def test_a_version_1_turn_is_upgraded_with_its_parts(played: Session) -> None:
    for turn in played.transcript:
        old = json.loads(json.dumps(turn_v1(turn)))
        assert "version" not in old and "scores" in old
        read = record.read_turn(old)
        assert read.score == old_turn(turn).score and read.reflection == turn.reflection
        if turn.response is None:
            assert read == old_turn(turn)
        else:  # the response's own scores follow the reflection's in the old shape
            assert read.response is not None
            assert read.response.scores == turn.response.scores
            assert (read.response.band, read.response.events) == (turn.score.band,
                                                                  turn.score.events)


def test_a_version_1_saved_session_is_restored(engine: Engine, played: Session) -> None:
    old = json.loads(json.dumps(session_v1(played)))
    restored = engine.restore(old)
    assert restored.transcript[1] == old_turn(played.transcript[1])
    assert (restored.state, restored.variables, restored.visits) == (
        played.state, played.variables, played.visits)
    assert engine.results(restored) == engine.results(as_old(played))


def test_a_version_1_result_gets_the_verdicts_it_implied(engine: Engine,
                                                          played: Session) -> None:
    result = engine.results(played)
    old = record.dump(result)
    del old["version"]
    for criterion in old["criteria"]:
        del criterion["verdict"]
    read = record.read_result(old)
    assert read == result


def test_a_version_1_position_is_read() -> None:
    old = {"format": 1, "state": "b", "variables": {"trust": 2, "told": True},
           "visits": {"b": 1}, "heard": None}
    assert record.read_position(old) == Position("b", {"trust": 2, "told": True}, {"b": 1})


@pytest.mark.parametrize("data", [{"version": 9}, {"format": 3, "state": "b"}, [1, 2], "x"])
def test_a_record_of_an_unknown_shape_is_one_clear_error(data: object) -> None:
    with pytest.raises(record.RecordError) as caught:
        record.read_position(data)
    assert "\n" not in str(caught.value)


def test_english_reasons_of_old_turns_become_legacy_messages() -> None:
    old = {"index": 0, "beat": "b", "step": {"line": "x"}, "band": "weak", "mean": 1.0,
           "scores": [{"criterion": "focus", "level": 1, "reason": "You drifted.",
                       "advice": "Stay with them."}],
           "events": [], "notes": ["Risk comes first."], "next": "b", "variables": {}}
    turn = record.read_turn(old)
    [score] = turn.score.scores
    assert score.reason == Message("legacy.text", {"text": "You drifted."})
    assert score.advice == Message("legacy.text", {"text": "Stay with them."})
    assert (score.raw, score.source, turn.score.kind) == (1.0, "", "line")


@dataclass(frozen=True, slots=True)
class WiderScore(types_module.TurnScore):
    """A TurnScore as it will be once a field is added to it with a default."""

    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class WiderCriterion(types_module.CriterionScore):
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WiderCriterionResult(results_module.CriterionResult):
    spread: float = 0.0


@dataclass(frozen=True, slots=True)
class WiderResult(results_module.SessionResult):
    skill_shares: int = 0


@pytest.fixture
def wider(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The record module built afresh over dataclasses that each gained a defaulted
    field, with no edit to the record module itself."""
    import simulator.engine.session as session_module

    monkeypatch.setattr(session_module, "TurnScore", WiderScore)
    monkeypatch.setattr(types_module, "CriterionScore", WiderCriterion)
    monkeypatch.setattr(results_module, "CriterionResult", WiderCriterionResult)
    monkeypatch.setattr(results_module, "SessionResult", WiderResult)
    monkeypatch.setattr(simulator.engine, "record", record)  # restored afterwards
    monkeypatch.delitem(sys.modules, "simulator.engine.record")
    fresh = importlib.import_module("simulator.engine.record")
    monkeypatch.setitem(sys.modules, "simulator.engine.record", fresh)
    return fresh


def test_a_field_added_with_a_default_is_stored_and_read_back(wider: ModuleType) -> None:
    criterion = WiderCriterion("focus", 2, 2.0, Message("authored", {"text": "t"}), "author",
                               None, evidence=("named-the-voices",))
    score = WiderScore((criterion,), "partial", 2.0, kind="line", confidence=0.9)
    turn = Turn(0, "b", Step(line="x"), score, "c", {"trust": 1},
                reflection=None, response=None)
    stored = json.loads(wider.dumps(turn))
    assert stored["score"]["confidence"] == 0.9
    assert stored["score"]["scores"][0]["evidence"] == ["named-the-voices"]
    back = wider.read_turn(stored)
    assert back == turn and isinstance(back.score, WiderScore)
    # a record written before the field existed reads with the default
    del stored["score"]["confidence"]
    assert wider.read_turn(stored).score == replace(score, confidence=0.5)
    result = WiderResult((WiderCriterionResult("focus", "Focus", 2.0, 1, 2.0, True, "met",
                                               spread=0.25),),
                         2.0, 2.0, True, (), 1, 0, skill_shares=1)
    data = json.loads(wider.dumps(result))
    assert data["skill_shares"] == 1 and data["criteria"][0]["spread"] == 0.25
    assert wider.read_result(data) == result


@pytest.mark.parametrize("text", [
    '{"version": 2, "state": "b", "variables": {"trust": [1]}, "visits": {}}',
    '{"version": 2, "state": "b", "variables": {}}',
    '{"version": 2, "state": "b"',
])
def test_todays_records_read_without_the_upgrade_step_are_checked_as_strictly(
        text: str) -> None:
    """Text that dumps() wrote (today's version first) skips the upgrade step only: a
    value of the wrong type or broken JSON is refused all the same."""
    with pytest.raises(record.RecordError):
        record.read_position(text)


def test_a_record_written_today_reads_back_equal_by_either_path(played: Session) -> None:
    turn = played.transcript[-1]
    text = record.dumps(turn)
    assert text.startswith('{"version": 2, ')
    assert record.read_turn(text) == record.read_turn(json.loads(text)) == turn
