"""The practice-session service: every change is saved before memory changes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.engine.engine import Engine
from simulator.engine.record import dump
from simulator.engine.session import Session, Turn
from simulator.loading.library import Library
from simulator.model.plan import Step
from simulator.practice import PracticeService
from simulator.records import StoreError
from simulator.records.sqlite_store import SqliteStore


class FlakyStore(SqliteStore):
    """A real store that fails, like a locked or lost database, while ``broken`` is set,
    and counts the writes it is asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.broken = False
        self.calls: list[str] = []

    def _maybe_fail(self, name: str) -> None:
        self.calls.append(name)
        if self.broken:
            raise StoreError("the records database is locked; try again in a moment")

    def begin_session(self, session: Session, **kwargs: Any) -> None:
        self._maybe_fail("begin")
        super().begin_session(session, **kwargs)

    def record_turn(self, session: Session, turn: Turn) -> None:
        self._maybe_fail("turn")
        super().record_turn(session, turn)

    def rewind_session(self, session: Session) -> None:
        self._maybe_fail("rewind")
        super().rewind_session(session)

    def save_position(self, session: Session) -> None:
        self._maybe_fail("position")
        super().save_position(session)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[FlakyStore]:
    opened = FlakyStore(tmp_path / "records.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def engine(shipped: Library) -> Engine:
    return Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"),
                  label=shipped.theme_label)


def snapshot(session: Session) -> str:
    return json.dumps(dump(session), sort_keys=True)


def test_a_store_failure_leaves_the_session_as_it_was(store: FlakyStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="practice", session_id="s")
    before = snapshot(practice.session)
    store.broken = True
    with pytest.raises(StoreError):
        service.choose(practice, Step(line="exhausting"))
    assert snapshot(practice.session) == before  # memory did not run ahead of the disk
    assert store.load_state("s").transcript == []
    store.broken = False
    turn = service.choose(practice, Step(line="exhausting"))  # the same choice, kept
    assert turn.index == 0 and practice.session.state == "opening-up"
    assert store.load_state("s") == practice.session


def test_disk_and_memory_agree_after_every_change(store: FlakyStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="assessment", session_id="s")
    for line in ("doubt", "i-believe-you"):
        service.choose(practice, Step(line=line))
        assert store.load_state("s") == practice.session
    service.try_again(practice, 1)
    assert store.load_state("s") == practice.session
    assert [t.step.line for t in store.load_state("s").transcript] == ["doubt"]


def test_try_again_is_one_write_and_a_failure_changes_nothing(store: FlakyStore,
                                                               engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="practice", session_id="s")
    service.choose(practice, Step(line="doubt"))
    service.choose(practice, Step(line="i-believe-you"))
    before = snapshot(practice.session)
    store.broken = True
    with pytest.raises(StoreError):
        service.try_again(practice, 1)
    assert snapshot(practice.session) == before
    store.broken, store.calls = False, []
    service.try_again(practice, 1)
    assert store.calls == ["rewind"]
    assert len(practice.session.transcript) == 1 and practice.session.session_id == "s"


def test_replay_from_a_turn_is_one_write(store: FlakyStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="assessment", session_id="s")
    for line in ("doubt", "i-believe-you"):
        service.choose(practice, Step(line=line))
    service.finish(practice)
    store.calls = []
    again = service.replay_from(practice, 1, trainee_id="t-a")
    assert store.calls == ["begin"]  # the session and its first turn, in one commit
    assert again.session.session_id != "s" and again.mode == "assessment"
    assert store.load_state(again.session.session_id) == again.session
    assert [s.session_id for s in store.unfinished("t-a")] == [again.session.session_id]


def test_the_mode_belongs_to_the_session(store: FlakyStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="assessment", session_id="s")
    assert practice.mode == "assessment"
    [summary] = store.unfinished("t-a")
    assert summary.mode == "assessment"
    resumed = service.resume("s", lambda _s, _d: engine, trainee_id="t-a")
    assert resumed.practice.mode == "assessment" and not resumed.changed
    with pytest.raises(ValueError, match="mode"):
        service.start(engine, trainee_id="t-a", mode="exam")


