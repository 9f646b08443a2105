"""Supervision entries in the records store, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.records.review import (
    PROMPTS,
    ReviewError,
    Reviews,
    threads,
)
from simulator.records.sql_store import SqlStore
from simulator.storyquote import quotes_story
from tests.records.conftest import play


@pytest.fixture
def session(store: SqlStore, shipped: Library) -> str:
    """One finished session of loud-again by t-ann: a line, then a share."""
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    play(store, engine, "t-ann", "s-one", [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["writing-them-down"], permission=True,
                             hand_back=True))])
    return "s-one"


def test_comments_thread_with_replies_from_several_reviewers(store: SqlStore,
                                                             session: str) -> None:
    reviews = Reviews(store)
    praise = reviews.add(session, kind="strength", author="Dana", role="trainer", turn=1,
                         body="You asked before sharing and gave the focus back.")
    ask = reviews.add(session, kind="question", author="Lee", role="trainer", turn=0,
                      body="What made you name tiredness first?")
    note = reviews.add(session, kind="note", author="Dana", role="trainer",
                       body="A warm, careful conversation overall.")
    reply = reviews.add(session, kind="reply", author="t-ann", role="trainee",
                        parent_id=ask.id, body="She sounded worn out, so I started there.")
    again = reviews.add(session, kind="reply", author="Lee", role="trainer",
                        parent_id=ask.id, body="That is good listening.")
    assert praise.beat == "opening-up" and ask.beat == "loud-again" and note.turn is None
    assert reply.turn == 0  # a reply belongs to its comment's turn
    roots = threads(reviews.entries(session))
    assert [e.kind for e in roots] == ["strength", "question", "note"]
    assert [e.id for e in roots[1].replies] == [reply.id, again.id]
    assert {e.author for e in roots} == {"Dana", "Lee"}


def test_flags_prompts_answers_and_proposals(store: SqlStore, session: str) -> None:
    reviews = Reviews(store)
    flag = reviews.add(session, kind="flag", author="Dana", role="trainer", turn=1,
                       criterion="mutuality", body="I disagree: the hand-back was real.")
    mine = reviews.add(session, kind="flag", author="t-ann", role="trainee", turn=0,
                       body="I disagree: I think this was kinder than scored.")
    prompt = reviews.add(session, kind="prompt", author="Dana", role="trainer", turn=1,
                         body=PROMPTS[0])
    answer = reviews.add(session, kind="answer", author="t-ann", role="trainee",
                         parent_id=prompt.id, body="I felt nervous and rushed a little.")
    proposal = reviews.add(session, kind="proposal", author="t-ann", role="trainee", turn=0,
                           body="That sounds like a lot to carry at night.")
    assert flag.criterion == "mutuality" and mine.criterion is None
    assert answer.parent_id == prompt.id and answer.turn == 1
    rows = reviews.export_rows()
    assert [r["kind"] for r in rows] == ["flag", "flag", "prompt", "answer", "proposal"]
    assert rows[-1]["beat"] == "loud-again" and rows[-1]["scenario_id"] == "loud-again"
    assert rows[-1]["trainee_id"] == "t-ann" and rows[-1]["id"] == proposal.id


@pytest.mark.parametrize(("fields", "says"), [
    ({"kind": "praise", "role": "trainer", "author": "D", "body": "x"}, "one of"),
    ({"kind": "strength", "role": "trainer", "author": " ", "body": "x"}, "who is writing"),
    ({"kind": "strength", "role": "trainer", "author": "D", "body": "  "}, "empty"),
    ({"kind": "strength", "role": "trainee", "author": "t", "body": "x"}, "by the trainer"),
    ({"kind": "prompt", "role": "trainee", "author": "t", "body": "x"}, "by the trainer"),
    ({"kind": "answer", "role": "trainer", "author": "D", "body": "x",
      "parent_id": None}, "needs the comment"),
    ({"kind": "proposal", "role": "trainee", "author": "t", "body": "x"}, "one turn"),
    ({"kind": "flag", "role": "trainer", "author": "D", "body": "x", "turn": 9}, "no turn 10"),
    ({"kind": "flag", "role": "trainer", "author": "D", "body": "x", "turn": 0,
      "criterion": "hope"}, "not scored on 'hope'"),
])
def test_refusals_say_what_to_change(store: SqlStore, session: str, fields: dict[str, object],
                                     says: str) -> None:
    with pytest.raises(ReviewError, match=says):
        Reviews(store).add(session, **fields)  # type: ignore[arg-type]
    assert Reviews(store).entries(session) == []


def test_a_comment_quoting_the_shared_story_is_refused(store: SqlStore, session: str,
                                                      shipped: Library) -> None:
    texts = [f.text for f in shipped.deck("robin").fragments]
    quoting = "You told her: I started writing down what they said, with the time. Good."
    assert quotes_story(quoting, texts)
    assert not quotes_story("You shared a piece about keeping a log; well timed.", texts)
    with pytest.raises(ReviewError, match="quotes the story"):
        Reviews(store).add(session, kind="strength", author="Dana", role="trainer",
                           body=quoting, story_texts=texts)
    assert Reviews(store).entries(session) == []


def test_new_entries_are_unread_until_seen_and_your_own_never_are(store: SqlStore,
                                                                  session: str) -> None:
    reviews = Reviews(store)
    first = reviews.add(session, kind="suggestion", author="Dana", role="trainer", turn=0,
                        body="Try reflecting both worries next time.")
    assert [e.id for e in reviews.unread("t-ann")] == [first.id]
    reviews.mark_read("t-ann", reviews.unread("t-ann"))
    assert reviews.unread("t-ann") == []
    reply = reviews.add(session, kind="reply", author="t-ann", role="trainee",
                        parent_id=first.id, body="I will, thank you.")
    assert reviews.unread("t-ann") == []  # your own reply is not news to you
    assert [e.id for e in reviews.unread("t-ann", reader="Dana")] == [reply.id]


def test_cohort_sessions_list_every_member_session_with_counts(
        store: SqlStore, session: str) -> None:
    with store.write():
        store.execute("INSERT INTO cohorts (id, title, created_at) VALUES ('c', 'C', 'x')")
        store.execute("INSERT INTO cohort_members (cohort_id, trainee_id) VALUES ('c', 't-ann')")
    Reviews(store).add(session, kind="note", author="Dana", role="trainer", body="Well done.")
    [row] = Reviews(store).cohort_sessions("c")
    assert row["id"] == session and row["entries"] == 1 and row["trainee_id"] == "t-ann"
    assert [r["kind"] for r in Reviews(store).export_rows("c")] == ["note"]
    assert Reviews(store).export_rows("nobody") == []
