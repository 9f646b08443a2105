"""Each CLI command end to end, as a trainer would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli.main import main
from tests.conftest import MINI

ROOT = Path(__file__).parent.parent
Write = Callable[[str, str | bytes], Path]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_shipped_content_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "validate", "scenarios", "decks", "rubrics")
    assert code == 0 and ": 0 error(s), 0 warning(s)" in out


def test_validate_reports_every_error_and_exits_1(capsys: pytest.CaptureFixture[str],
                                                  write: Write) -> None:
    bad = write("bad.yaml", MINI.replace("title: Mini", "title: no")
                .replace("next: okay", "next: nowhere"))
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    # one run reports the YAML 1.1 surprise and what the cross-checks find past it
    assert err.strip().splitlines() == [
        f"{bad}:4:8: PS103 unquoted 'no' is read by YAML 1.1 tools as the boolean false;"
        " write it in quotes to mean the text",
        f"{bad}:62:15: PS300 next 'nowhere' is neither a beat nor an ending",
        f"{bad}:65:3: PS304 ending 'okay' can never be reached",
    ]
    assert "Traceback" not in err and "1 file(s) checked" in out


def test_validate_json(capsys: pytest.CaptureFixture[str], write: Write) -> None:
    bad = write("bad.yaml", MINI.replace("next: okay", "next: nowhere"))
    code, out, _err = run(capsys, "validate", "--json", str(bad))
    data = json.loads(out)
    assert code == 1 and data["errors"] == 2
    assert data["diagnostics"][0]["code"] == "PS300"


def test_validate_never_shows_a_traceback_even_for_binary_junk(write: Write) -> None:
    junk = write("junk.yaml", bytes(range(256)) * 4)
    proc = subprocess.run([sys.executable, "-m", "simulator", "validate", str(junk)],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "PS101" in proc.stderr


def test_check_runs_every_shipped_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "check")
    assert code == 0
    assert out.strip().splitlines()[-1].endswith(" 0 failed")
    assert "ok   loud-again/skilled" in out


def test_check_fails_when_an_expectation_fails(capsys: pytest.CaptureFixture[str],
                                               write: Write) -> None:
    plan = ("tests:\n  - id: hopeful\n    steps:\n      - line: cold\n      - line: plain\n"
            "    expect: {ending: good, passed: true}\n")
    path = write("m.yaml", MINI + plan)
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1
    assert "FAIL mini/hopeful" in out and "ending was okay, expected 'good'" in out


def test_run_plan_file_prints_transcript_and_scores(capsys: pytest.CaptureFixture[str],
                                                    write: Write) -> None:
    plan = write("plan.yaml", "kind: plan\nid: quick\nscenario: loud-again\ndeck: robin\n"
                 "steps:\n  - line: exhausting\n  - share: {fragments: [writing-them-down],"
                 " permission: true, hand_back: true}\nexpect: {overall: {min: 2.5}}\n")
    code, out, _err = run(capsys, "run", "loud-again", "--plan", str(plan))
    assert code == 0
    assert "said (exhausting)" in out and "shared writing-them-down" in out
    assert "selectivity  3/3" in out and "result: NOT PASSED" not in out.split("ending")[0]


def test_run_json_and_failed_expectation_exit_code(capsys: pytest.CaptureFixture[str],
                                                   write: Write) -> None:
    plan = write("plan.yaml", "kind: plan\nid: quick\nsteps:\n  - line: doubt\n"
                 "expect: {overall: {min: 2.5}}\n")
    code, out, _err = run(capsys, "run", "loud-again", "--plan", str(plan), "--json")
    data = json.loads(out)
    assert code == 1 and not data["ok"]
    assert data["failures"] == ["overall was 0.54, expected between 2.5 and 3"]
    assert data["transcript"][0]["score"]["scores"][0]["criterion"] == "acceptance"


def test_run_with_a_bad_plan_file_is_a_clear_error(capsys: pytest.CaptureFixture[str],
                                                   write: Write) -> None:
    plan = write("plan.yaml", "kind: plan\nid: quick\nsteps: []\n")
    code, _out, err = run(capsys, "run", "loud-again", "--plan", str(plan))
    assert code == 1 and "PS203" in err and "not a valid plan file" in err


def test_walk_reports_coverage_and_spread(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "walk", "nothing-left", "--runs", "500", "--seed", "3",
                          "--json")
    data = json.loads(out)
    assert code == 0 and data["runs"] == 500
    assert data["unreached_beats"] == [] and "safety-first" in data["endings"]
    assert data["spread"]["min"] < data["pass_mark"] <= data["spread"]["max"]
    again = run(capsys, "walk", "nothing-left", "--runs", "500", "--seed", "3", "--json")[1]
    assert json.loads(again) == data  # seeded: the same walks


def test_walk_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "walk", "loud-again", "--runs", "50")
    assert code == 0 and "never reached:" in out and "pass mark 2" in out


def test_graph_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "graph", "nothing-left", "--format", "mermaid")
    assert code == 0 and out.startswith("flowchart TD")
    assert 'n_nothing_left -->|"safety gate"| n_safety_first' in out
    code, out, _err = run(capsys, "graph", "nothing-left", "--format", "dot")
    assert code == 0 and out.startswith('digraph "nothing-left"')
    assert '"nothing-left" -> "safety-first" [label="safety gate"];' in out


def test_unknown_scenario_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "graph", "no-such-scenario")
    assert code == 2 and "no scenario file or id 'no-such-scenario'" in err


def test_schema_and_themes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _err = run(capsys, "schema", "-o", str(tmp_path))
    assert code == 0 and (tmp_path / "scenario.schema.json").exists()
    code, out, _err = run(capsys, "themes", "--json")
    themes = {t["id"]: t["label"] for t in json.loads(out)}
    assert themes["voices"] == "hearing voices" and "suicidal-thoughts" in themes


def test_module_entry_point_and_version() -> None:
    proc = subprocess.run([sys.executable, "-m", "simulator", "--version"], capture_output=True,
                          text=True, cwd=ROOT, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0 and proc.stdout.startswith("peersim ")
