"""Each class of YAML-level mistake is reported with its code, line and column."""

from __future__ import annotations

from collections.abc import Callable

from simulator.loading.diagnostics import Diagnostic
from simulator.loading.safeyaml import MAX_BYTES, MAX_DEPTH, read_yaml
from tests.conftest import MINI, at, codes

Check = Callable[..., list[Diagnostic]]


def test_shipped_mini_scenario_is_clean(check: Check) -> None:
    assert check(MINI) == []


def test_syntax_error_points_at_the_problem(check: Check) -> None:
    problems = check("kind: deck\nid: [unclosed\ntitle: x\n")
    assert codes(problems) == ["PS100"]
    assert at(problems, "PS100") == (3, 6)
    assert "expected ',' or ']'" in problems[0].message


def test_tab_indentation_is_a_syntax_error(check: Check) -> None:
    problems = check("kind: deck\nid: x\n\tfoo: 1\n")
    assert codes(problems) == ["PS100"]
    assert at(problems, "PS100")[0] == 3


def test_non_utf8_bytes_point_at_the_byte(check: Check) -> None:
    problems = check(b"kind: deck\ntitle: caf\xe9\n")
    assert codes(problems) == ["PS101"]
    assert at(problems, "PS101") == (2, 11)
    assert "0xe9" in problems[0].message


def test_utf8_bom_is_accepted() -> None:
    doc, problems = read_yaml("bom.yaml", "\ufeffkind: deck\n".encode())
    assert problems == [] and doc is not None and doc.data == {"kind": "deck"}


def test_duplicate_keys_are_reported_with_both_lines(check: Check) -> None:
    text = MINI.replace("title: Mini\n", "title: Mini\ntitle: Other\n")
    problems = check(text)
    assert codes(problems) == ["PS102"]
    assert at(problems, "PS102") == (5, 1)
    assert "first at line 4" in problems[0].message


def test_yaml11_boolean_in_text_field(check: Check) -> None:
    problems = check(MINI.replace("title: Mini", "title: no"))
    assert codes(problems) == ["PS103"]
    assert at(problems, "PS103") == (4, 8)
    assert "boolean false" in problems[0].message and "quotes" in problems[0].message


def test_quoted_no_is_text(check: Check) -> None:
    assert check(MINI.replace("title: Mini", 'title: "no"')) == []


def test_sexagesimal_and_dates_in_text_fields(check: Check) -> None:
    problems = check(MINI.replace("summary: A tiny scenario for tests.", "summary: 1:30")
                     .replace("name: Sam", "name: 2024-01-02"))
    assert codes(problems) == ["PS103", "PS103"]
    assert "sexagesimal" in problems[0].message
    assert "date" in problems[1].message
    assert (problems[0].line, problems[1].line) == (5, 8)


def test_number_in_text_field(check: Check) -> None:
    problems = check(MINI.replace("title: Mini", "title: 1.10"))
    assert codes(problems) == ["PS103"]
    assert "number 1.1" in problems[0].message


def test_yes_in_boolean_field(check: Check) -> None:
    text = MINI.replace("    says: I can't sleep.\n", "    says: I can't sleep.\n") \
        .replace("variables:\n", "variables:\n  met: {type: bool, default: yes}\n")
    problems = [p for p in check(text) if p.severity == "error"]
    assert codes(problems) == ["PS103"]
    assert at(problems, "PS103") == (13, 30)


def test_anchor_and_alias_are_rejected_without_expansion(check: Check) -> None:
    bomb = "kind: deck\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a]\n"
    problems = [p for p in check(bomb) if p.code == "PS104"]
    assert [(p.line, p.col) for p in problems][:4] == [(2, 4), (3, 4), (3, 8), (3, 12)]
    assert "anchor &a" in problems[0].message and "alias *a" in problems[2].message


def test_explicit_python_tag_is_rejected(check: Check) -> None:
    problems = check("kind: deck\nid: !!python/object/apply:os.system ['echo hi']\n")
    assert "PS109" in codes(problems)
    assert at(problems, "PS109") == (2, 5)


def test_file_too_large(check: Check) -> None:
    problems = check(b"kind: deck\n" + b"#" * (MAX_BYTES + 1))
    assert codes(problems) == ["PS105"]
    assert at(problems, "PS105") == (1, 1)


def test_nesting_too_deep_stops_before_the_parser_recurses(check: Check) -> None:
    # PyYAML up to 6.0.3 hands us the events and our own limit stops them; 6.0.4 and
    # newer stop very deep flow nesting in the scanner first. Either way: PS106, on the
    # line of the nesting, no deeper than the scanner's own limit, and no traceback.
    problems = check("kind: deck\nx: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert codes(problems) == ["PS106"]
    line, col = at(problems, "PS106")
    assert line == 2
    assert 4 + MAX_DEPTH - 1 <= col <= 4 + 1_000
    assert "flatten" in problems[0].message


def test_nesting_just_past_the_limit_is_placed_exactly(check: Check) -> None:
    depth = MAX_DEPTH + 5
    problems = check("kind: deck\nx: " + "[" * depth + "]" * depth + "\n")
    assert codes(problems) == ["PS106"]
    assert at(problems, "PS106") == (2, 4 + MAX_DEPTH - 1)


def test_top_level_must_be_a_mapping(check: Check) -> None:
    assert codes(check("- a\n- b\n")) == ["PS107"]
    assert codes(check("")) == ["PS107"]


def test_two_documents_in_one_file(check: Check) -> None:
    problems = check("kind: deck\n---\nkind: deck\n")
    assert codes(problems) == ["PS107"]
    assert at(problems, "PS107") == (2, 1)


def test_unknown_kind(check: Check) -> None:
    problems = check("kind: scenery\nid: x\n")
    assert codes(problems) == ["PS108"]
    assert at(problems, "PS108") == (1, 7)
    assert "scenario" in problems[0].message


def test_missing_path_is_a_diagnostic_not_a_crash() -> None:
    from simulator.loading.checks import validate_paths

    _lib, problems = validate_paths(["/nonexistent/file.yaml"])
    assert codes(problems) == ["PS110"]


def test_merge_key_is_refused_like_an_alias(check: Check) -> None:
    problems = check(MINI.replace("persona:\n", "persona:\n  <<: {pronouns: they/them}\n"))
    assert [(p.code, p.line, p.col) for p in problems] == [("PS104", 8, 3)]
    assert problems[0].message == ("merge key '<<' is not allowed; merge keys are not"
                                   " supported, so write the keys out")


def test_merge_key_with_an_alias_reports_both(check: Check) -> None:
    problems = check("kind: deck\nid: d\ntitle: &t x\nowner: y\nfragments:\n  - <<: *t\n")
    assert [(p.line, p.col) for p in problems if p.code == "PS104"] == [(3, 8), (6, 5), (6, 9)]
    assert not [p for p in problems if "'<<'" in p.message and p.code != "PS104"]


def test_quoted_merge_key_is_just_an_unknown_key(check: Check) -> None:
    problems = check(MINI.replace("persona:\n", "persona:\n  '<<': x\n"))
    assert codes(problems) == ["PS200"]
    assert at(problems, "PS200") == (8, 3)


def test_number_too_long_to_convert_is_a_diagnostic(check: Check) -> None:
    problems = check(MINI.replace("version: 1", "version: " + "9" * 5000))
    assert codes(problems) == ["PS201"]
    assert at(problems, "PS201") == (3, 10)
    assert "too long" in problems[0].message and len(problems[0].message) < 200
