"""The typed-words detectors against the labelled corpus: the figures docs/scoring.md
publishes are recomputed here, and the development corpus must meet the targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.words_eval import DETECTORS, concern_table, figures, rows, table, tables

DOC = Path(__file__).parent.parent / "docs" / "scoring.md"
TARGETS = {"question": 0.9, "hands_back": 0.9, "asks_permission": 0.9,
           "claims_sameness": 0.9, "advice": 0.8, "reflects": 0.8}


def _published(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split(f"<!-- words:{name} -->\n", 1)[1].split("\n<!-- /words -->", 1)[0]


def test_the_corpus_is_several_hundred_across_the_library_with_a_held_out_third() -> None:
    dev, held = rows("corpus.txt"), rows("corpus-held.txt")
    assert len(dev) + len(held) >= 300
    assert 0.3 <= len(held) / (len(dev) + len(held)) <= 0.4
    scenarios = {r.scenario for r in dev + held}
    assert len(scenarios) >= 18
    assert {r.mode for r in dev} == {"reflect", "share", "line"}
    for detector in DETECTORS:  # every detector has cases both ways
        assert any(detector in r.expected for r in dev)
        assert any(detector not in r.expected for r in dev)
    fresh = rows("corpus-held2.txt")
    texts = [r.text for r in dev + held + fresh]
    assert len(set(texts)) == len(texts), "a response is labelled twice"


def test_the_second_held_out_set_has_several_phrasings_per_detector() -> None:
    """The second held-out set (written before its first run) is big enough to report:
    60 lines or more, each detector found and not found in several of them, and asking
    leave to share set against asking leave to inform or act."""
    fresh = rows("corpus-held2.txt")
    assert len(fresh) >= 60
    for detector in DETECTORS:
        assert sum(detector in r.expected for r in fresh) >= 4, detector
        assert sum(detector not in r.expected for r in fresh) >= 4, detector
    leave = [r for r in fresh if r.expected == {"question", "hands_back"}
             and r.text.split()[0] in {"Can", "May", "Shall", "Would", "Do", "Is"}]
    assert len(leave) >= 10


@pytest.mark.parametrize("name", ["corpus.txt", "corpus-held.txt", "corpus-held2.txt"])
def test_published_figures_match_the_detectors(name: str) -> None:
    assert _published(name) == table(name), \
        "docs/scoring.md is stale: run python -m tests.words_eval --write"


def test_published_concern_and_reading_figures_match() -> None:
    assert _published("concerns") == concern_table()
    assert _published("readings") == tables()["readings"]


def test_development_corpus_meets_the_targets() -> None:
    results, _wrong = figures("corpus.txt")
    for f in results:
        assert f.precision >= TARGETS[f.detector], (f.detector, f.precision)
        assert f.recall >= TARGETS[f.detector], (f.detector, f.recall)
