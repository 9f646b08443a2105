"""Supervision entries in the cohort exports (jsonl, xAPI) and the report, read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.records import open_store
from simulator.records.review import Reviews
from tests.records.test_real_lrs import _stored, ralph

__all__ = ["ralph"]  # the real-LRS fixture, shared with that module

@pytest.fixture
def noted(cohort: list[str]) -> list[str]:
    """A comment with a reply, and a flag whose reason holds markup."""
    store = open_store()
    reviews = Reviews(store)
    praise = reviews.add("s-skilled", kind="strength", author="Dana", role="trainer", turn=0,
                         body="You named both worries.")
    reviews.add("s-skilled", kind="reply", author="Lee", role="trainer", parent_id=praise.id,
                body="Agreed.")
    reviews.add("s-gate", kind="flag", author="Dana", role="trainer", turn=1,
                criterion="harm", body="<b>Too</b> harsh for a first try.")
    store.close()
    return [praise.id]


def test_jsonl_carries_each_sessions_entries(noted: list[str], tmp_path: Path) -> None:
    out = tmp_path / "c.jsonl"
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "-o", str(out)]) == 0
    sessions = {s["session_id"]: s for s in map(json.loads, out.read_text().splitlines())}
    skilled = sessions["s-skilled"]["review"]
    assert [e["kind"] for e in skilled] == ["strength", "reply"]
    assert skilled[1]["parent_id"] == noted[0] and skilled[0]["turn"] == 0
    assert [e["criterion"] for e in sessions["s-gate"]["review"]] == ["harm"]


def test_xapi_has_a_commented_statement_per_entry(noted: list[str], tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out)]) == 0
    commented = [s for s in json.loads(out.read_text())
                 if s["verb"]["id"].endswith("/commented")]
    assert [s["result"]["response"] for s in commented] == [
        "You named both worries.", "Agreed.", "<b>Too</b> harsh for a first try."]
    first, reply, flag = commented
    assert first["actor"]["account"]["name"] == "Dana"
    assert first["object"]["id"].endswith("/scenarios/loud-again/beats/loud-again")
    assert any(v == first["id"] for v in reply["context"]["extensions"].values())
    assert flag["context"]["extensions"][next(k for k in flag["context"]["extensions"]
                                              if k.endswith("/criterion"))] == "harm"
    assert len({s["id"] for s in commented}) == 3


def test_report_has_the_supervision_section(noted: list[str], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--cohort", "spring", "-o", str(out)]) == 0
    page = out.read_text()
    assert "<h2>Supervision</h2>" in page and "Scores someone disagreed with" in page
    assert "&lt;b&gt;Too&lt;/b&gt; harsh" in page and "<b>Too</b>" not in page


@pytest.mark.sqlite_only
def test_commented_statements_are_accepted_by_a_real_lrs(noted: list[str], ralph: str,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out), "--lrs",
                 ralph, "--lrs-user", "trainer", "--lrs-password", "secret"]) == 0
    stored = {s["id"]: s for s in _stored(ralph)}
    ours = [s for s in json.loads(out.read_text()) if s["verb"]["id"].endswith("/commented")]
    assert len(ours) == 3 and all(s["id"] in stored for s in ours)
    assert stored[ours[0]["id"]]["result"]["response"] == "You named both worries."
