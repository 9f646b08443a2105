"""``peersim assign``, ``peersim talk`` and ``peersim review signoff | resolve |
certification | requests | answered`` end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.practice import PracticeService
from simulator.records import open_store
from simulator.records.identity import remembered_trainee


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_assign_list_and_withdraw(cohort: list[str], capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    first, _second = cohort
    code, out, err = run(capsys, "assign", "add", "loud-again", "--cohort", "spring",
                         "--due", "2099-01-31", "--by", "Dana")
    assert code == 0, err
    assert "assigned loud-again to cohort spring, assessment mode, due 2099-01-31" in out
    made = out.rsplit("[", 1)[1].split("]")[0]
    code, out, _ = run(capsys, "assign", "list", "--trainee", first, "--json")
    [item] = json.loads(out)
    assert item["id"] == made and item["state"] == "to do" and not item["overdue"]
    code, out, _ = run(capsys, "assign", "list", "--cohort", "spring")
    assert f"[{made}] loud-again for cohort spring, due 2099-01-31, set by Dana" in out
    assert run(capsys, "assign", "withdraw", made)[0] == 0
    code, out, _ = run(capsys, "assign", "list", "--trainee", first)
    assert f"nothing assigned to {first}" in out
    code, _out, err = run(capsys, "assign", "add", "no-such", "--trainee", first,
                          "--due", "2099-01-31", "--by", "Dana")
    assert code == 1 and "no scenario 'no-such'" in err
    monkeypatch.setenv("PEERSIM_REVIEWER", "Dana")
    code, _out, err = run(capsys, "assign", "add", "loud-again", "--trainee", first,
                          "--due", "31/01/2099")
    assert code == 1 and "YYYY-MM-DD" in err and "Traceback" not in err


def test_sign_off_resolve_and_certification(cohort: list[str], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    first, second = cohort
    code, out, err = run(capsys, "review", "signoff", "s-gate", "--verdict", "pass", "--by",
                         "Dana", "We", "talked", "it", "through.")
    assert code == 0, err
    assert "signed off s-gate: pass (overriding the scored verdict)" in out
    code, _out, err = run(capsys, "review", "signoff", "s-skilled", "--verdict", "pass",
                          "--by", "Dana", " ")
    assert code == 1 and "give the reason" in err
    code, out, _ = run(capsys, "review", "certification", "--cohort", "spring", "--json")
    standing = {s["trainee_id"]: s for s in json.loads(out)}
    assert [s["id"] for s in standing[first]["open"]] == ["s-skilled"]
    assert standing[second]["signed_off"][0]["signoff"]["overrides"] is True
    code, out, _ = run(capsys, "review", "certification", "--cohort", "spring")
    assert f"{second}: 1 signed off, 0 open" in out and "pass (Dana, override)" in out
    code, out, _ = run(capsys, "review", "flag", "s-gate", "--turn", "2", "--criterion",
                       "harm", "--by", "Dana", "The", "gate", "was", "right.")
    flag = out.split()[2]
    code, out, err = run(capsys, "review", "resolve", flag, "--state", "accepted",
                         "--level", "1", "--by", "Lee", "Agreed", "on", "reading", "again.")
    assert code == 0, err
    assert "Accepted by Lee (the trainer's level: 1/3): Agreed on reading again." in out
    code, _out, err = run(capsys, "review", "resolve", flag, "--state", "taken", "--by", "Lee",
                          "x")
    assert code == 1 and "not 'taken'" in err
    target = tmp_path / "comments.csv"
    assert run(capsys, "review", "export", "--cohort", "spring", "-o", str(target))[0] == 0
    with open(target, encoding="utf-8", newline="") as handle:
        [row] = [r for r in csv.DictReader(handle) if r["id"] == flag]
    assert (row["resolution"], row["resolution_level"], row["resolved_by"]) == (
        "accepted", "1", "Lee") and row["resolution_reason"] == "Agreed on reading again."
    code, out, _ = run(capsys, "review", "show", "s-gate")
    out = " ".join(out.split())
    assert "Sign-off: Signed off by Dana: pass (overriding the scored verdict: not passed)" \
        in out and "-> Accepted by Lee (the trainer's level: 1/3)" in out


def test_talk_and_the_requests_a_trainer_sees(cohort: list[str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store()
    try:
        me = remembered_trainee(store)
    finally:
        store.close()
    assert main(["cohort", "add", "spring", "--trainee", me]) == 0
    code, out, err = run(capsys, "talk", "Something", "came", "up", "for", "me.")
    assert code == 0 and "Your supervisor will see" in out, err
    code, out, _ = run(capsys, "review", "requests", "--cohort", "spring")
    assert f"{me} asks to talk" in out and "Something came up for me." in out
    assert "met a safety gate in session s-gate" in out
    code, out, _ = run(capsys, "review", "requests", "--json")
    asked = next(r for r in json.loads(out) if r["reason"] == "asked")
    code, out, err = run(capsys, "review", "answered", asked["id"], "--by", "Dana")
    assert code == 0 and "answered by Dana" in out, err
    code, out, _ = run(capsys, "review", "requests", "--cohort", "spring")
    assert "asks to talk" not in out


def test_gradebooks_count_assigned_assessments_by_default_and_say_so(
        cohort: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        shipped: Library) -> None:
    first, _second = cohort
    out_csv = tmp_path / "before.csv"
    code, out, _ = run(capsys, "export", "--cohort", "spring", "--format", "csv", "-o",
                       str(out_csv))
    assert code == 0 and "counting all sessions (by default: nothing is assigned yet)" in out
    code, out, _ = run(capsys, "assign", "add", "loud-again", "--cohort", "spring", "--due",
                       "2099-01-31", "--by", "Dana")
    made = out.rsplit("[", 1)[1].split("]")[0]
    store = open_store()
    try:
        engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                        shipped.deck("robin"))
        service = PracticeService(store)
        practice = service.start_assigned(engine, trainee_id=first, assignment_id=made,
                                          session_id="s-assigned")
        for step in next(p for p in engine.scenario.tests if p.model).steps:
            service.choose(practice, step)
        service.finish(practice)
    finally:
        store.close()
    code, out, _ = run(capsys, "export", "--cohort", "spring", "--format", "csv", "-o",
                       str(tmp_path / "after.csv"))
    assert "counting assigned assessments (by default)" in out
    with open(tmp_path / "after.csv", encoding="utf-8", newline="") as handle:
        assert {r["session_id"] for r in csv.DictReader(handle)} == {"s-assigned"}
    code, out, _ = run(capsys, "export", "--cohort", "spring", "--format", "csv", "--mode",
                       "all", "-o", str(tmp_path / "all.csv"))
    assert out.rstrip().endswith("counting all sessions")
    with open(tmp_path / "all.csv", encoding="utf-8", newline="") as handle:
        assert {r["session_id"] for r in csv.DictReader(handle)} == {
            "s-assigned", "s-skilled", "s-gate"}
    report = tmp_path / "r.html"
    code, out, _ = run(capsys, "report", "--cohort", "spring", "-o", str(report))
    assert "report of 1 session(s)" in out
    assert "counting assigned assessments (by default)" in report.read_text()
