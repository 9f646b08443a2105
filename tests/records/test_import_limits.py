"""Records imports that hold: a forged file cannot keep a trainee's own records out (the
trainer resolves the conflict), a deeply nested or oversized file is refused with one
line, and a file of many sessions imports whole (linear checks; the time is measured by
benchmarks/bench_import.py, not asserted here).

Each test runs on SQLite and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.records.sql_store import SqlStore
from simulator.records.transfer import MAX_FILE_BYTES, _digest, read_export
from tests.records.test_import_checks import TRAINEE, counts, good, rechecksummed, trainer

__all__ = ["good", "trainer"]  # fixtures, shared with the import checks


def forged(payload: dict[str, Any]) -> None:
    """The same trainee id, a made-up session instead of theirs."""
    payload["sessions"][0]["id"] = "s-forged"
    for turn in payload["turns"]:
        turn["session_id"] = "s-forged"


def session_ids(store: SqlStore) -> list[str]:
    return sorted(r[0] for r in store.execute("SELECT id FROM sessions"))


def test_a_forged_file_imported_first_never_blocks_the_genuine_one(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    forgery = rechecksummed(good, tmp_path / "forged.json", forged)
    assert main(["cohort", "import", str(forgery), "--into", "spring"]) == 0
    assert session_ids(trainer) == ["s-forged"]
    capsys.readouterr()
    genuine = tmp_path / "mine.json"
    genuine.write_text(json.dumps(good))
    before = counts(trainer)
    assert main(["cohort", "import", str(genuine), "--into", "spring"]) == 1
    err = capsys.readouterr().err
    assert "--replace" in err and "Traceback" not in err  # the trainer is told what to do
    assert counts(trainer) == before
    assert main(["cohort", "import", str(genuine), "--into", "spring", "--replace"]) == 0
    assert session_ids(trainer) == ["s-mine"]  # the forged session is gone, theirs is in
    assert len(trainer.turns("s-mine")) == good["payload"]["sessions"][0]["turns"]
    left = trainer.execute("SELECT COUNT(*) FROM turns WHERE session_id = 's-mine'")
    assert left.fetchone()[0] == len(trainer.turns("s-mine"))


def test_replace_does_not_touch_sessions_recorded_here(
        good: dict[str, Any], trainer: SqlStore, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    genuine = tmp_path / "mine.json"
    genuine.write_text(json.dumps(good))
    assert main(["cohort", "import", str(genuine), "--into", "spring"]) == 0
    forgery = rechecksummed(good, tmp_path / "forged.json", forged)
    assert main(["cohort", "import", str(forgery), "--into", "spring", "--replace"]) == 0
    assert session_ids(trainer) == ["s-forged"]  # the trainer chose: the file they trust
    capsys.readouterr()
    assert main(["cohort", "import", str(genuine), "--into", "spring", "--replace"]) == 0
    assert session_ids(trainer) == ["s-mine"]


def test_deeply_nested_json_is_refused_in_one_line(trainer: SqlStore, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    for shape in ("[" * 200_000 + "]" * 200_000, '{"a":' * 200_000 + "1" + "}" * 200_000):
        deep = tmp_path / "deep.json"
        deep.write_text(shape)
        assert main(["cohort", "import", str(deep)]) == 1
        err = capsys.readouterr().err
        assert "nested far too deeply" in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_an_oversized_file_is_refused_before_it_is_read(trainer: SqlStore, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    big = tmp_path / "big.json"
    big.touch()
    os.truncate(big, MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert main(["cohort", "import", str(big)]) == 1
    err = capsys.readouterr().err
    assert f"at most {MAX_FILE_BYTES:,}" in err and "Traceback" not in err


def test_a_file_of_many_sessions_is_read_whole(good: dict[str, Any], tmp_path: Path) -> None:
    payload = copy.deepcopy(good["payload"])
    session, turns = payload["sessions"][0], payload["turns"]
    payload["sessions"], payload["turns"] = [], []
    for n in range(2000):
        payload["sessions"].append({**session, "id": f"s-{n}"})
        payload["turns"] += [{**t, "session_id": f"s-{n}"} for t in reversed(turns)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"payload": payload, "sha256": _digest(payload)}))
    checked = read_export(path)
    assert len(checked.sessions) == 2000 and len(checked.turns) == 2000 * len(turns)
    assert checked.trainee_id == TRAINEE
