"""A cohort setting that requires typed turns: set from the command line, the strictest
of a trainee's cohorts applies."""

from __future__ import annotations

import pytest

from simulator.cli.main import main
from simulator.records import open_store
from simulator.records.cohorts import typed_turns, typed_turns_for

pytestmark = pytest.mark.sqlite_only


def test_a_trainer_sets_when_a_cohorts_trainees_must_type(
        capsys: pytest.CaptureFixture[str]) -> None:
    for cohort in ("spring", "autumn"):
        assert main(["cohort", "create", cohort]) == 0
        assert main(["cohort", "add", cohort, "--trainee", "t-one"]) == 0
    capsys.readouterr()
    assert main(["cohort", "typed", "spring"]) == 0
    assert capsys.readouterr().out.strip() == "spring: typed turns optional"
    assert main(["cohort", "typed", "spring", "assessment"]) == 0
    assert main(["cohort", "typed", "autumn", "always"]) == 0
    assert "autumn: typed turns always" in capsys.readouterr().out
    assert main(["cohort", "typed", "spring", "sometimes"]) != 0
    assert "optional, assessment, always" in capsys.readouterr().err
    assert main(["cohort", "typed", "nowhere", "always"]) != 0
    store = open_store()
    assert typed_turns(store, "spring") == "assessment"
    assert typed_turns_for(store, "t-one") == "always"  # the strictest applies
    assert typed_turns_for(store, "t-other") == "optional"
    store.close()
