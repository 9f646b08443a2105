"""Sign-offs in the cohort exports (csv, xlsx, jsonl, xAPI with the trainer as actor)
and the report's certification section, read back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.records import open_store
from simulator.records.signoff import SignOffs
from tests.records.test_real_lrs import _stored, ralph

__all__ = ["ralph"]  # the real-LRS fixture, shared with that module


@pytest.fixture
def signed(cohort: list[str]) -> list[str]:
    """s-skilled passed and signed off as passed; s-gate failed but signed off as a pass
    (an override), after a first "not yet"."""
    store = open_store()
    try:
        signs = SignOffs(store)
        signs.sign("s-skilled", verdict="pass", reason="Careful throughout.", trainer="Dana")
        signs.sign("s-gate", verdict="not-yet", reason="Let us talk first.", trainer="Lee")
        signs.sign("s-gate", verdict="pass", reason="=We <b>talked</b> it through.",
                   trainer="Lee")
    finally:
        store.close()
    return cohort


def test_csv_long_carries_the_sign_off_beside_the_scored_verdict(signed: list[str],
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "long.csv"
    assert main(["export", "--cohort", "spring", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    overall = {r["session_id"]: r for r in rows if r["criterion"] == "overall"}
    assert (overall["s-gate"]["passed"], overall["s-gate"]["signoff"],
            overall["s-gate"]["signoff_by"], overall["s-gate"]["signoff_overrides"]) == (
        "fail", "pass", "Lee", "yes")
    assert overall["s-skilled"]["signoff_overrides"] == "no"
    assert {r["signoff"] for r in rows if r["session_id"] == "s-gate"} == {"pass"}


def test_xlsx_has_a_sign_offs_sheet_with_every_sign_off(signed: list[str],
                                                        tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "book.xlsx"
    assert main(["export", "--cohort", "spring", "--format", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    try:  # a read-only workbook holds its file open until closed
        head, *body = list(book["sign-offs"].iter_rows(values_only=True))
    finally:
        book.close()
    rows = [dict(zip(head, r, strict=True)) for r in body]
    assert [(r["session_id"], r["verdict"], r["overrides"]) for r in rows] == [
        ("s-skilled", "pass", False), ("s-gate", "not-yet", False), ("s-gate", "pass", True)]
    assert rows[2]["reason"] == "'=We <b>talked</b> it through."  # formulas neutralised
    assert rows[2]["mechanical"] is False


def test_jsonl_carries_the_sign_off_that_counts_and_its_history(signed: list[str],
                                                                tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "-o", str(out)]) == 0
    sessions = {d["session_id"]: d for d in map(json.loads, out.read_text().splitlines())}
    gate = sessions["s-gate"]
    assert gate["passed"] is False and gate["signoff"]["verdict"] == "pass"
    assert gate["signoff"]["overrides"] is True and len(gate["signoffs"]) == 2


def test_xapi_sign_offs_name_the_trainer_as_actor(signed: list[str], tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out)]) == 0
    ours = [s for s in json.loads(out.read_text()) if s["verb"]["id"].endswith("/signed-off")]
    assert [s["actor"]["account"]["name"] for s in ours] == ["Dana", "Lee", "Lee"]
    last = ours[-1]
    assert last["result"]["success"] is True
    ext = last["result"]["extensions"]
    assert [ext[k] for k in sorted(ext)] == [False, True]  # mechanical-passed, overrides
    trainee = next(v for k, v in last["context"]["extensions"].items()
                   if k.endswith("/trainee"))
    assert trainee == signed[1] and last["object"]["id"].endswith("/scenarios/nothing-left")
    assert len({s["id"] for s in ours}) == 3


def test_report_has_the_certification_section(signed: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--cohort", "spring", "-o", str(out)]) == 0
    page = out.read_text()
    assert "<h2>Certification</h2>" in page and "pass (override)" in page
    assert "&lt;b&gt;talked&lt;/b&gt;" in page and "<b>talked</b>" not in page


@pytest.mark.sqlite_only
def test_sign_off_statements_are_accepted_by_a_real_lrs(signed: list[str], ralph: str,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out), "--lrs",
                 ralph, "--lrs-user", "trainer", "--lrs-password", "secret"]) == 0
    stored = {s["id"]: s for s in _stored(ralph)}
    ours = [s for s in json.loads(out.read_text()) if s["verb"]["id"].endswith("/signed-off")]
    assert len(ours) == 3 and all(s["id"] in stored for s in ours)
    assert stored[ours[0]["id"]]["actor"]["account"]["name"] == "Dana"
