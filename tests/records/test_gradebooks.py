"""Gradebooks a programme can use: mode and date range, verdicts, names, xlsx
formatting, the report's trainee table and pass marks, and configurable xAPI."""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.exports.tables import _better
from simulator.loading.library import Library
from simulator.records import open_store
from simulator.records.api import SessionRecord
from simulator.records.cohort_queries import dashboard
from simulator.records.selection import Selection
from tests.records.test_real_lrs import _stored, ralph

__all__ = ["ralph"]  # the real-LRS fixture, shared with that module

TODAY = datetime.now(UTC).date()


@pytest.fixture
def practised(cohort: list[str], shipped: Library) -> list[str]:
    """The cohort, plus one practice session of loud-again by the first trainee."""
    from simulator.practice import PracticeService

    store = open_store()
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    service = PracticeService(store)
    practice = service.start(engine, trainee_id=cohort[0], mode="practice",
                             session_id="s-practice")
    plan = next(p for p in engine.scenario.tests if p.model)
    for step in plan.steps[:1]:
        service.choose(practice, step)
    service.finish(practice)
    store.close()
    return cohort


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_mode_and_date_range_choose_the_sessions(practised: list[str], tmp_path: Path) -> None:
    out = tmp_path / "long.csv"
    counted = {}
    for mode in ("all", "assessment", "practice"):
        assert main(["export", "--cohort", "spring", "--format", "csv", "--mode", mode,
                     "-o", str(out)]) == 0
        counted[mode] = {r["session_id"] for r in _csv(out)}
    assert counted["practice"] == {"s-practice"}
    assert counted["assessment"] == {"s-skilled", "s-gate"}
    assert counted["all"] == counted["practice"] | counted["assessment"]
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert main(["export", "--cohort", "spring", "--format", "csv", "--since", tomorrow,
                 "-o", str(out)]) == 0
    assert _csv(out) == []
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "--since",
                 TODAY.isoformat(), "--until", TODAY.isoformat(), "--mode", "practice",
                 "-o", str(out)]) == 0
    assert [json.loads(x)["session_id"] for x in out.read_text().splitlines()] == [
        "s-practice"]
    assert main(["export", "--cohort", "spring", "--format", "csv", "--since", tomorrow,
                 "--until", TODAY.isoformat(), "-o", str(out)]) == 2
    store = open_store()
    assert dashboard(store, "spring", Selection("practice")).sessions == 1
    assert dashboard(store, "spring", Selection("assessment")).sessions == 2
    store.close()


def test_wide_gradebook_has_titles_and_each_best_with_its_verdict(
        practised: list[str], tmp_path: Path) -> None:
    out = tmp_path / "wide.csv"
    assert main(["export", "--cohort", "spring", "--format", "csv-wide", "--mode",
                 "assessment", "-o", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["trainee_id", "Loud again [loud-again] best (0-100)",
                       "Loud again [loud-again] result",
                       "Nothing left [nothing-left] best (0-100)",
                       "Nothing left [nothing-left] result",
                       "sessions completed", "sessions passed"]
    skilled = next(r for r in rows if r[0] == practised[0])
    gated = next(r for r in rows if r[0] == practised[1])
    assert skilled[2] == "pass" and skilled[3:5] == ["", ""]
    assert gated[4] == "fail" and gated[1:3] == ["", ""]


def _record(overall: float, passed: bool) -> SessionRecord:
    return SessionRecord("t", "c", f"s-{overall}-{passed}", "x", 1, None, "assessment",
                         "2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z", overall, passed, {})


def test_best_prefers_a_pass_over_a_higher_failed_score() -> None:
    gate_failed = _record(2.8, False)  # above the pass mark, failed by a safety gate
    passed = _record(2.1, True)
    assert _better(passed, gate_failed) and not _better(gate_failed, passed)
    assert _better(_record(2.5, True), passed)
    assert _better(_record(1.0, False), None)


def test_xlsx_is_formatted_for_people(practised: list[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "book.xlsx"
    assert main(["export", "--cohort", "spring", "--format", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "B2")
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.column_dimensions["B"].width and sheet.column_dimensions["B"].width > 8
    long = book["scores (long)"]
    header = [c.value for c in long[1]]
    started = long.cell(row=2, column=header.index("started_at") + 1)
    assert isinstance(started.value, datetime) and started.is_date
    assert long.cell(row=2, column=header.index("scenario_title") + 1).value


def test_report_lists_trainees_pass_marks_and_the_date(practised: list[str],
                                                       tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert main(["report", "--cohort", "spring", "--mode", "assessment", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<h2>Trainees</h2>" in page and all(t in page for t in practised)
    assert f"Made {TODAY.isoformat()}" in page and "counting assessment sessions" in page
    assert 'class="passmark"' in page and "pass mark 1.5" in page
    assert "attempt number" in page and "Loud again" in page


def test_xapi_base_home_and_activity_names(practised: list[str], tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "--xapi-base",
                 "https://lms.example.org/peersim", "--xapi-home", "https://lms.example.org",
                 "-o", str(out)]) == 0
    statements = json.loads(out.read_text())
    completed = next(s for s in statements if s["verb"]["id"].endswith("/completed"))
    assert completed["object"]["id"].startswith("https://lms.example.org/peersim/scenarios/")
    assert completed["object"]["definition"]["name"]["en"] in ("Loud again", "Nothing left")
    assert completed["object"]["definition"]["description"]["en"]
    assert completed["actor"]["account"]["homePage"] == "https://lms.example.org"
    answered = next(s for s in statements if s["verb"]["id"].endswith("/answered"))
    assert answered["object"]["definition"]["name"]["en"].startswith(("Loud again:",
                                                                       "Nothing left:"))
    grouping = completed["context"]["contextActivities"]["grouping"][0]
    assert grouping["definition"]["name"]["en"] == "Cohort Spring <b>cohort</b>"
    assert main(["export", "--cohort", "spring", "--format", "csv", "--xapi-base",
                 "https://x.example", "-o", str(out)]) == 2  # an option csv would ignore
    assert main(["export", "--cohort", "spring", "--format", "xapi", "--xapi-base",
                 "peersim.local", "-o", str(out)]) == 2


@pytest.mark.sqlite_only
def test_a_real_lrs_takes_the_named_activities(practised: list[str], ralph: str,
                                               tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "--mode", "assessment",
                 "--xapi-base", "https://lms.example.org/peersim", "-o", str(out), "--lrs",
                 ralph, "--lrs-user", "trainer", "--lrs-password", "secret"]) == 0
    stored = {s["id"]: s for s in _stored(ralph)}
    ours = json.loads(out.read_text())
    assert ours and all(s["id"] in stored for s in ours)
    completed = next(s for s in stored.values() if s["verb"]["id"].endswith("/completed"))
    assert completed["object"]["definition"]["name"]["en"] in ("Loud again", "Nothing left")
    assert sum(s["verb"]["id"].endswith("/completed") for s in ours) == 2  # no practice
    assert date.fromisoformat(completed["timestamp"][:10]) == TODAY
