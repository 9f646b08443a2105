"""Checks across a scenario and the files it names: graph, references, duplicates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simulator.loading.checks import validate_paths
from simulator.loading.diagnostics import Diagnostic, Severity
from tests.conftest import MINI, at, codes

Check = Callable[..., list[Diagnostic]]


def test_dangling_next(check: Check) -> None:
    problems = check(MINI.replace("next: okay", "next: nowhere"))
    assert codes(problems) == ["PS300", "PS304"]  # and so 'okay' is never reached
    assert at(problems, "PS300") == (62, 15)
    assert "'nowhere'" in problems[0].message


def test_start_must_be_a_beat(check: Check) -> None:
    problems = check(MINI.replace("start: first", "start: good"))
    assert "PS300" in codes(problems)
    assert at(problems, "PS300") == (14, 8)


def test_unreachable_beat(check: Check) -> None:
    extra = ("  island:\n    says: Nobody comes here.\n    concerns: {sleep: 1}\n"
             "    asks_for: hope\n    lines:\n      - {id: go, text: Go., evidence: {focus: 1},"
             " feedback: x, next: good}\n")
    problems = check(MINI.replace("endings:\n", extra + "endings:\n"))
    assert codes(problems) == ["PS301"]
    assert at(problems, "PS301") == (63, 3)


def test_dead_end_beat(check: Check) -> None:
    dead = "  stuck:\n    says: Hm.\n    concerns: {sleep: 1}\n    asks_for: hope\n"
    text = MINI.replace("endings:\n", dead + "endings:\n").replace("next: okay", "next: stuck")
    problems = check(text)
    assert codes(problems) == ["PS302", "PS304"]  # and so 'okay' can no longer be reached
    assert at(problems, "PS302") == (63, 3)


def test_conditions_that_can_hide_every_choice(check: Check) -> None:
    text = MINI.replace("      - id: plain\n", "      - id: plain\n        when: [{var: trust,"
                        " lte: 0}]\n").replace("gte: 1}]", "gte: 2}]")
    problems = check(text)
    assert codes(problems) == ["PS303"]
    assert at(problems, "PS303") == (47, 3)
    assert "trust=1" in problems[0].message


def test_conditions_that_cover_every_case_are_fine(check: Check) -> None:
    text = MINI.replace("      - id: plain\n", "      - id: plain\n        when: [{var: trust,"
                        " lte: 0}]\n")
    assert check(text) == []


def test_unreachable_ending(check: Check) -> None:
    text = MINI.replace("  okay: {title: Okay, text: It went okay., tone: mixed}\n",
                        "  okay: {title: Okay, text: It went okay., tone: mixed}\n"
                        "  never: {title: Never, text: Not reached., tone: mixed}\n")
    problems = check(text)
    assert codes(problems) == ["PS304"]
    assert at(problems, "PS304") == (66, 3)


def test_unknown_theme(check: Check) -> None:
    problems = check(MINI.replace("concerns: {sleep: 0.7, voices: 0.3}",
                                  "concerns: {sleep: 0.7, voises: 0.3}"))
    assert codes(problems) == ["PS305"]
    assert at(problems, "PS305") == (18, 28)


def test_weights_must_add_up(check: Check) -> None:
    problems = check(MINI.replace("concerns: {sleep: 0.7, voices: 0.3}",
                                  "concerns: {sleep: 0.7, voices: 0.5}"))
    assert codes(problems) == ["PS314"]
    assert "1.20" in problems[0].message


def test_unknown_variable(check: Check) -> None:
    problems = check(MINI.replace("effects: {trust: 1}\n        next: second",
                                  "effects: {trsut: 1}\n        next: second"))
    assert codes(problems) == ["PS306"]
    assert at(problems, "PS306") == (25, 19)


def test_effect_of_the_wrong_type(check: Check) -> None:
    problems = check(MINI.replace("effects: {trust: 1}\n        next: second",
                                  "effects: {trust: true}\n        next: second"))
    assert codes(problems) == ["PS313"]


def test_unused_variable_is_a_warning(check: Check) -> None:
    text = MINI.replace("variables:\n", "variables:\n  mood: {type: int, default: 0}\n")
    problems = check(text)
    assert codes(problems) == ["PS309"]
    assert problems[0].severity is Severity.warning
    assert at(problems, "PS309") == (13, 3)


def test_unknown_criterion(check: Check) -> None:
    problems = check(MINI.replace("evidence: {acceptance: 0}", "evidence: {acceptence: 0}"))
    assert codes(problems) == ["PS307"]
    assert at(problems, "PS307") == (29, 20)


def test_criterion_that_does_not_apply_to_lines(check: Check) -> None:
    problems = check(MINI.replace("evidence: {acceptance: 0}", "evidence: {selectivity: 0}"))
    assert codes(problems) == ["PS318"]


def test_unknown_fragment_in_a_plan(check: Check) -> None:
    plan = ("tests:\n  - id: p\n    deck: robin\n    steps:\n"
            "      - share: {fragments: [no-such-thing]}\n")
    problems = check(MINI + plan)
    assert codes(problems) == ["PS308"]
    assert at(problems, "PS308") == (70, 29)


def test_unknown_line_deck_and_gate_in_a_plan(check: Check) -> None:
    plan = ("tests:\n  - id: p\n    deck: nobody\n    steps:\n      - line: shout\n"
            "    expect: {gates: [speed]}\n")
    assert sorted(codes(check(MINI + plan))) == ["PS312", "PS316", "PS317"]


def test_unknown_rubric_and_deck(check: Check) -> None:
    problems = check(MINI.replace("deck: robin", "deck: nobody\nrubric: strict"))
    assert codes(problems) == ["PS312", "PS312"]


def test_risk_needs_a_safety_ending(check: Check) -> None:
    text = MINI.replace("    asks_for: practical\n", "    asks_for: practical\n    safety:"
                        " {risk: suicide, notice: [suicidal-thoughts]}\n")
    text = text.replace("        next: second\n      - id: cold", "        safety: addresses\n"
                        "        next: second\n      - id: cold")
    assert "PS311" in codes(check(text))


def test_beat_and_ending_sharing_an_id(check: Check) -> None:
    text = MINI.replace("  good: {title: Good", "  second: {title: Second, text: x., tone: good}"
                        "\n  good: {title: Good")
    assert "PS315" in codes(check(text))


def test_duplicate_ids_across_files(write: Callable[[str, str], Path]) -> None:
    one = write("a/one.yaml", MINI)
    two = write("b/two.yaml", MINI)
    _lib, problems = validate_paths([str(one), str(two)])
    assert codes(problems) == ["PS310"]
    assert problems[0].path == str(two)
    assert at(problems, "PS310") == (2, 5)
    assert str(one) in problems[0].message


def test_duplicate_fragment_ids_in_a_deck(write: Callable[[str, str], Path]) -> None:
    frag = ("  - {id: same, title: T, text: Words., themes: [sleep], phase: now,"
            " intensity: 0, self_cost: 0}\n")
    deck = write("d.yaml", "kind: deck\nid: dd\ntitle: D\nowner: Me\nfragments:\n" + frag + frag)
    _lib, problems = validate_paths([str(deck)])
    assert codes(problems) == ["PS315"]
    assert at(problems, "PS315") == (7, 10)


def test_validating_an_edited_copy_of_a_shipped_file_is_not_a_duplicate(
    write: Callable[[str, str], Path],
) -> None:
    deck = (Path(__file__).parent.parent / "decks" / "robin.yaml").read_text(encoding="utf-8")
    _lib, problems = validate_paths([str(write("my-robin.yaml", deck))])
    assert problems == []
