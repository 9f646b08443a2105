"""Mistakes against the formats: each reported once, where it is, with what was expected."""

from __future__ import annotations

from collections.abc import Callable

from simulator.loading.diagnostics import Diagnostic
from tests.conftest import MINI, at, codes

Check = Callable[..., list[Diagnostic]]


def test_unknown_key_suggests_the_near_miss(check: Check) -> None:
    problems = check(MINI.replace("    asks_for: practical", "    asks_fr: practical"))
    assert sorted(codes(problems)) == ["PS200", "PS202"]
    assert at(problems, "PS200") == (19, 5)
    unknown = next(p for p in problems if p.code == "PS200")
    assert "did you mean 'asks_for'?" in unknown.message
    assert "concerns" in unknown.message  # lists what is allowed here


def test_comma_in_unquoted_flow_text_gets_a_hint(check: Check) -> None:
    problems = check(MINI.replace("partial: {next: second}\n        weak: {next: second, effects",
                                  "partial: {next: second, reaction: She nods, slowly.}\n"
                                  "        weak: {next: second, effects"))
    assert codes(problems) == ["PS200"]
    assert "put such text in quotes" in problems[0].message


def test_missing_required_key_points_at_its_parent(check: Check) -> None:
    problems = check(MINI.replace("  dealing_with: Not sleeping.\n", ""))
    assert codes(problems) == ["PS202"]
    assert at(problems, "PS202") == (8, 3)
    assert "'dealing_with'" in problems[0].message


def test_wrong_type_names_what_was_expected(check: Check) -> None:
    problems = check(MINI.replace("version: 1", "version: [1]"))
    assert codes(problems) == ["PS201"]
    assert at(problems, "PS201") == (3, 10)
    assert problems[0].message == "expected a whole number, got a list"


def test_value_not_allowed_lists_the_choices(check: Check) -> None:
    problems = check(MINI.replace("asks_for: practical", "asks_for: advice"))
    assert codes(problems) == ["PS203"]
    assert at(problems, "PS203") == (19, 15)
    assert "'validation', 'hope', 'practical' or 'information'" in problems[0].message


def test_level_out_of_range(check: Check) -> None:
    problems = check(MINI.replace("evidence: {acceptance: 3, focus: 2}",
                                  "evidence: {acceptance: 4, focus: 2}"))
    assert codes(problems) == ["PS203"]
    assert at(problems, "PS203") == (23, 32)


def test_bad_id_grammar_in_a_mapping_key(check: Check) -> None:
    problems = check(MINI.replace("  second:\n", "  Second_Beat:\n")
                     .replace("next: second", "next: Second_Beat"))
    bad = [(p.line, p.col) for p in problems if p.code == "PS204"]
    assert (47, 3) in bad  # the beat's key
    assert (26, 15) in bad  # a next that names it


def test_bad_id_grammar_in_a_value(check: Check) -> None:
    problems = check(MINI.replace("id: mini", "id: Mini Scenario"))
    assert codes(problems) == ["PS204"]
    assert at(problems, "PS204") == (2, 5)
    assert "lowercase" in problems[0].message


def test_invalid_combination_is_explained(check: Check) -> None:
    problems = check(MINI.replace("trust: {type: int, default: 0, min: -2, max: 2}",
                                  "trust: {type: int, default: 5, min: -2, max: 2}"))
    assert codes(problems) == ["PS205"]
    assert problems[0].message == "default is above max"
    assert at(problems, "PS205") == (13, 10)


def test_every_problem_is_reported_not_just_the_first(check: Check) -> None:
    text = (MINI.replace("title: Mini", "title: no")
            .replace("asks_for: practical", "asks_for: advice")
            .replace("    asks_for: hope", "    asks_for: hope\n    colour: blue"))
    assert sorted(codes(check(text))) == ["PS103", "PS200", "PS203"]


def test_huge_version_is_out_of_range(check: Check) -> None:
    problems = check(MINI.replace("version: 1", "version: 99999999999999999999999999"))
    assert codes(problems) == ["PS203"]
    assert at(problems, "PS203") == (3, 10)
    assert problems[0].message == ("the number 99999999999999999999999999 is out of range;"
                                   " it must be at most 1,000,000")


def test_version_bounds_are_inclusive(check: Check) -> None:
    assert check(MINI.replace("version: 1", "version: 1000000")) == []
    problems = check(MINI.replace("version: 1", "version: 1000001"))
    assert [(p.code, p.line, p.col) for p in problems] == [("PS203", 3, 10)]


def test_rubric_version_is_bounded(check: Check) -> None:
    from pathlib import Path

    core = (Path(__file__).parent.parent / "rubrics" / "core.yaml").read_text(encoding="utf-8")
    line = next(i for i, text in enumerate(core.splitlines(), 1) if text.startswith("version:"))
    problems = check(core.replace("\nversion: 1\n", "\nversion: 10000000\n"), name="core.yaml")
    assert [(p.code, p.line, p.col) for p in problems] == [("PS203", line, 10)]


def test_variable_numbers_are_bounded_each_reported_once(check: Check) -> None:
    big = "2000000"
    text = (MINI.replace("trust: {type: int, default: 0, min: -2, max: 2}",
                         f"trust: {{type: int, default: 0, min: -{big}, max: 2}}")
            .replace("effects: {trust: 1}\n        next: second",
                     f"effects: {{trust: {big}}}\n        next: second")
            .replace("{var: trust, gte: 1}", f"{{var: trust, gte: {big}}}"))
    problems = check(text)
    assert [(p.code, p.line, p.col) for p in problems] == [
        ("PS203", 13, 39), ("PS203", 25, 26), ("PS203", 53, 34),
    ]
    assert "at least -1,000,000" in problems[0].message
    assert "at most 1,000,000" in problems[1].message


def test_number_and_null_keys_point_at_the_key(check: Check) -> None:
    problems = check(MINI.replace("  name: Sam\n", "  name: Sam\n  1: x\n  null: y\n"))
    assert [(p.code, p.line, p.col) for p in problems] == [("PS201", 9, 3), ("PS201", 10, 3)]
    assert problems[0].message == "a key must be plain text, got the number 1"
    assert problems[1].message == "a key must be plain text, got nothing (an empty value)"


def test_number_key_at_the_top_level(check: Check) -> None:
    problems = check(MINI + "7: x\n")
    assert [(p.code, p.line, p.col) for p in problems] == [("PS201", 66, 1)]
