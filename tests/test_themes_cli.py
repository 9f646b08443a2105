"""``peersim themes`` lists the acceptance vocabulary too (ways of getting by, words,
readings), with where a scenario uses each (issue 23, item 7)."""

from __future__ import annotations

import json

import pytest

from simulator.cli.main import main


def test_themes_lists_the_acceptance_vocabulary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    assert "Ways of getting by (a beat's discloses:" in out
    assert "Words a person may reject for themselves (the persona's rejects:)" in out
    assert "How a trainee may read what was disclosed" in out
    assert "\npatient " in out and "\nself-protection " in out
    assert main(["themes", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    kinds = {row["id"]: row["kind"] for row in rows}
    assert kinds["voices"] == "theme" and kinds["patient"] == "word"
    assert kinds["self-protection"] == "reading"
