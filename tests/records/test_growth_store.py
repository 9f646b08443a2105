"""Goals, the record of growth, reviewers' stated roles and peer review with consent, in
the records store on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.exports.names import Names
from simulator.exports.tables import Gradebook
from simulator.loading.library import Library
from simulator.records import open_store, peer_review
from simulator.records.goals import GoalError, Goals
from simulator.records.growth import growth_lines, growth_of
from simulator.records.help_requests import HelpRequests
from simulator.records.peer_review import PeerError, PeerReviews
from simulator.records.resolutions import Resolutions
from simulator.records.review import ReviewError, Reviews
from simulator.records.signoff import SignOffs
from simulator.records.sql_store import SqlStore
from simulator.report.html import build_report
from tests.records.test_import_checks import TRAINEE, good, rechecksummed, trainer
from tests.records.test_import_limits import forged

__all__ = ["good", "trainer"]  # fixtures, shared with the import checks


def test_goals_are_agreed_by_both_and_revisited_in_order(cohort: list[str]) -> None:
    first, second = cohort
    store = open_store()
    try:
        book = Goals(store)
        goal = book.add(first, "Name the feeling before offering my story", by="Dana",
                        role="trainer", criterion="empathy")
        assert not goal.agreed and "waiting for the trainee" in goal.describe()
        book.revisit(goal.id, "agreed", by=first, role="trainee", note="Yes, this one.")
        later = book.revisit(goal.id, "working", by=first, role="trainee")
        assert later.agreed and later.state == "working"
        done = book.revisit(goal.id, "met", by="Dana", role="trainer", note="Seen twice.")
        assert [r.state for r in done.revisits] == ["agreed", "working", "met"]
        assert done.describe().endswith(": met")
        own = book.add(first, "Ask before I share", by=first, role="trainee")
        assert [g.id for g in book.of_trainee(first)] == [goal.id, own.id]
        assert book.of_trainee(second) == []
        with pytest.raises(GoalError, match="only their own"):
            book.add(second, "Slow down", by=first, role="trainee")
        with pytest.raises(GoalError, match="only their own"):
            book.revisit(goal.id, "met", by=second, role="trainee")
        with pytest.raises(GoalError, match="not 'done'"):
            book.revisit(goal.id, "done", by="Dana", role="trainer")
        with pytest.raises(GoalError, match="few words"):
            book.add(first, "   ", by="Dana", role="trainer")
    finally:
        store.close()


def test_the_record_of_growth_gathers_levels_strengths_sign_offs_and_goals(
        cohort: list[str]) -> None:
    first, second = cohort
    store = open_store()
    try:
        peers = PeerReviews(store)
        peers.supervise("s-skilled", kind="strength", author="Dana", body="You asked first.",
                        stance="peer-supervisor")
        Reviews(store).add("s-skilled", kind="question", author="Dana", role="trainer",
                           body="What did you notice?")
        SignOffs(store).sign("s-skilled", verdict="pass", reason="Steady throughout.",
                             trainer="Dana")
        Goals(store).add(first, "Keep asking first", by=first, role="trainee")
        growth = growth_of(store, first)
        assert growth.criteria and all(len(p) == 1 for p in growth.criteria.values())
        point = next(iter(growth.criteria.values()))[0]
        assert (point.session_id, point.mode, point.signed) == ("s-skilled", "assessment",
                                                               "pass")
        assert [(s.body, s.stance) for s in growth.strengths] == [
            ("You asked first.", "peer-supervisor")]
        lines = growth_lines(growth)
        assert "  You asked first. (Dana, peer supervisor)" in lines
        assert any(line.startswith("  Keep asking first: proposed, waiting for the trainer")
                   for line in lines)
        assert any("A+" in line for line in lines)  # an assessment signed off as pass
        assert "What did you notice?" not in "\n".join(lines)  # only strengths
        assert growth_of(store, second).strengths == []
    finally:
        store.close()


def test_a_supervisor_says_which_role_they_write_in(cohort: list[str]) -> None:
    store = open_store()
    try:
        peers = PeerReviews(store)
        made = peers.supervise("s-gate", kind="note", author="Sam", body="Let's talk.",
                               stance="non-peer-supervisor")
        plain = Reviews(store).add("s-gate", kind="note", author="Dana", role="trainer",
                                   body="Thank you.")
        assert peers.stances("s-gate") == {made.id: "non-peer-supervisor"}
        assert peer_review.stance_words(peers.stances("s-gate").get(plain.id)) \
            == "role not stated"
        with pytest.raises(PeerError, match="peer supervisor or a non-peer"):
            peers.supervise("s-gate", kind="note", author="Sam", body="Hi.",
                            stance="peer-trainee")
    finally:
        store.close()


def test_peer_review_needs_both_to_agree_and_ends_when_either_withdraws(
        cohort: list[str]) -> None:
    owner, reviewer = cohort  # owner has s-skilled; reviewer has s-gate
    store = open_store()
    try:
        peers = PeerReviews(store)
        assert peers.may_review(owner, "s-skilled") and not peers.may_review(reviewer,
                                                                             "s-skilled")
        with pytest.raises(PeerError, match="both to agree"):
            peers.comment(reviewer, "s-skilled", kind="strength", body="Warm opening.")
        peers.invite(owner, reviewer)
        with pytest.raises(PeerError, match="both to agree"):  # invited, not yet accepted
            peers.comment(reviewer, "s-skilled", kind="strength", body="Warm opening.")
        with pytest.raises(PeerError):
            peers.entries_for(reviewer, "s-skilled")
        peers.accept(reviewer, owner)
        made = peers.comment(reviewer, "s-skilled", kind="strength", body="Warm opening.",
                             turn=0)
        assert (made.role, made.author) == ("trainee", reviewer)
        assert peers.stances("s-skilled") == {made.id: "peer-trainee"}
        assert [e.id for e in peers.entries_for(reviewer, "s-skilled")] == [made.id]
        assert not peers.may_review(owner, "s-gate")  # consent runs one way only
        with pytest.raises(ReviewError, match="one of"):
            peers.comment(reviewer, "s-skilled", kind="flag", body="Disagree.")
        with pytest.raises(PeerError, match="own session"):
            peers.comment(reviewer, "s-gate", kind="strength", body="Me.")
        assert {(c.owner_id, c.reviewer_id, c.side) for c in peers.consents(reviewer)} == {
            (owner, reviewer, "owner"), (owner, reviewer, "reviewer")}
        peers.withdraw(owner, reviewer)  # the owner changes their mind
        assert not peers.agreed(owner, reviewer)
        with pytest.raises(PeerError):
            peers.entries_for(reviewer, "s-skilled")
        with pytest.raises(PeerError, match="both to agree"):
            peers.comment(reviewer, "s-skilled", kind="question", body="Why?")
        peers.invite(owner, reviewer)  # invited again: agreed again
        assert peers.agreed(owner, reviewer)
        peers.withdraw(reviewer, owner)  # and the reviewer may step back too
        assert not peers.agreed(owner, reviewer)
        with pytest.raises(PeerError, match="fellow trainee"):
            peers.invite(owner, owner)
    finally:
        store.close()


def test_the_report_has_a_record_of_growth_page(cohort: list[str], tmp_path: Path,
                                                shipped: Library) -> None:
    first, second = cohort
    store = open_store()
    try:
        PeerReviews(store).supervise("s-skilled", kind="strength", author="Dana",
                                     body="You asked first.", stance="non-peer-supervisor")
        Goals(store).add(second, "Breathe <b>first</b>", by="Dana", role="trainer")
        build_report(store, "spring", tmp_path / "r.html",
                     Gradebook(names=Names.of(shipped)))
    finally:
        store.close()
    page = (tmp_path / "r.html").read_text().split("<h2>Record of growth</h2>")[1]
    assert f"<h3>{first}</h3>" in page and f"<h3>{second}</h3>" in page
    assert "You asked first. (Dana, non-peer supervisor)" in page
    assert "Breathe &lt;b&gt;first&lt;/b&gt;: proposed, waiting for the trainee" in page
    assert "assessment" in page and "not signed off" in page
    assert "<td>Listening accuracy</td>" in page  # criteria by the rubric's names


def test_replacing_an_imported_session_takes_what_refers_to_it_with_it(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    forgery = rechecksummed(good, tmp_path / "forged.json", forged)
    assert main(["cohort", "import", str(forgery), "--into", "spring"]) == 0
    flag = Reviews(trainer).add("s-forged", kind="flag", author=TRAINEE, role="trainee",
                                turn=0, body="I disagree.")
    Resolutions(trainer).resolve(flag.id, state="declined", reason="Not here.", by="Dana")
    PeerReviews(trainer).supervise("s-forged", kind="note", author="Dana", body="Hm.",
                                   stance="non-peer-supervisor")
    SignOffs(trainer).sign("s-forged", verdict="pass", reason="Fine.", trainer="Dana")
    HelpRequests(trainer).notify(TRAINEE, "s-forged", "safety-gate", 0)
    genuine = tmp_path / "mine.json"
    genuine.write_text(json.dumps(good))
    assert main(["cohort", "import", str(genuine), "--into", "spring", "--replace"]) == 0, \
        capsys.readouterr().err
    for table in ("review_stances", "resolutions", "signoffs", "help_requests",
                  "review_entries"):
        assert trainer.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
