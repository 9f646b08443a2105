"""``peersim review`` end to end: list, show, comment, reply, flag, prompt, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from simulator.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_review_from_the_terminal(cohort: list[str], capsys: pytest.CaptureFixture[str],
                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(capsys, "review", "list", "--cohort", "spring")
    assert code == 0 and "s-skilled" in out and "s-gate" in out and "0 comment(s)" in out
    code, out, err = run(capsys, "review", "comment", "s-skilled", "--turn", "1", "--kind",
                         "strength", "--by", "Dana", "You", "named", "both", "worries.")
    assert code == 0, err
    comment_id = out.split()[2]
    monkeypatch.setenv("PEERSIM_REVIEWER", "Lee")
    assert run(capsys, "review", "reply", comment_id, "Agreed,", "well", "done.")[0] == 0
    assert run(capsys, "review", "flag", "s-gate", "--turn", "2", "--criterion", "harm",
               "The", "gate", "was", "right", "but", "harsh.")[0] == 0
    assert run(capsys, "review", "prompt", "s-gate", "--turn", "2")[0] == 0
    assert run(capsys, "review", "comment", "s-gate", "--kind", "note", "Talk", "soon.")[0] == 0
    code, out, _ = run(capsys, "review", "show", "s-skilled")
    assert "Turn 1." in out and "/3:" in out and "judged" in out
    assert f"[{comment_id}] Dana (trainer, strength" in out and "Lee (trainer, reply" in out
    code, out, _ = run(capsys, "review", "show", "s-gate")
    out = " ".join(out.split())  # wrapped to the terminal's width
    assert "SAFETY GATE" in out and "flag: I disagree on harm" in out
    assert "What did you notice in yourself" in out and "On the whole session:" in out
    # every comment, read back
    code, out, _ = run(capsys, "review", "export", "--cohort", "spring", "-o",
                       str(tmp_path / "c.csv"))
    assert code == 0 and "wrote 6 comment(s)" in out
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["kind"] for r in rows] == ["strength", "reply", "flag", "prompt", "prompt",
                                         "note"]
    assert rows[0]["turn"] == "1" and rows[0]["author"] == "Dana" and rows[5]["turn"] == ""
    assert run(capsys, "review", "export", "-o", str(tmp_path / "c.jsonl"))[0] == 0
    lines = [json.loads(x) for x in (tmp_path / "c.jsonl").read_text().splitlines()]
    assert lines[2]["criterion"] == "harm" and lines[2]["turn"] == 2


def test_review_refusals_are_plain_messages(cohort: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "review", "comment", "s-gate", "--kind", "question", "Why?")
    assert code == 2 and "--by NAME" in err
    code, _out, err = run(capsys, "review", "comment", "s-gate", "--turn", "9", "--kind",
                          "question", "--by", "D", "Why?")
    assert code == 1 and "no turn 9" in err
    code, _out, err = run(capsys, "review", "comment", "s-gate", "--turn", "2", "--kind",
                          "suggestion", "--by", "D", "Better than: what got me through was",
                          "telling one person the truth about it")
    assert code == 1 and "quotes the story" in err  # the words of a shared piece
    code, _out, err = run(capsys, "review", "list", "--cohort", "nobody")
    assert code == 1 and "nobody" in err and "Traceback" not in err
