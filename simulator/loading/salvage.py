"""Check the rest of a file that failed its schema: validate it without the optional
parts that are wrong.

Why: an author fixing one typo should not need four rounds of ``validate`` to see every
problem. When a file fails the schema only in keys it could do without (an unknown
key, a wrong type on an optional field), those keys are left out and the rest still
becomes a model, so the cross-checks (targets, themes, variables, criteria) run on it.
An unquoted word YAML 1.1 would misread (``title: no``) is read as the text it looks
like. A required key that is missing gets a stand-in for checking (see
:mod:`.standins`). The schema errors are reported all the same; a required value that
is there but wrong, or a declaration that is wrong, is not guessed at.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from simulator.loading.standins import Gap, copy_data, stand_in
from simulator.model.common import AmbiguousScalar

MAX_ROUNDS = 50
_GONE = object()


def _changed(data: Any, loc: Sequence[str | int], value: Any = _GONE) -> Any | None:
    """A copy of ``data`` with the value at ``loc`` removed (or set to ``value``), or None
    when there is no such value."""
    trial = copy_data(data)
    node = trial
    for part in loc[:-1]:
        found = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        if not found:
            return None
        node = node[part]
    last = loc[-1] if loc else None
    if isinstance(node, dict) and last in node:
        if value is _GONE:
            del node[last]
        else:
            node[last] = value
        return trial
    if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node) \
            and value is not _GONE:
        node[last] = value
        return trial
    return None


@functools.cache
def _field_names(model_type: type[BaseModel]) -> frozenset[str]:
    """Every key any model in ``model_type``'s schema declares (ids of beats, variables
    and the like are not among them: leaving one of those out would only make every use
    of it look wrong)."""
    schema = model_type.model_json_schema()
    names: set[str] = set(schema.get("properties", {}))
    for definition in schema.get("$defs", {}).values():
        names.update(definition.get("properties", {}))
    return frozenset(names)


def _repair(error: Any, current: Any, model_type: type[BaseModel]) -> Any | None:
    """``current`` with the value an error is about read as its text (an unquoted word
    YAML 1.1 would misread) or left out (a key the model can do without)."""
    loc = tuple(error["loc"])
    if isinstance(error.get("input"), AmbiguousScalar):
        return _changed(current, loc, str(error["input"]))
    last = loc[-1] if loc else None
    if error["type"] == "extra_forbidden" or (isinstance(last, str)
                                              and last in _field_names(model_type)):
        return _changed(current, loc)
    return None


def _needs(errors: list[Any], loc: tuple[Any, ...]) -> bool:
    return any(e["type"] == "missing" and tuple(e["loc"])[:len(loc)] == loc for e in errors)


def salvage(model_type: type[BaseModel], data: dict[str, Any]
            ) -> tuple[BaseModel, tuple[Gap, ...]] | None:
    """The model of ``data`` less the optional keys that fail, with stand-ins for the
    required keys that are missing (and where they are), or None if that is not enough
    (a required value is there but wrong, or no stand-in fits)."""
    current: Any = data
    gaps: list[Gap] = []
    for _round in range(MAX_ROUNDS):
        try:
            return model_type.model_validate(current), tuple(gaps)
        except ValidationError as exc:
            errors = exc.errors()
        for error in errors:
            loc = tuple(error["loc"])
            if not loc:
                continue
            gap = None
            if error["type"] == "missing":
                filled = stand_in(model_type, current, loc)
                if filled is None:
                    continue
                trial, gap = filled
            else:
                trial = _repair(error, current, model_type)
            if trial is None:
                continue
            try:
                return model_type.model_validate(trial), tuple([*gaps, gap] if gap else gaps)
            except ValidationError as again:
                if _needs(again.errors(), loc):
                    continue  # that value is required: leaving it out is no fix
                current = trial
                if gap is not None:
                    gaps.append(gap)
                break
        else:
            return None
    return None
