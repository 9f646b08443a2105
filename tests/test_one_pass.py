"""Authoring in one pass: validate reports every problem it can find in one run, with
"did you mean" on every unknown id, and PS318 names the criteria that do apply."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.suggest import did_you_mean
from tests.conftest import MINI, codes

Check = Callable[..., list[Diagnostic]]
Write = Callable[[str, str | bytes], Path]


def _message(problems: list[Diagnostic], code: str) -> str:
    return next(p.message for p in problems if p.code == code)


def test_yaml_schema_and_cross_reference_problems_in_one_run(check: Check) -> None:
    broken = (MINI.replace("title: Mini", "title: no")  # a YAML 1.1 surprise
              .replace("effects: {trust: -1}", "efects: {trust: -1}")  # an unknown key
              .replace("next: okay", "next: okey"))  # a dangling target
    problems = check(broken)
    assert codes(problems) == ["PS103", "PS200", "PS200", "PS300", "PS304"]
    assert "did you mean 'okay'" in _message(problems, "PS300")


def test_a_missing_start_holds_back_only_what_depends_on_the_graph(check: Check) -> None:
    problems = check(MINI.replace("start: first\n", "").replace("next: okay", "next: nowhere"))
    # no start: which beats can be reached is not known, but a dangling next still is
    assert codes(problems) == ["PS202", "PS300"]
    assert "'nowhere'" in _message(problems, "PS300")


def test_a_misspelt_required_key_in_one_beat_hides_nothing_elsewhere(check: Check) -> None:
    broken = (MINI.replace("    says: So what now?", "    sasy: So what now?")
              .replace("next: okay", "next: okey")
              .replace("{sleep: 0.7, voices: 0.3}", "{sleep: 0.6, voices: 0.3}"))
    problems = check(broken)
    assert sorted(codes(problems)) == ["PS200", "PS202", "PS300", "PS304", "PS314"]
    assert "missing required key 'says' in beats.second" in _message(problems, "PS202")
    assert "add up to 0.90" in _message(problems, "PS314")


def test_missing_keys_are_stood_in_for_from_the_same_kind_of_place(check: Check) -> None:
    broken = (MINI.replace("    concerns: {sleep: 1.0}\n", "")  # beat: borrowed, raises nothing
              .replace("feedback: Dismissive.", "fedback: Dismissive.")  # a line's text
              .replace("  okay: {title: Okay, text: It went okay., tone: mixed}",
                       "  okay: {title: Okay, text: It went okay.}")  # an allowed value
              .replace("evidence: {mutuality: 3}", "evidence: {mutualty: 3}"))
    problems = check(broken)
    assert sorted(codes(problems)) == ["PS200", "PS202", "PS202", "PS202", "PS307"]


def test_a_missing_target_holds_back_the_graph_checks_of_that_file(check: Check) -> None:
    broken = (MINI.replace("        feedback: Good.\n        next: good\n",
                           "        feedback: Good.\n        nxt: good\n")
              .replace("evidence: {mutuality: 2}", "evidence: {mutualty: 2}"))
    problems = check(broken)
    # ending 'good' may or may not be reached: that depends on the missing next
    assert sorted(codes(problems)) == ["PS200", "PS202", "PS307"]


def test_a_required_value_that_is_there_but_wrong_is_not_guessed_at(check: Check) -> None:
    problems = check(MINI.replace("start: first", "start: [first]")
                     .replace("next: okay", "next: nowhere"))
    assert codes(problems) == ["PS201"]


def test_a_file_with_a_stand_in_is_never_played(write: Write) -> None:
    from simulator.loading.playable import load_playable

    path = write("mini.yaml", MINI.replace("    says: So what now?", "    sasy: So what now?"))
    playable = load_playable([str(path)])
    assert "mini" not in playable.library.scenarios
    assert "mini" in playable.left_out_scenarios  # listed, marked, not startable


def test_a_broken_declaration_does_not_make_every_use_look_wrong(check: Check) -> None:
    problems = check(MINI.replace("default: 0, min: -2", "default: 5, min: -2"))
    assert codes(problems) == ["PS205"]


def test_did_you_mean_on_unknown_ids(check: Check) -> None:
    problems = check(MINI.replace("start: first", "start: frist")
                     .replace("{sleep: 0.7, voices: 0.3}", "{sleep: 0.7, voice: 0.3}")
                     .replace("effects: {trust: 1}\n        next: second",
                              "effects: {trsut: 1}\n        next: second")
                     .replace("evidence: {mutuality: 3}", "evidence: {mutualty: 3}")
                     .replace("deck: robin", "deck: robni"))
    messages = {p.code: p.message for p in problems}
    assert "did you mean 'first'" in messages["PS300"]
    assert "did you mean 'voices'" in messages["PS305"]
    assert "did you mean 'trust'" in messages["PS306"]
    assert "did you mean 'mutuality'" in messages["PS307"]
    assert "did you mean 'robin'" in messages["PS312"]


def test_plan_ids_get_suggestions_too(check: Check) -> None:
    plan = ("\ntests:\n  - id: p\n    steps:\n      - {line: knd}\n"
            "      - share: {fragments: [writing-them-dwn]}\n"
            "    expect: {ending: godo, criteria: {focs: {gte: 1}}, gates: [safty]}\n")
    problems = check(MINI + plan)
    text = "\n".join(p.message for p in problems)
    for wanted in ("'kind'", "'writing-them-down'", "'good'", "'focus'", "'safety'"):
        assert f"did you mean {wanted}" in text, (wanted, text)


def test_ps318_lists_the_criteria_that_apply(check: Check) -> None:
    problems = check(MINI.replace("evidence: {acceptance: 3, focus: 2}",
                                  "evidence: {selectivity: 3, focus: 2}"))
    message = _message(problems, "PS318")
    assert "criteria that apply to line turns: focus, acceptance, hope, harm, mutuality," \
           " listening" in message


def test_did_you_mean_stays_quiet_when_nothing_is_close() -> None:
    assert did_you_mean("zzz", ["first", "second"]) == ""
    assert did_you_mean("secnd", ["first", "second"]) == " (did you mean 'second'?)"


def test_graph_labels_edges_with_conditions_and_effects(
        capsys: pytest.CaptureFixture[str], write: Write) -> None:
    path = write("mini.yaml", MINI.replace("when: [{var: trust, gte: 1}]",
                                           "when: [{var: trust, gte: 1}, {visited: first}]"))
    assert main(["graph", str(path)]) == 0
    out = capsys.readouterr().out
    assert '"kind {trust +1}; cold {trust -1}; reflect:strong {trust +1};' in out
    assert 'n_second -->|"trusted [if trust ≥ 1 and visited first]"| n_good' in out
    assert main(["graph", str(path), "--format", "dot"]) == 0
    assert '"second" -> "good" [label="trusted [if trust ≥ 1 and visited first]"];' in \
        capsys.readouterr().out


def test_decks_lists_titles_and_keeps_words_and_own_decks_back(
        capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.model import Deck
    from simulator.owndecks import save_deck

    mine = Deck.model_validate({
        "kind": "deck", "id": "my-story", "title": "My story", "owner": "me",
        "practice": False, "fragments": [{
            "id": "own-one", "title": "The first winter", "text": "My own private words.",
            "themes": ["sleep"], "phase": "struggle", "intensity": 1, "self_cost": 2}]})
    save_deck(mine)
    assert main(["decks"]) == 0
    out = capsys.readouterr().out
    assert "robin: Robin's story (practice deck" in out
    assert "writing-them-down: Writing down what the voices said" in out
    assert "When mine got loud" not in out and "my-story" not in out
    assert main(["decks", "--own"]) == 0
    out = capsys.readouterr().out
    assert "my-story: My story (your own deck" in out and "The first winter" in out
    assert "My own private words." not in out
    assert main(["decks", "--own", "--text", "--deck", "my-story"]) == 0
    out = capsys.readouterr().out
    assert "My own private words." in out and "robin" not in out
    assert main(["decks", "--text", "--deck", "robin", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["pieces"][0]["text"].startswith("When mine got loud")
    assert main(["decks", "--deck", "my-story"]) == 1
    assert "--own" in capsys.readouterr().err


def test_a_deck_with_pieces_missing_their_ids_is_still_checked(check: Check) -> None:
    deck = """kind: deck
id: kims
title: Kim's story
owner: Kim (fictional)
about: Kim runs a peer group.
practice: true
fragments:
  - title: Walking at night
    text: I walked round the block twice.
    themes: [sleep]
    phase: what-helped
    intensity: 0
    self_cost: 0
  - title: The worst week
    text: The week I didn't leave my room.
    themes: [low-mood, lonelines]
    phase: struggle
    intensity: 2
    self_cost: 2
"""
    problems = check(deck)
    assert sorted(codes(problems)) == ["PS202", "PS202", "PS305"]  # no made-up duplicate id
    assert "did you mean 'loneliness'" in _message(problems, "PS305")
