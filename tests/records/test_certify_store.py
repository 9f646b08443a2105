"""Assignments, sign-offs, resolutions and requests to talk in the records store, on
SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records import open_store
from simulator.records.api import StoreError
from simulator.records.assignments import AssignmentError, Assignments
from simulator.records.help_requests import HelpError, HelpRequests
from simulator.records.resolutions import ResolutionError, Resolutions
from simulator.records.review import Reviews
from simulator.records.signoff import SignOffError, SignOffs
from simulator.records.sql_store import SqlStore
from tests.records.conftest import play


@pytest.fixture
def loud(shipped: Library) -> Engine:
    return Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))


def _skilled(engine: Engine) -> list[Step]:
    return list(next(p for p in engine.scenario.tests if p.model).steps)


# -- assignments -------------------------------------------------------------------------------

def test_an_assignment_reaches_every_member_and_its_attempt_is_an_assessment(
        cohort: list[str], loud: Engine) -> None:
    first, second = cohort
    store = open_store()
    try:
        books = Assignments(store)
        made = books.assign("loud-again", due="2099-01-31", by="Dana", cohort_id="spring")
        own = books.assign("nothing-left", due="2000-01-01", by="Dana", trainee_id=second)
        assert [p.assignment.id for p in books.for_trainee(first)] == [made.id]
        assert [(p.assignment.id, p.state, p.overdue) for p in books.for_trainee(second)] \
            == [(own.id, "to do", True), (made.id, "to do", False)]
        service = PracticeService(store)
        practice = service.start_assigned(loud, trainee_id=first, assignment_id=made.id)
        assert practice.mode == "assessment"
        [progress] = books.for_trainee(first)
        assert progress.state == "started" and progress.sessions == (
            practice.session.session_id,)
        for step in _skilled(loud):
            service.choose(practice, step)
        service.finish(practice)
        [progress] = books.for_trainee(first)
        assert progress.state == "done" and "due 2099-01-31, done" in progress.describe()
        assert books.of_session(practice.session.session_id) == made.id
        assert books.assigned_sessions() == {practice.session.session_id}
        assert [a.id for a in books.all("spring")] == [own.id, made.id]
        books.withdraw(made.id)
        assert [p.assignment.id for p in books.for_trainee(first)] == []
        assert books.of_session(practice.session.session_id) == made.id  # the link stays
    finally:
        store.close()


@pytest.mark.parametrize(("fields", "says"), [
    ({"due": "2099-01-31", "by": "D"}, "cohort or to one trainee"),
    ({"due": "2099-01-31", "by": "D", "cohort_id": "spring", "trainee_id": "t"},
     "cohort or to one trainee"),
    ({"due": "next week", "by": "D", "trainee_id": "t"}, "YYYY-MM-DD"),
    ({"due": "2099-01-31", "by": " ", "trainee_id": "t"}, "who is assigning"),
])
def test_an_assignment_is_checked_before_it_is_kept(store: SqlStore, fields: dict[str, str],
                                                    says: str) -> None:
    with pytest.raises(AssignmentError, match=says):
        Assignments(store).assign("loud-again", **fields)  # type: ignore[arg-type]
    assert Assignments(store).all() == []


def test_an_assignment_for_no_such_cohort_is_refused(store: SqlStore) -> None:
    with pytest.raises(StoreError, match="autumn"):
        Assignments(store).assign("loud-again", due="2099-01-31", by="D", cohort_id="autumn")


def test_an_attempt_in_practice_or_at_another_scenario_is_not_linked(
        store: SqlStore, loud: Engine) -> None:
    books = Assignments(store)
    made = books.assign("loud-again", due="2099-01-31", by="Dana", trainee_id="t-ann")
    other = books.assign("nothing-left", due="2099-01-31", by="Dana", trainee_id="t-ann")
    practice = PracticeService(store).start(loud, trainee_id="t-ann", mode="practice")
    with pytest.raises(AssignmentError, match="assessment mode"):
        books.attach(practice.session.session_id, made.id)
    with pytest.raises(AssignmentError, match="for nothing-left"):
        PracticeService(store).start_assigned(loud, trainee_id="t-ann", assignment_id=other.id)
    assert books.assigned_sessions() == set()


# -- sign-off ----------------------------------------------------------------------------------

def test_a_sign_off_keeps_both_verdicts_and_an_override_says_so(cohort: list[str]) -> None:
    first, second = cohort
    store = open_store()
    try:
        signs = SignOffs(store)
        agree = signs.sign("s-skilled", verdict="pass", reason="Careful and warm throughout.",
                           trainer="Dana")
        assert agree.mechanical is True and not agree.overrides
        later = signs.sign("s-skilled", verdict="not-yet", reason="The hand-back came late.",
                           trainer="Lee")
        assert later.overrides and "overriding the scored verdict: pass" in later.describe()
        assert [s.id for s in signs.history("s-skilled")] == [agree.id, later.id]
        assert signs.latest("s-skilled") == later
        assert signs.latest("s-gate") is None
        standing = {s.trainee_id: s for s in signs.certification("spring")}
        assert [(sess["id"], last.verdict) for sess, last in standing[first].signed] == [
            ("s-skilled", "not-yet")]
        assert [sess["id"] for sess in standing[second].open] == ["s-gate"]
        rows = signs.export_rows()
        assert [(r["trainer"], r["overrides"], r["trainee_id"]) for r in rows] == [
            ("Dana", False, first), ("Lee", True, first)]
    finally:
        store.close()


def test_a_gated_session_can_be_passed_by_the_trainer_with_a_reason(cohort: list[str]) -> None:
    store = open_store()
    try:
        made = SignOffs(store).sign("s-gate", verdict="pass", trainer="Dana",
                                    reason="We talked it through; the gate was a misreading.")
        assert made.mechanical is False and made.overrides
    finally:
        store.close()


@pytest.mark.parametrize(("fields", "says"), [
    ({"verdict": "maybe", "reason": "x", "trainer": "D"}, "pass or not-yet"),
    ({"verdict": "pass", "reason": " ", "trainer": "D"}, "give the reason"),
    ({"verdict": "pass", "reason": "x", "trainer": ""}, "who is signing"),
    ({"verdict": "pass", "reason": "I still can't talk about that night without shaking.",
      "trainer": "D"}, "quotes the story"),
])
def test_a_sign_off_is_checked_before_it_is_kept(cohort: list[str], shipped: Library,
                                                 fields: dict[str, str], says: str) -> None:
    from simulator.practice.supervision import story_texts

    store = open_store()
    try:
        with pytest.raises(SignOffError, match=says):
            SignOffs(store).sign("s-skilled", story_texts=story_texts(shipped),
                                 **fields)  # type: ignore[arg-type]
        assert SignOffs(store).history("s-skilled") == []
    finally:
        store.close()


def test_practice_and_unfinished_sessions_are_not_signed_off(store: SqlStore,
                                                             loud: Engine) -> None:
    service = PracticeService(store)
    service.start(loud, trainee_id="t-ann", mode="assessment", session_id="s-open")
    practice = service.start(loud, trainee_id="t-ann", mode="practice", session_id="s-prac")
    for step in _skilled(loud):
        service.choose(practice, step)
    service.finish(practice)
    signs = SignOffs(store)
    with pytest.raises(SignOffError, match="not finished"):
        signs.sign("s-open", verdict="pass", reason="Fine.", trainer="Dana")
    with pytest.raises(SignOffError, match="was practice"):
        signs.sign("s-prac", verdict="pass", reason="Fine.", trainer="Dana")
    with pytest.raises(StoreError, match="no session"):
        signs.sign("s-none", verdict="pass", reason="Fine.", trainer="Dana")


# -- resolutions -------------------------------------------------------------------------------

def test_flags_and_proposals_resolve_with_a_reason_the_trainee_reads(
        store: SqlStore, loud: Engine) -> None:
    play(store, loud, "t-ann", "s-one", [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])
    reviews, decide = Reviews(store), Resolutions(store)
    flag = reviews.add("s-one", kind="flag", author="t-ann", role="trainee", turn=1,
                       criterion="mutuality", body="I disagree: I gave the focus back.")
    loose = reviews.add("s-one", kind="flag", author="t-ann", role="trainee", turn=0,
                        body="I think this was kinder than scored.")
    line = reviews.add("s-one", kind="proposal", author="t-ann", role="trainee", turn=0,
                       body="That sounds like a lot to carry at night.")
    note = reviews.add("s-one", kind="note", author="Dana", role="trainer", body="Warm.")
    accepted = decide.resolve(flag.id, state="accepted", reason="You did; I'd score it 3.",
                              by="Dana", level=3)
    assert "Accepted by Dana (the trainer's level: 3/3)" in accepted.describe()
    decide.resolve(loose.id, state="declined", reason="The pace was too quick.", by="Dana")
    taken = decide.resolve(line.id, state="taken", reason="In the next version.", by="Dana")
    assert taken.describe().startswith("Taken into the scenario by Dana")
    with pytest.raises(ResolutionError, match="only a flag or a proposed line"):
        decide.resolve(note.id, state="accepted", reason="x", by="Dana")
    with pytest.raises(ResolutionError, match="accepted flag on one criterion"):
        decide.resolve(loose.id, state="accepted", reason="x", by="Dana", level=2)
    with pytest.raises(ResolutionError, match="0 to 3"):
        decide.resolve(flag.id, state="accepted", reason="x", by="Dana", level=4)
    with pytest.raises(ResolutionError, match="not 'taken'"):
        decide.resolve(flag.id, state="taken", reason="x", by="Dana")
    with pytest.raises(ResolutionError, match="give the reason"):
        decide.resolve(flag.id, state="declined", reason="", by="Dana")
    reopened = decide.resolve(loose.id, state="open", reason="", by="Dana")
    latest = decide.of_session("s-one")
    assert latest[flag.id] == accepted and latest[loose.id] == reopened
    assert latest[line.id].state == "taken" and note.id not in latest
    assert [r["state"] for r in decide.export_rows()] == [
        "accepted", "declined", "taken", "open"]


# -- "I need to talk" and sessions' own notices ------------------------------------------------

def test_a_request_to_talk_waits_until_it_is_answered(cohort: list[str]) -> None:
    first, _second = cohort
    store = open_store()
    try:
        helps = HelpRequests(store)
        before = {(h.reason, h.session_id) for h in helps.open("spring")}
        asked = helps.ask(first, "  Could we talk before Friday?  ")
        assert asked.note == "Could we talk before Friday?"
        assert asked.describe().startswith(f"{first} asks to talk")
        assert asked.id in [h.id for h in helps.open("spring")]
        helps.ask("t-elsewhere")
        assert "t-elsewhere" not in {h.trainee_id for h in helps.open("spring")}
        assert "t-elsewhere" in {h.trainee_id for h in helps.open()}
        done = helps.answer(asked.id, "Dana")
        assert done.answered_by == "Dana" and done.answered_at
        assert {(h.reason, h.session_id) for h in helps.open("spring")} == before
        with pytest.raises(HelpError, match="under 1000"):
            helps.ask(first, "x" * 1001)
    finally:
        store.close()


def test_a_gated_session_notifies_the_supervisor_without_the_piece(cohort: list[str],
                                                                  shipped: Library) -> None:
    _first, second = cohort
    store = open_store()
    try:
        notices = [h for h in HelpRequests(store).open("spring") if h.session_id == "s-gate"]
        assert "safety-gate" in {h.reason for h in notices}
        assert all(h.trainee_id == second and h.note == "" for h in notices)
        piece = shipped.deck("robin").fragment("wanting-to-disappear")
        assert piece is not None
        for notice in notices:
            assert piece.title not in notice.describe()
        skilled = [h for h in HelpRequests(store).open() if h.session_id == "s-skilled"]
        assert skilled == []
    finally:
        store.close()


def test_sharing_a_private_piece_notifies_once(store: SqlStore, loud: Engine) -> None:
    private = Step(share=ShareStep(fragments=["the-restraint"], permission=True))
    play(store, loud, "t-ann", "s-private", [Step(line="exhausting"), private])
    helps = HelpRequests(store)
    found = [h for h in helps.of_trainee("t-ann") if h.reason == "private-share"]
    assert [(h.session_id, h.turn) for h in found] == [("s-private", 1)]
    assert "restrain" not in found[0].describe().lower()
    assert helps.notify("t-ann", "s-private", "private-share", 1) is None  # once only


def test_the_clock_stamps_requests(store: SqlStore) -> None:
    store.clock = lambda: datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert HelpRequests(store).ask("t-ann").created_at == "2026-03-04T05:06:07Z"
