"""A review says an authored sentence once per part, after every score it stands for,
not under each criterion (issue 23: one feedback sentence under up to five criteria)."""

from __future__ import annotations

import pytest

from simulator.cli.main import main
from simulator.practice.supervision import PartView


def test_a_shared_sentence_is_said_once() -> None:
    part = PartView("", "Said: hello", "strong", [
        ("acceptance", "Radical acceptance", 3, "You believed her first."),
        ("focus", "How can you help me?", 3, "You believed her first.")])
    assert part.lines() == ["Radical acceptance 3/3, How can you help me? 3/3: You believed"
                            " her first."]
    apart = PartView("", "Said: hello", "strong", [
        ("acceptance", "Radical acceptance", 3, "One."), ("focus", "Focus", 2, "Two.")])
    assert apart.lines() == ["Radical acceptance 3/3: One.", "Focus 2/3: Two."]


def test_review_show_says_the_authors_sentence_once(
        cohort: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "show", "s-skilled"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    first = out.split("Turn 2.")[0]
    sentence = "You believed her first"
    assert first.count(sentence) == 1, first
