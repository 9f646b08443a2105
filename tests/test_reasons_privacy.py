"""Score reasons never carry a fragment's title off the screen it is shown on.

Titles are pieces of someone's history: a reason names them by reference, the
trainee's own screen renders the titles, and records, transfer files and exports
carry the reference only.
"""

from __future__ import annotations

import json
from pathlib import Path

from simulator.engine import record
from simulator.engine.engine import Engine
from simulator.engine.session import Turn
from simulator.exports.tables import write_jsonl
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records.cohorts import add_members, create_cohort
from simulator.records.sqlite_store import SqliteStore
from simulator.records.transfer import export_mine
from simulator.scoring.reasons import deck_titles
from simulator.scoring.types import CriterionScore, TurnScore
from simulator.wording import Message, msg, redact, ref, render, sentences


def test_render_names_the_known_and_counts_the_rest() -> None:
    reason = sentences([msg("share.selectivity.fits", pieces=["a", "b"], themes=["voices"]),
                        msg("share.harm.private", pieces=["c"])])
    titles = {"a": "The long winter", "b": "Sofa year"}.get
    assert render(reason, titles).startswith("'The long winter' and 'Sofa year' speaks to")
    assert "One piece of your story is marked private" in render(reason, titles)
    assert redact(reason).startswith("2 pieces of your story speaks to what")
    assert "The long winter" not in redact(reason)


def test_old_stored_sentences_render_as_before() -> None:
    """Records made before message ids hold English with ``{fragments:..}`` references."""
    old = f"{ref(['a', 'b'])} speaks to it. {ref(['c'])} is about something else."
    reason = Message.from_stored(old)
    titles = {"a": "The long winter", "b": "Sofa year"}.get
    assert render(reason, titles) == ("'The long winter', 'Sofa year' speaks to it."
                                      " One piece of your story is about something else.")
    assert redact(reason) == ("2 pieces of your story speaks to it."
                              " One piece of your story is about something else.")
    assert redact(Message.from_stored("No pieces here.")) == "No pieces here."


def test_a_reason_stores_ids_and_parameters_and_round_trips() -> None:
    reason = sentences([msg("share.selectivity.off", pieces=["x"], theme="voices")])
    score = TurnScore((CriterionScore("selectivity", 1, 1.0, reason, "share"),), "weak", 1.0)
    turn = Turn(0, "b", Step(share=ShareStep(fragments=["x"])), score, "c", {})
    stored = json.loads(record.dumps(turn))["score"]["scores"][0]["reason"]
    assert stored == {"id": "sentences", "params": {"parts": [
        {"id": "share.selectivity.off", "params": {"pieces": ["x"], "theme": "voices"}}]}}
    assert Message.from_stored(stored) == reason
    assert record.read_turn(json.loads(record.dumps(turn))) == turn


def _shared_badly(shipped: Library) -> tuple[Engine, list[str]]:
    deck = shipped.deck("robin")
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), deck)
    return engine, [f.title for f in deck.fragments]


def test_a_share_is_explained_by_title_on_screen_but_stored_without_it(
        shipped: Library) -> None:
    engine, titles = _shared_badly(shipped)
    session = engine.start("s-1")
    turn = engine.choose(session, Step(share=ShareStep(
        fragments=["the-restraint", "night-in-the-cells"], detail="detailed")))
    stored = record.dumps(turn)
    assert not any(title in stored for title in titles)
    shown = " ".join(render(s.reason, deck_titles(engine.deck)) for s in turn.score.scores)
    assert "'The night I was restrained'" in shown


def test_records_transfer_file_and_jsonl_export_carry_no_title(
        shipped: Library, tmp_path: Path) -> None:
    engine, titles = _shared_badly(shipped)
    store = SqliteStore(tmp_path / "records.sqlite3")
    try:
        trainee = store.ensure_trainee("t-0123456789ab")
        create_cohort(store, "spring", "Spring")
        add_members(store, "spring", trainee_ids=[trainee])
        service = PracticeService(store)
        practice = service.start(engine, trainee_id=trainee, mode="assessment",
                                 session_id="s-1")
        service.choose(practice, Step(share=ShareStep(
            fragments=["the-restraint", "night-in-the-cells"], detail="detailed")))
        service.finish(practice)
        mine, lines = tmp_path / "mine.json", tmp_path / "spring.jsonl"
        export_mine(store, trainee, mine)
        write_jsonl(store, "spring", lines)
    finally:
        store.close()
    for written in (mine, lines, tmp_path / "records.sqlite3"):
        data = written.read_bytes().decode("utf-8", errors="replace")
        assert not [t for t in titles if t in data], written.name
    assert "the-restraint" in lines.read_text(encoding="utf-8")  # the choice, by id
