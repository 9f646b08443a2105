"""``peersim growth`` and ``peersim peer`` end to end, on SQLite and PostgreSQL: a
trainee keeps their own goals and gives consent; another's record needs the trainer."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.records import open_store
from simulator.records.goals import Goals
from simulator.records.identity import remember_trainee


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_grammar_offers_what_the_records_accept() -> None:
    from simulator.cli.growth_parser import GOAL_STATES, PEER_KINDS
    from simulator.records.goals import STATES
    from simulator.records.review import COMMENT_KINDS

    assert (GOAL_STATES, PEER_KINDS) == (STATES, COMMENT_KINDS)


def _be(trainee: str) -> None:
    store = open_store()
    try:
        remember_trainee(store, trainee)
    finally:
        store.close()


def test_goals_from_the_command_line_and_the_trainers_authority(
        cohort: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = cohort
    _be(first)
    code, out, err = run(capsys, "growth", "goal", "Ask", "before", "sharing")
    assert code == 0, err
    goal = out.split("[", 1)[1].split("]")[0]
    assert "waiting for the trainer to agree" in out
    code, out, err = run(capsys, "growth", "revisit", goal, "Good", "one.", "--state",
                         "agreed", "--by", "Dana")
    assert code == 0 and out.strip().endswith(": agreed"), err
    code, out, _ = run(capsys, "growth", "show", "--json")
    shown = json.loads(out)
    assert shown["trainee_id"] == first and shown["goals"][0]["agreed"]
    assert shown["criteria"]  # s-skilled is finished
    code, _out, err = run(capsys, "growth", "goal", "--trainee", second, "Slow", "down")
    assert code == 2 and "set by a trainer" in err
    # once the trainer key is claimed, another trainee's record needs it
    assert run(capsys, "records", "trainer-key")[0] == 0
    monkeypatch.delenv("PEERSIM_TRAINER_KEY", raising=False)
    code, _out, err = run(capsys, "growth", "show", "--trainee", second)
    assert code == 2 and "only the trainer may" in err
    code, _out, err = run(capsys, "growth", "goal", "--trainee", second, "--by", "Dana", "x")
    assert code == 2 and "only the trainer may" in err
    store = open_store()
    try:
        assert Goals(store).of_trainee(second) == []
    finally:
        store.close()
    code, out, _ = run(capsys, "growth", "show")  # one's own record needs no key
    assert code == 0 and "Ask before sharing: agreed" in out


def test_peer_review_from_the_command_line(cohort: list[str],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    first, second = cohort  # second owns s-gate
    _be(first)
    code, _out, err = run(capsys, "peer", "comment", "s-gate", "--kind", "strength", "Kind.")
    assert code == 1 and "both to agree" in err
    code, out, _ = run(capsys, "peer", "accept", second)
    assert "once they invite you" in out
    _be(second)
    code, out, _ = run(capsys, "peer", "invite", first)
    assert "has accepted" in out
    _be(first)
    code, out, err = run(capsys, "peer", "comment", "s-gate", "--kind", "strength",
                         "--turn", "1", "You", "slowed", "down.")
    assert code == 0 and "peer comment added to s-gate" in out, err
    code, out, _ = run(capsys, "peer", "list")
    assert f"{second} invited {first} as reviewer (agreed" in out
    assert run(capsys, "peer", "withdraw", second)[0] == 0
    code, _out, err = run(capsys, "peer", "comment", "s-gate", "--kind", "question", "Why?")
    assert code == 1 and "both to agree" in err


def test_a_supervisor_states_their_role_and_review_show_says_it(
        cohort: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "review", "comment", "s-skilled", "--kind", "strength",
                         "--by", "Dana", "--stance", "peer-supervisor", "You", "asked",
                         "first.")
    assert code == 0, err
    made = out.split()[2]
    code, out, _ = run(capsys, "review", "show", "s-skilled")
    assert f"[{made}] Dana (trainer, peer supervisor, strength," in " ".join(out.split())
    code, out, _ = run(capsys, "review", "show", "s-skilled", "--json")
    assert [e["stance"] for e in json.loads(out)["entries"]] == ["peer-supervisor"]
    code, out, _ = run(capsys, "growth", "show", "--trainee", cohort[0])
    assert "You asked first. (Dana, peer supervisor)" in out


def test_the_review_export_carries_each_stated_role(
        cohort: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    first, second = cohort
    assert run(capsys, "review", "comment", "s-gate", "--kind", "note", "--by", "Sam",
               "--stance", "non-peer-supervisor", "Let's", "talk.")[0] == 0
    assert run(capsys, "review", "comment", "s-gate", "--kind", "note", "--by", "Dana",
               "Thank", "you.")[0] == 0
    _be(first)
    run(capsys, "peer", "accept", second)
    _be(second)
    run(capsys, "peer", "invite", first)
    _be(first)
    assert run(capsys, "peer", "comment", "s-gate", "--kind", "question", "How?")[0] == 0
    target = tmp_path / "comments.csv"
    assert run(capsys, "review", "export", "-o", str(target))[0] == 0
    with target.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted((r["author"], r["role"], r["stance"]) for r in rows) == [
        ("Dana", "trainer", ""), ("Sam", "trainer", "non-peer-supervisor"),
        (first, "trainee", "peer-trainee")]
