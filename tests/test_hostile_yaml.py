"""Files built to exhaust the reader are refused early with a positioned code, and only a
bounded number of lines is ever reported for them, on ``check`` and on ``play``.

Times are not asserted here (benchmarks/bench_hostile_yaml.py measures them); what is
asserted is what kept them short: reading stops at the first limit crossed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.loading.documents import MAX_SCHEMA_ERRORS, load_file
from simulator.loading.safeyaml import MAX_KEYS, MAX_NODES, MAX_PROBLEMS

LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>PS\d{3}) ")


def many_keys(count: int) -> str:
    return "kind: scenario\nid: x\n" + "".join(f"k{i}: v\n" for i in range(count))


def many_anchors(count: int) -> str:
    return "kind: scenario\nid: x\nitems:\n" + "".join(f"  - &a{i} v\n" for i in range(count))


def many_values(count: int) -> str:
    return "kind: deck\nid: x\nfragments: [" + "1," * count + "1]\n"


def many_unknown_keys(mappings: int, keys: int) -> str:
    return "kind: scenario\nid: x\nbeats:\n" + "".join(
        f"  b{j}:\n" + "".join(f"    k{i}: v\n" for i in range(keys)) for j in range(mappings))


Write = Callable[[str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    def _write(text: str) -> Path:
        path = tmp_path / "hostile.yaml"
        path.write_text(text, encoding="utf-8")
        return path
    return _write


def test_two_hundred_thousand_keys_stop_at_the_key_limit(write: Write) -> None:
    loaded, problems = load_file(write(many_keys(200_000)), lenient=True)
    assert loaded is None
    assert [p.code for p in problems] == ["PS111"]
    # kind and id are keys 1 and 2, so the key past the limit is on line MAX_KEYS + 1
    assert (problems[0].line, problems[0].col) == (MAX_KEYS + 1, 1)
    assert f"{MAX_KEYS:,} keys" in problems[0].message


def test_fifty_thousand_anchors_are_reported_a_few_times_then_reading_stops(write: Write) -> None:
    loaded, problems = load_file(write(many_anchors(50_000)), lenient=True)
    assert loaded is None
    assert len(problems) == MAX_PROBLEMS + 1
    assert {p.code for p in problems[:-1]} == {"PS104"}
    assert problems[-1].code == "PS112" and problems[-1].line == MAX_PROBLEMS + 3


def test_a_million_values_are_refused_as_they_are_read(write: Write) -> None:
    loaded, problems = load_file(write(many_values(MAX_NODES)), lenient=True)
    assert loaded is None and [p.code for p in problems] == ["PS111"]
    assert "values in one file" in problems[0].message


def test_a_flood_of_schema_problems_reports_a_bounded_number(write: Write) -> None:
    loaded, problems = load_file(write(many_unknown_keys(20, 1000)), lenient=True)
    assert loaded is None
    assert len(problems) <= MAX_SCHEMA_ERRORS + 1
    assert problems[-1].code == "PS112" and "20,0" in problems[-1].message


def test_an_ordinary_file_with_a_few_anchors_still_lists_them_all(write: Write) -> None:
    _loaded, problems = load_file(write(many_anchors(3)), lenient=True)
    assert [p.code for p in problems].count("PS104") == 3
    assert "PS112" not in {p.code for p in problems}


@pytest.mark.parametrize("text", [many_keys(200_000), many_anchors(50_000)],
                         ids=["keys", "anchors"])
@pytest.mark.parametrize("command", ["check", "play"])
def test_check_and_play_refuse_hostile_files_in_a_few_lines(
        write: Write, capsys: pytest.CaptureFixture[str], command: str, text: str) -> None:
    path = write(text)
    assert main([command, str(path)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if LINE.match(line)]
    assert 1 <= len(lines) <= MAX_PROBLEMS + 1
    assert all(LINE.match(line)["file"] == str(path) for line in lines)  # type: ignore[index]
    assert {LINE.match(line)["code"] for line in lines} & {"PS111", "PS112"}  # type: ignore[index]
    assert "Traceback" not in err
