"""Conditions and effects: plain data evaluated here, never code from a file.

Kept apart from the engine so the validator can reason about the same rules the
engine applies (for example, whether conditions can hide every choice).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet

from simulator.model.scenario import Condition, Effects, Value, Variable


def holds(cond: Condition, variables: Mapping[str, Value], visits: Mapping[str, int],
          told: AbstractSet[str] = frozenset()) -> bool:
    """True when ``cond`` holds for this state (``told``: the pieces shared so far)."""
    if cond.told is not None:
        return cond.told in told
    if cond.not_told is not None:
        return cond.not_told not in told
    if cond.visited is not None:
        return visits.get(cond.visited, 0) > 0
    if cond.not_visited is not None:
        return visits.get(cond.not_visited, 0) == 0
    assert cond.var is not None
    value = variables.get(cond.var)
    if value is None:
        return False
    if cond.eq is not None:
        return value == cond.eq and isinstance(value, bool) == isinstance(cond.eq, bool)
    if cond.ne is not None:
        return not (value == cond.ne and isinstance(value, bool) == isinstance(cond.ne, bool))
    if isinstance(value, bool):
        return False
    if cond.gte is not None:
        return value >= cond.gte
    if cond.lte is not None:
        return value <= cond.lte
    return False


def all_hold(
    conds: Iterable[Condition], variables: Mapping[str, Value], visits: Mapping[str, int],
    told: AbstractSet[str] = frozenset(),
) -> bool:
    """True when every condition holds (an empty list always holds)."""
    return all(holds(c, variables, visits, told) for c in conds)


def apply_effects(
    effects: Effects, declared: Mapping[str, Variable], variables: Mapping[str, Value]
) -> dict[str, Value]:
    """A new variable map with ``effects`` applied: numbers add within bounds, booleans set."""
    out = dict(variables)
    for name, change in effects.items():
        var = declared.get(name)
        if var is None:
            continue
        if var.type == "bool":
            if isinstance(change, bool):
                out[name] = change
            continue
        if isinstance(change, bool):
            continue
        current = out.get(name, var.default)
        assert isinstance(current, int)
        value = current + change
        if var.min is not None:
            value = max(var.min, value)
        if var.max is not None:
            value = min(var.max, value)
        out[name] = value
    return out


def defaults(declared: Mapping[str, Variable]) -> dict[str, Value]:
    """Every variable at its default."""
    return {name: var.default for name, var in declared.items()}
