"""A records file is checked whole before anything is written, even when its checksum is
right (a trainee can recompute it), and streams may be abandoned without a traceback.

Each test runs on SQLite and on PostgreSQL (the trainer's store; see conftest.py)."""

from __future__ import annotations

import copy
import gc
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import Step
from simulator.records import open_store
from simulator.records.sql_store import SqlStore
from simulator.records.sqlite_store import SqliteStore
from simulator.records.transfer import _digest, export_mine
from tests.records.conftest import play

TRAINEE = "t-0123456789ab"
Edit = Callable[[dict[str, Any]], object]


@pytest.fixture
def good(shipped: Library, tmp_path: Path) -> dict[str, Any]:
    """A trainee's genuine records file (made on a machine of its own), as JSON data."""
    machine = SqliteStore(tmp_path / "trainee.sqlite3")
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    skilled = next(p for p in engine.scenario.tests if p.model)
    play(machine, engine, TRAINEE, "s-mine", list(skilled.steps))
    export_mine(machine, TRAINEE, tmp_path / "good.json")
    machine.close()
    data: dict[str, Any] = json.loads((tmp_path / "good.json").read_text())
    return data


@pytest.fixture
def trainer(capsys: pytest.CaptureFixture[str]) -> Iterator[SqlStore]:
    """The trainer's store, with an empty cohort ``spring``."""
    assert main(["cohort", "create", "spring"]) == 0
    capsys.readouterr()
    store = open_store()
    yield store
    store.close()


def rechecksummed(good: dict[str, Any], path: Path, edit: Edit) -> Path:
    """``good`` changed by ``edit`` with its checksum recomputed, as a trainee could."""
    data = copy.deepcopy(good)
    edit(data["payload"])
    data["sha256"] = _digest(data["payload"])
    path.write_text(json.dumps(data))
    return path


def counts(store: SqlStore) -> list[int]:
    return [store.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("trainees", "sessions", "turns", "cohort_members")]


def _session(key: str, value: object) -> Edit:
    return lambda payload: payload["sessions"][0].__setitem__(key, value)


def _turn(key: str, value: object) -> Edit:
    return lambda payload: payload["turns"][0].__setitem__(key, value)


def _turn_data(key: str, value: object | None) -> Edit:
    """Change (or, with None, remove) one field inside the first turn's ``turn_json``."""
    def edit(payload: dict[str, Any]) -> None:
        data = json.loads(payload["turns"][0]["turn_json"])
        if value is None:
            del data[key]
        else:
            data[key] = value
        payload["turns"][0]["turn_json"] = json.dumps(data)
    return edit


def _appended_turn(payload: dict[str, Any]) -> None:
    """One more turn on the completed session (without touching its turn count)."""
    last = dict(payload["turns"][-1])
    data = json.loads(last["turn_json"])
    data["index"] = last["idx"] = last["idx"] + 1
    last["turn_json"] = json.dumps(data)
    payload["turns"].append(last)


