"""Whatever bytes a file holds, loading reports diagnostics and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.loading.documents import load_text
from tests.conftest import MINI

YAMLISH = st.text(alphabet=st.sampled_from(list("ab:- \n\t[]{}&*!|>'\",#%@`?~01.yes")),
                  max_size=300)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_yamlish_text_never_raises(text: str) -> None:
    model, problems = load_text("fuzz.yaml", text.encode())
    assert model is not None or problems
    for problem in problems:
        assert problem.line >= 0 and problem.col >= 0 and problem.code.startswith("PS")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    model, problems = load_text("fuzz.yaml", raw)
    assert model is None and problems


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(MINI) - 1), st.text(max_size=5))
def test_mutating_a_valid_scenario_never_raises(at: int, insert: str) -> None:
    text = MINI[:at] + insert + MINI[at + len(insert):]
    model, problems = load_text("m.yaml", text.encode())
    assert (model is None) == bool(problems)  # a model, or the reasons there is none


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=6000))
def test_numbers_of_any_length_never_raise(digits: int) -> None:
    number = "9" * digits
    text = MINI.replace("version: 1", f"version: {number}").replace("min: -2", f"min: -{number}")
    model, problems = load_text("n.yaml", text.encode())
    assert (model is None) == (digits > 6) and all(len(p.message) < 300 for p in problems)
