"""The search behind PS303 (can conditions hide every choice at a beat?).

It must agree with the engine's own rule (``holds``) on every state, and its work must
grow with the file, not with the product of the variables' ranges.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.adversarial import many_beats, ranges, sat
from simulator.engine.conditions import all_hold
from simulator.loading.checks import validate_paths
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.hidden import Budget, clauses_of, search
from simulator.model.scenario import Condition, Variable
from tests.conftest import MINI, codes

VARIABLES = {
    "n": Variable(type="int", default=0, min=-3, max=3),
    "u": Variable(type="int", default=0),  # no bounds
    "f": Variable(type="bool", default=False),
}
SPAN = {"n": range(-3, 4), "u": range(-8, 9), "f": (False, True)}


def condition() -> st.SearchStrategy[Condition]:
    number = st.integers(-6, 6)
    value = st.one_of(number, st.booleans())
    var = st.sampled_from(sorted(VARIABLES))
    on_var = st.one_of(
        st.builds(lambda v, x: Condition(var=v, eq=x), var, value),
        st.builds(lambda v, x: Condition(var=v, ne=x), var, value),
        st.builds(lambda v, x: Condition(var=v, gte=x), var, number),
        st.builds(lambda v, x: Condition(var=v, lte=x), var, number),
    )
    beat = st.sampled_from(["intro", "later"])
    on_visit = st.one_of(st.builds(lambda b: Condition(visited=b), beat),
                         st.builds(lambda b: Condition(not_visited=b), beat))
    return st.one_of(on_var, on_visit)


def brute_force(choices: list[list[Condition]]) -> bool:
    """The old way, over ranges wide enough for every constant drawn: some state hides
    every choice."""
    for n, u, f, intro, later in itertools.product(SPAN["n"], SPAN["u"], SPAN["f"],
                                                   (0, 1), (0, 1)):
        state = {"n": n, "u": u, "f": f}
        if not any(all_hold(c, state, {"intro": intro, "later": later}) for c in choices):
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(condition(), min_size=1, max_size=3), min_size=1, max_size=5))
def test_the_search_agrees_with_the_engine_on_every_state(
        choices: list[list[Condition]]) -> None:
    found = clauses_of(choices, VARIABLES)
    hidden = search(*found, Budget(10_000)) if found is not None else None
    assert (hidden is not None and bool(hidden.example)) == brute_force(choices)
    if hidden is not None and hidden.example:  # and the example really hides them all
        state: dict[str, Any] = {"n": 0, "u": 0, "f": False}
        visits = {"intro": 0, "later": 0}
        for part in hidden.example.split(", "):
            if "=" in part:
                name, raw = part.split("=")
                state[name] = {"True": True, "False": False}.get(raw, raw)
                if isinstance(state[name], str):
                    state[name] = int(raw)
            else:
                beat, how = part.split(" ", 1)
                visits[beat] = int(how == "visited")
        assert not any(all_hold(c, state, visits) for c in choices)


def test_a_number_without_bounds_is_decided_not_refused(
        check: Callable[[str], list[Diagnostic]]) -> None:
    unbounded = MINI.replace("trust: {type: int, default: 0, min: -2, max: 2}",
                             "trust: {type: int, default: 0}")
    covered = unbounded.replace("      - id: plain\n", "      - id: plain\n        when:"
                                " [{var: trust, lte: 0}]\n")
    assert check(covered) == []  # trust <= 0 or trust >= 1: always a choice
    gap = covered.replace("gte: 1}]", "gte: 1000}]")
    problems = check(gap)
    assert codes(problems) == ["PS303"] and "trust=1" in problems[0].message


def test_a_search_the_budget_cannot_finish_is_reported_as_undecided() -> None:
    flags = {f"f{i}": Variable(type="bool", default=False) for i in range(8)}
    pigeons = [[Condition(var=f"f{i}", eq=True), Condition(var=f"f{j}", eq=True)]
               for i in range(8) for j in range(i + 1, 8)]
    found = clauses_of(pigeons, flags)
    assert found is not None
    budget = Budget(0)
    budget.left = 5
    assert search(*found, budget).undecided


def _calls_while_validating(text: str, path: Path) -> int:
    """Python function calls made while validating ``text`` (a count, not a time)."""
    path.write_text(text, encoding="utf-8")
    calls = 0

    def count(_frame: FrameType, event: str, _arg: object) -> None:
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        validate_paths([str(path)])
    finally:
        sys.setprofile(None)
    return calls


def test_validation_work_grows_with_the_file_not_with_the_ranges(tmp_path: Path) -> None:
    """Numbers whose ranges multiply to 20,000 states, thirty conditioned lines per beat:
    the old search evaluated every condition in every state at every beat."""
    for shape in (ranges, sat):
        small = _calls_while_validating(shape(20_000), tmp_path / "small.yaml")
        large = _calls_while_validating(shape(80_000), tmp_path / "large.yaml")
        assert large < 4.6 * small, (shape.__name__, small, large)  # linear in size
        conditions = shape(80_000).count("{var:")
        # less the fixed cost of reading the shipped library that validation loads for
        # context, which grows with the library, not with this file
        base = _calls_while_validating(shape(1), tmp_path / "one-beat.yaml")
        assert large - base < 120 * conditions, (shape.__name__, large, base, conditions)


def test_suggestions_for_dangling_targets_stay_within_the_files_allowance(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of dangling ``next:`` in a file of thousands of beats: each suggestion
    compares with every id, so they are made within a per-file allowance."""
    from simulator.loading import graph_checks

    calls: list[str] = []
    real = graph_checks.did_you_mean

    def counting(name: str, known: Iterable[str]) -> str:
        calls.append(name)
        return real(name, known)

    monkeypatch.setattr(graph_checks, "did_you_mean", counting)
    text = many_beats(300_000).replace("next: b", "next: gone-b")  # every target dangles
    path = tmp_path / "dangling.yaml"
    path.write_text(text, encoding="utf-8")
    _library, problems = validate_paths([str(path)])
    beats = text.count("\n  b")
    assert sum(p.code == "PS300" for p in problems) >= beats  # every one still reported
    assert len(calls) <= 50_000 // beats + 2
