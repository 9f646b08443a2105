"""Single-file authoring: a scenario finds the deck (and rubric) beside it, and says so.

The files are the ones docs/authoring.md tells a new trainer to write, put in one
folder, and every command is given only the scenario file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.loading.companions import find_companions
from tests.conftest import authoring_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """docs/authoring.md's deck, scenario and plan, written into one folder."""
    return authoring_folder(tmp_path / "my-first")


def _used(err: str) -> bool:
    return "using the deck 'example-deck' in" in err and "example-deck.yaml" in err


@pytest.mark.parametrize("command", [
    ["validate"], ["check"], ["walk", "--runs", "3"], ["graph"],
])
def test_every_command_finds_the_deck_beside_the_scenario_and_says_so(
        folder: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main([command[0], str(folder / "example-scenario.yaml"), *command[1:]])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "PS312" not in err
    assert _used(err)


def test_run_finds_the_deck_beside_the_scenario(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", str(folder / "example-scenario.yaml"),
                 "--plan", str(folder / "example-plan.yaml")]) == 0
    assert _used(capsys.readouterr().err)


def test_a_plan_file_alone_finds_its_scenario_and_that_scenario_s_deck(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(folder / "example-plan.yaml")]) == 0
    err = capsys.readouterr().err
    assert "using the scenario 'example-sleep' in" in err
    assert _used(err)


def test_graph_takes_a_deck(folder: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "decks"
    elsewhere.mkdir()
    (folder / "example-deck.yaml").rename(elsewhere / "example-deck.yaml")
    scenario = str(folder / "example-scenario.yaml")
    assert main(["graph", scenario]) == 1  # the deck is no longer beside it
    capsys.readouterr()
    assert main(["graph", scenario, "--deck", str(elsewhere / "example-deck.yaml")]) == 0
    assert capsys.readouterr().out.startswith("flowchart")


def test_a_missing_deck_says_where_it_was_looked_for(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "example-deck.yaml").unlink()
    assert main(["validate", str(folder / "example-scenario.yaml")]) == 1
    err = capsys.readouterr().err
    assert "PS312 unknown deck 'example-deck': no file beside this one" in err
    assert "put that file in the same folder" in err


def test_validate_json_names_the_files_used_beside(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(folder / "example-scenario.yaml")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["used_beside"] == [str(folder / "example-deck.yaml")]


def test_a_rubric_of_the_author_s_own_is_found_beside_too(folder: Path) -> None:
    shipped = Path(__file__).parent.parent / "rubrics" / "core.yaml"
    own = shipped.read_text(encoding="utf-8").replace("id: core", "id: our-rubric", 1)
    (folder / "our-rubric.yaml").write_text(own, encoding="utf-8")
    scenario = folder / "example-scenario.yaml"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(
        "rubric: core ", "rubric: our-rubric "), encoding="utf-8")
    found = {(c.kind, c.item_id) for c in find_companions([str(scenario)])}
    assert found == {("deck", "example-deck"), ("rubric", "our-rubric")}
    assert main(["check", str(scenario)]) == 0


def test_files_beside_that_nothing_names_are_left_alone(folder: Path) -> None:
    (folder / "half-written.yaml").write_text("kind: deck\nid: [broken\n", encoding="utf-8")
    (folder / "other-deck.yaml").write_text(
        (folder / "example-deck.yaml").read_text(encoding="utf-8").replace(
            "id: example-deck", "id: other-deck", 1), encoding="utf-8")
    found = [c.item_id for c in find_companions([str(folder / "example-scenario.yaml")])]
    assert found == ["example-deck"]
    assert main(["validate", str(folder / "example-scenario.yaml")]) == 0


def test_a_deck_given_by_name_is_not_read_twice(folder: Path) -> None:
    scenario, deck = folder / "example-scenario.yaml", folder / "example-deck.yaml"
    assert find_companions([str(scenario), str(deck)]) == []
    assert find_companions([str(folder)]) == []
    assert main(["validate", str(scenario), str(deck)]) == 0


def test_a_deck_beside_with_a_yaml_slip_is_read_so_its_own_problem_shows(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = folder / "example-deck.yaml"
    deck.write_text(deck.read_text(encoding="utf-8").replace(
        "title: Kim's story", "title: [Kim's story"), encoding="utf-8")
    assert main(["validate", str(folder / "example-scenario.yaml")]) == 1
    err = capsys.readouterr().err
    assert f"{deck}:" in err and "PS100" in err  # the deck's own slip, where it is


def test_a_deck_saved_beside_later_is_found_on_the_next_load(folder: Path) -> None:
    from simulator.loading.playable import load_playable

    deck = folder / "example-deck.yaml"
    text = deck.read_text(encoding="utf-8")
    deck.unlink()
    scenario = str(folder / "example-scenario.yaml")
    before = load_playable([scenario])
    assert before.own_scenarios() == [] and "PS312" in {p.code for p in before.problems}
    deck.write_text(text, encoding="utf-8")  # what --watch reloads after a save
    after = load_playable([scenario])
    assert after.own_scenarios() == ["example-sleep"] and after.problems == []
    assert after.library.companion_notes() == [
        f"using the deck 'example-deck' in {deck} (beside {scenario})"]
