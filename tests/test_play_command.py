"""``peersim play`` refusals, and a programme's scenario pack (PEERSIM_LIBRARY, --library)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.library_index import fingerprint
from simulator.loading.library import load_library
from simulator.paths import pack_folders
from tests.conftest import MINI


def test_play_lists_every_problem_and_stops_without_watch(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.replace("next: okay", "next: nowhere"), encoding="utf-8")
    code = main(["play", str(bad)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{bad}:" in err and "PS300" in err and "--watch" in err
    assert "Traceback" not in err


def test_play_needs_a_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = tmp_path / "mini.yaml"
    good.write_text(MINI, encoding="utf-8")
    assert main(["play", str(good)]) == 2  # pytest's stdout is not a terminal
    assert "needs a terminal" in capsys.readouterr().err


def test_play_with_no_scenario_says_so(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    assert main(["play", str(tmp_path)]) == 1
    assert "no scenario" in capsys.readouterr().err


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "programme-pack"
    pack.mkdir()
    (pack / "mini.yaml").write_text(MINI, encoding="utf-8")
    return pack


def test_a_pack_named_in_the_environment_joins_the_library(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = _pack(tmp_path)
    before = fingerprint()
    monkeypatch.setenv("PEERSIM_LIBRARY", f"{pack}{':'}{tmp_path / 'missing'}")
    assert pack_folders() == [pack, tmp_path / "missing"]
    library, problems = load_library([])
    assert not problems
    assert "mini" in library.scenarios and "loud-again" in library.scenarios
    assert fingerprint() != before  # the home screen's index is rebuilt for the pack


def test_library_option_sets_the_pack_for_the_command(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEERSIM_LIBRARY", raising=False)
    pack = _pack(tmp_path)
    assert main(["--library", str(pack), "walk", "mini", "--runs", "3"]) == 0
    assert capsys.readouterr().out.startswith("mini: 3 walks")
    # the pack was this run's only: a later caller in the process (here, the session's
    # shipped library in tests/test_library.py) must not find it in the environment
    assert "PEERSIM_LIBRARY" not in os.environ
    assert main(["walk", "mini", "--runs", "3"]) == 2  # without it, no such scenario
