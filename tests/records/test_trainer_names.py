"""Names and titles beside ids wherever a trainer reads (issue 23, item 7): the review
list and a session shown in the terminal carry the roster's name (the programme keeps
it apart from the records) and the scenario's title; the report's disputed-scores table
names the scenario and the criterion."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.exports.names import roster_names
from simulator.paths import data_dir
from simulator.records import open_store
from simulator.records.cohorts import Roster
from simulator.records.review import Reviews


def _name(trainee_id: str, name: str) -> None:
    roster = Roster(data_dir() / "roster.sqlite3")
    roster.set(trainee_id, name)
    roster.close()


def test_review_list_names_the_trainee_and_titles_the_scenario(
        cohort: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    _name(cohort[0], "Ann Lee")
    assert main(["review", "list", "--cohort", "spring"]) == 0
    out = capsys.readouterr().out
    skilled = next(line for line in out.splitlines() if line.startswith("s-skilled"))
    assert f"Ann Lee ({cohort[0]})" in skilled
    assert "Loud again (loud-again)" in skilled


def test_review_show_names_the_trainee(cohort: list[str],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    _name(cohort[0], "Ann Lee")
    assert main(["review", "show", "s-skilled"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert f"trainee Ann Lee ({cohort[0]})" in first


def test_without_a_roster_the_id_stands_alone(tmp_path: Path) -> None:
    named = roster_names(tmp_path)
    assert named("t-4322f3b71a66") == "t-4322f3b71a66"
    assert not (tmp_path / "roster.sqlite3").exists()  # read, never made


def test_the_reports_disputed_scores_table_titles_scenario_and_criterion(
        cohort: list[str], tmp_path: Path) -> None:
    store = open_store()
    Reviews(store).add("s-gate", kind="flag", author="Dana", role="trainer", turn=1,
                       criterion="harm", body="Too harsh for a first try.")
    store.close()
    out = tmp_path / "r.html"
    assert main(["report", "--cohort", "spring", "-o", str(out)]) == 0
    page = out.read_text()
    disputed = page.split("Scores someone disagreed with", 1)[1]
    assert "(nothing-left)" in disputed and "<td>nothing-left</td>" not in disputed
    assert "(harm)</td>" in disputed and "<td>harm</td>" not in disputed


def test_an_id_after_cohort_add_gets_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cohort", "create", "spring"]) == 0
    assert main(["cohort", "add", "spring", "t-4322f3b71a66"]) == 2
    err = capsys.readouterr().err
    assert "takes no further arguments" in err and "--trainee ID" in err