BAD_FILES: dict[str, tuple[Edit, str]] = {
    "missing key": (lambda p: p["sessions"][0].pop("mode"), "sessions[0].mode: Field required"),
    "sessions not a list": (lambda p: p.__setitem__("sessions", 5),
                            "sessions: Input should be a valid list"),
    "result not json": (_session("result_json", "not json"),
                        "sessions[0].result_json: Invalid JSON"),
    "result without criteria": (_session("result_json", '{"gates": []}'),
                                "sessions[0].result_json: criteria: Field required"),
    "state not an object": (_session("state_json", "[1, 2]"), "sessions[0].state_json"),
    "version as text": (_session("scenario_version", "1"), "sessions[0].scenario_version"),
    "unknown mode": (_session("mode", "exam"), "sessions[0].mode"),
    "not a time": (_session("completed_at", "yesterday"), "expected a UTC time"),
    "completed without a score": (_session("overall", None), "lacks its overall score"),
    "extra key": (_session("grade", "A"), "sessions[0].grade: Extra inputs"),
    "turn not json": (_turn("turn_json", "{"), "turns[0].turn_json: Invalid JSON"),
    "step of the wrong shape": (_turn_data("step", {"line": 3}),
                                "turns[0].turn_json: step.line: Input should be a valid string"),
    "level out of range": (_turn_data("score", {"scores": [{"criterion": "c", "level": 9,
                                                           "raw": 9.0, "source": "author",
                                                           "reason": {"id": "authored"}}],
                                                "band": "weak", "mean": 9.0}),
                           "turns[0].turn_json: score.scores[0].level: a level is 0 to 3"),
    "turn the engine cannot read": (_turn_data("variables", None),
                                    "turns[0].turn_json: variables: Field required"),
    "turn numbered otherwise than its row": (_turn_data("index", 7), "says it is turn 7"),
    "state that is not a position": (_session("state_json", '{"x": 1}'),
                                     "sessions[0].state_json"),
    "turn appended to a completed session": (_appended_turn, "counts 5 turn(s) but the file"
                                             " holds 6"),
    "turn of a session not in the file": (_turn("session_id", "s-victim"),
                                          "turn 0 belongs to session s-victim"),
    "session of another trainee": (_session("trainee_id", "t-aaaaaaaaaaaa"),
                                   "belongs to another trainee"),
    "twice the same session": (lambda p: p["sessions"].append(p["sessions"][0]),
                               "session s-mine appears twice"),
    "trainee id that is markup": (lambda p: [p.__setitem__("trainee_id", "[b]x[/b]"),
                                             p["sessions"][0].__setitem__("trainee_id",
                                                                         "[b]x[/b]")],
                                  "trainee_id: String should match pattern"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_rechecksummed_file_with_a_bad_structure_is_refused_whole(
        case: str, good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    edit, expected = BAD_FILES[case]
    ok = tmp_path / "ok.json"
    ok.write_text(json.dumps(good))
    bad = rechecksummed(good, tmp_path / "bad.json", edit)
    before = counts(trainer)
    assert main(["cohort", "import", str(ok), str(bad), "--into", "spring"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"peersim: Records store: {bad}: not a valid peersim records file: ")
    assert expected in err and err.rstrip().endswith("nothing was imported")
    assert "internal error" not in err and "Traceback" not in err
    assert counts(trainer) == before  # not even the good file went in


def test_turns_aimed_at_another_trainees_recorded_session_are_refused(
        shipped: Library, good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    play(trainer, engine, "t-victim", "s-victim", [Step(line="doubt")])
    victim_turns = trainer.turns("s-victim")

    def claim(payload: dict[str, Any]) -> None:
        payload["sessions"][0]["id"] = "s-victim"
        for turn in payload["turns"]:
            turn["session_id"] = "s-victim"

    bad = rechecksummed(good, tmp_path / "claim.json", claim)
    before = counts(trainer)
    assert main(["cohort", "import", str(bad), "--into", "spring"]) == 1
    err = capsys.readouterr().err
    assert "session s-victim is already recorded for another trainee (t-victim)" in err
    assert counts(trainer) == before and trainer.turns("s-victim") == victim_turns


def test_the_same_session_for_two_trainees_in_two_files_is_refused(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(good))

    def other_trainee(payload: dict[str, Any]) -> None:
        payload["trainee_id"] = payload["sessions"][0]["trainee_id"] = "t-aaaaaaaaaaaa"

    theirs = rechecksummed(good, tmp_path / "theirs.json", other_trainee)
    assert main(["cohort", "import", str(mine), str(theirs)]) == 1
    assert "session s-mine belongs to another trainee" in capsys.readouterr().err
    assert counts(trainer) == [0, 0, 0, 0]


def test_import_into_a_cohort_that_does_not_exist_is_refused(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(good))
    assert main(["cohort", "import", str(path), "--into", "nosuch"]) == 1
    err = capsys.readouterr().err
    assert "no cohort 'nosuch'" in err and "nothing was imported" in err
    assert "IntegrityError" not in err and counts(trainer) == [0, 0, 0, 0]
    assert main(["cohort", "import", str(path), "--into", "spring"]) == 0
    assert main(["cohort", "import", str(path), "--into", "spring"]) == 0
    assert "imported 0 new session(s)" in capsys.readouterr().out
    assert counts(trainer) == [1, 1, len(good["payload"]["turns"]), 1]


def test_an_unreadable_file_is_named(trainer: SqlStore, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.json"
    assert main(["cohort", "import", str(missing)]) == 1
    assert f"{missing}: cannot read it" in capsys.readouterr().err


@pytest.fixture
def unraisable(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What Python would print as "Exception ignored in ..." during the test."""
    seen: list[str] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: seen.append(repr(u.exc_value)))
    return seen


def test_a_stream_abandoned_while_the_store_closes_prints_nothing(
        trainer: SqlStore, unraisable: list[str]) -> None:
    for n in range(3):
        trainer.ensure_trainee(f"t-{n}")
    rows = trainer.stream("SELECT id FROM trainees ORDER BY id")
    assert next(rows)[0] == "t-0"
    trainer.close()  # the consumer stopped early and the store closes with the stream open
    del rows
    gc.collect()
    assert unraisable == []
    again = open_store()
    early = again.stream("SELECT id FROM trainees ORDER BY id")
    assert next(early)[0] == "t-0"
    del early  # abandoned first, the store still open
    gc.collect()
    again.close()
    assert unraisable == []


def test_a_damaged_result_already_stored_is_a_clear_error_for_every_export(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str], unraisable: list[str]) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(good))
    assert main(["cohort", "import", str(path), "--into", "spring"]) == 0
    with trainer.write():  # as an import before these checks could have left it
        trainer.execute("UPDATE sessions SET result_json = 'not json'")
    capsys.readouterr()
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("csv", "csv-wide", "xlsx", "jsonl", "xapi"):
        assert main(["export", "--cohort", "spring", "--format", fmt,
                     "-o", str(out / f"x.{fmt}")]) == 1
    assert main(["report", "--cohort", "spring", "-o", str(out / "r.html")]) == 1
    gc.collect()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 6 and all("session s-mine in the records database" in line
                                   and "has a damaged result" in line for line in lines)
    assert list(out.iterdir()) == [] and unraisable == []  # no file, not even half of one


def test_a_file_claiming_a_trainee_recorded_here_is_refused(
        shipped: Library, good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    play(trainer, engine, TRAINEE, "s-played-here", [Step(line="doubt")])
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(good))
    before = counts(trainer)
    assert main(["cohort", "import", str(path), "--into", "spring"]) == 1
    err = capsys.readouterr().err
    assert f"trainee {TRAINEE} already has sessions recorded in this database itself" in err
    assert err.rstrip().endswith("nothing was imported") and counts(trainer) == before


def test_a_file_claiming_a_trainee_imported_from_another_file_is_refused(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(good))
    assert main(["cohort", "import", str(path), "--into", "spring"]) == 0

    def forged(payload: dict[str, Any]) -> None:  # the same trainee, other sessions
        payload["sessions"][0]["id"] = "s-forged"
        for turn in payload["turns"]:
            turn["session_id"] = "s-forged"

    forgery = rechecksummed(good, tmp_path / "forged.json", forged)
    before = counts(trainer)
    assert main(["cohort", "import", str(forgery), "--into", "spring"]) == 1
    err = capsys.readouterr().err
    assert "records here came from another file (session s-mine is not in this one)" in err
    assert counts(trainer) == before


def test_turns_added_to_a_session_completed_here_are_refused(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(good))
    assert main(["cohort", "import", str(path), "--into", "spring"]) == 0
    recorded = trainer.turns("s-mine")

    def more(payload: dict[str, Any]) -> None:  # one more turn, and counted, so it fits
        _appended_turn(payload)
        payload["sessions"][0]["turns"] += 1

    longer = rechecksummed(good, tmp_path / "longer.json", more)
    before = counts(trainer)
    assert main(["cohort", "import", str(longer), "--into", "spring"]) == 1
    err = capsys.readouterr().err
    assert "session s-mine is already complete here and this file changes it" in err
    assert "imported 0 new" not in err and counts(trainer) == before
    assert trainer.turns("s-mine") == recorded
