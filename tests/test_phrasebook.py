"""The phrasebook (``kind: phrasebook``): validated like every file a trainer writes, and
a trainer's copy replaces the shipped one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simulator.loading.checks import validate_paths
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.library import Library
from simulator.words import explain
from simulator.words_library import setting
from tests.conftest import at, codes

ROOT = Path(__file__).parent.parent
SMALL = """kind: phrasebook
id: english
title: A trainer's phrasebook
themes:
  relapse: [slipped, "back to zero", went off the rails]
readings:
  denial: [in denial]
words:
  addict: [addicts]
"""


def test_the_shipped_phrasebook_is_clean_and_speaks_the_vocabulary(shipped: Library) -> None:
    _library, problems = validate_paths([str(ROOT / "rubrics")])
    assert [p.format() for p in problems] == []
    book = shipped.phrasebook()
    assert book is not None and book.language == "en"
    assert set(book.themes) <= shipped.themes()
    assert set(book.readings) <= set(shipped.acceptance_terms("readings"))
    assert set(book.words) <= set(shipped.acceptance_terms("words"))


def test_unknown_ids_are_reported_where_they_are(
        check: Callable[[str], list[Diagnostic]]) -> None:
    bad = SMALL.replace("  relapse:", "  relapsse:").replace("  denial:", "  denail:")
    problems = check(bad)
    assert codes(problems) == ["PS305", "PS330"]
    assert at(problems, "PS305") == (5, 3)
    assert "did you mean 'relapse'" in problems[0].message
    assert at(problems, "PS330") == (7, 3)


def test_a_typo_in_a_key_or_a_yaml_surprise_is_a_plain_error(
        check: Callable[[str], list[Diagnostic]]) -> None:
    problems = check(SMALL + "lead_in: [so]\n")
    assert codes(problems) == ["PS200"] and "did you mean 'lead_ins'" in problems[0].message
    assert codes(check(SMALL + "negations: [no, nothing]\n")) == ["PS103"]


def test_a_given_phrasebook_replaces_the_shipped_one(write: Callable[[str, str], Path]) -> None:
    path = write("mine.yaml", SMALL)
    library, problems = validate_paths([str(path)])
    assert problems == []
    where = setting(library, "sixty-days", "day-sixty", paraphrase=False)
    assert where.book.title == "A trainer's phrasebook"
    result = explain("You went off the rails on Saturday.", "reflect", where)
    assert result.concerns == ["relapse"]


def test_one_call_explains_at_a_beat(shipped: Library) -> None:
    from simulator.words_library import explain_in

    result = explain_in(shipped, "Sounds like you're ashamed. How are you?", "reflect",
                        "sixty-days", "day-sixty")
    assert result.flags["reflects"] and result.flags["hands_back"]
    assert result.concerns == ["shame"] and result.beat == "day-sixty"
    assert explain_in(shipped, "You should rest.", "line").beat is None