def test_resume_after_the_scenario_changed_says_what_was_kept(
        store: FlakyStore, engine: Engine, shipped: Library) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="practice", session_id="s")
    for line in ("doubt", "i-believe-you"):
        service.choose(practice, Step(line=line))
    scenario = shipped.scenario("loud-again")
    beat_id = practice.session.transcript[1].beat  # the second choice no longer exists
    second = scenario.beats[beat_id]
    kept_lines = [ln for ln in second.lines if ln.id != "i-believe-you"]
    edited = scenario.model_copy(update={"beats": {
        **scenario.beats, beat_id: second.model_copy(update={"lines": kept_lines})}})
    changed = Engine(edited, shipped.rubric("core"), shipped.deck("robin"))
    resumed = service.resume("s", lambda _s, _d: changed, trainee_id="t-a")
    assert resumed.changed and (resumed.kept, resumed.made) == (1, 2)
    assert "1 of your 2 choices" in resumed.describe()
    fresh = resumed.practice.session
    assert fresh.session_id != "s"
    assert store.load_state(fresh.session_id) == fresh
    assert [s.session_id for s in store.unfinished("t-a")] == [fresh.session_id]


def test_a_reflection_waiting_for_its_response_survives_a_closed_terminal(
        store: FlakyStore, engine: Engine) -> None:
    from simulator.model.plan import ReflectStep

    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="practice", session_id="s")
    reflection = ReflectStep(concerns=["voices", "not-believed"], asks_for="validation")
    store.broken = True
    with pytest.raises(StoreError):
        service.reflect(practice, reflection)
    assert practice.session.heard is None  # not kept in memory if not kept on disk
    store.broken = False
    heard = service.reflect(practice, reflection)
    assert practice.session.transcript == []  # the turn waits for the response
    # the terminal closes; a new run resumes with the reflection and its answer
    resumed = service.resume("s", lambda _s, _d: engine, trainee_id="t-a").practice
    assert resumed.session.heard == reflection
    assert service.heard(resumed) == heard
    turn = service.choose(resumed, Step(line="exhausting"))  # the response completes it
    assert turn.step.reflect == reflection and turn.reflection is not None
    assert resumed.session.heard is None and store.load_state("s").heard is None


def test_a_reflection_can_be_taken_back(store: FlakyStore, engine: Engine) -> None:
    from simulator.model.plan import ReflectStep

    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="practice", session_id="s")
    service.reflect(practice, ReflectStep(concerns=["money"], asks_for="hope"))
    service.take_back(practice)
    assert practice.session.heard is None and store.load_state("s").heard is None
    turn = service.choose(practice, Step(line="exhausting"))
    assert turn.step.reflect is None


def test_try_another_way_keeps_every_attempt_in_the_record(store: FlakyStore,
                                                           engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="practice", session_id="s")
    service.choose(practice, Step(line="doubt"))
    service.choose(practice, Step(line="i-believe-you"))
    first_scores = [t.score for t in practice.session.transcript]
    service.try_again(practice, 0)  # back to the start: both choices are the first attempt
    service.choose(practice, Step(line="exhausting"))
    service.try_again(practice, 0)
    saved = store.load_state("s")
    assert saved == practice.session
    assert saved.attempts == 3
    assert [(e.attempt, e.turn.step.line) for e in saved.earlier] == [
        (1, "doubt"), (1, "i-believe-you"), (2, "exhausting")]
    assert [e.turn.score for e in saved.earlier[:2]] == first_scores  # the first scores kept
    service.try_again(practice, 0)  # nothing to take back: still the third attempt
    assert store.load_state("s").attempts == 3
    assert engine.results(practice.session).attempts == 3


def test_a_session_without_retries_is_one_attempt(store: FlakyStore, engine: Engine) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-a", mode="practice", session_id="s")
    service.choose(practice, Step(line="doubt"))
    saved = store.load_state("s")
    assert (saved.attempts, saved.earlier) == (1, [])
    assert engine.results(saved).attempts == 1


def test_an_assigned_attempt_resumed_after_a_change_stays_assigned(
        store: FlakyStore, engine: Engine, shipped: Library) -> None:
    from simulator.records.assignments import Assignments

    made = Assignments(store).assign("loud-again", due="2099-01-31", by="Dana",
                                     trainee_id="t-a")
    service = PracticeService(store)
    practice = service.start_assigned(engine, trainee_id="t-a", assignment_id=made.id,
                                      session_id="s")
    service.choose(practice, Step(line="doubt"))
    edited = shipped.scenario("loud-again").model_copy(update={"summary": "Edited."})
    changed = Engine(edited, shipped.rubric("core"), shipped.deck("robin"))
    resumed = service.resume("s", lambda _s, _d: changed, trainee_id="t-a")
    assert resumed.changed and resumed.practice.mode == "assessment"
    fresh = resumed.practice.session.session_id
    assert Assignments(store).of_session(fresh) == made.id
    [progress] = Assignments(store).for_trainee("t-a")
    assert progress.state == "started" and set(progress.sessions) == {"s", fresh}
