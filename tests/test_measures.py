"""Each measure a rubric can name has exactly one function, and each function a name.

The names live in enums (model/rubric.py: what a rubric file may say) and the functions
in registries (scoring/turns.py); these tests tie the two together, so a measure added
to one and not the other fails here rather than on a trainee's turn.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from enum import StrEnum

import pytest

from simulator.model.rubric import ReflectMeasure, ShareMeasure
from simulator.scoring import measures_acceptance, measures_reflect, measures_share
from simulator.scoring.turns import REFLECT, SHARE


@pytest.mark.parametrize(("registry", "enum"), [(SHARE, ShareMeasure),
                                                (REFLECT, ReflectMeasure)],
                         ids=["share", "reflect"])
def test_every_member_has_one_measure_and_every_measure_a_member(
        registry: Mapping[object, Callable[..., object]], enum: type[StrEnum]) -> None:
    assert all(type(key) is enum for key in registry), list(registry)
    assert set(registry) == set(enum)
    functions = list(registry.values())
    assert len(set(functions)) == len(functions), "one function registered twice"


def test_the_registries_cannot_be_changed_at_run_time() -> None:
    with pytest.raises(TypeError):
        SHARE[ShareMeasure.hope] = SHARE[ShareMeasure.harm]  # type: ignore[index]


def _measure_functions() -> set[Callable[..., object]]:
    """Every public function of the measures modules that takes one turn's context and
    gives a measurement: what a measure looks like, registered or not."""
    found: set[Callable[..., object]] = set()
    for module in (measures_share, measures_reflect, measures_acceptance):
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            params = list(inspect.signature(function).parameters.values())
            if len(params) == 1 and str(params[0].annotation) in CONTEXTS \
                    and "Measured" in str(inspect.signature(function).return_annotation):
                found.add(function)
    return found


CONTEXTS = {"ShareContext", "ReflectContext"}


def test_every_measure_function_is_registered() -> None:
    """A measure written in a measures module but never registered is caught too."""
    registered = set(SHARE.values()) | set(REFLECT.values())
    assert _measure_functions() == registered
    assert len(registered) == len(ShareMeasure) + len(ReflectMeasure)
