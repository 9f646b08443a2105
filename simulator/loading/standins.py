"""Stand-ins for missing required values, so one pass checks the rest of the file.

Why: a misspelt required key (``sasy:`` for ``says:``) in one beat used to stop every
cross-check of the file, hiding a dangling ``next:`` and concern weights that add up
to 0.9 in other beats until the next run. The missing key is still reported (PS202);
for checking only, a stand-in takes its place: a text, the first allowed value, or a
value of the same key borrowed from elsewhere in the file (another beat's concerns),
so the stand-in itself raises nothing. Where the stand-in is a target (``next:``,
``start:``), the shape of the graph is not known, and the checks that depend on it
(reachability, loops, paths) are held back for that file (see :func:`unsure`).
A file with a stand-in is never played: the PS202 is an error.
"""

from __future__ import annotations

import types
import typing
import zlib
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from simulator.loading.diagnostics import Diagnostic

Loc = tuple[str | int, ...]

#: checks that follow the graph: held back when a target had to be stood in for
GRAPH_CODES = frozenset({"PS301", "PS302", "PS303", "PS304", "PS321", "PS322", "PS333",
                         "PS334"})
_TARGETS = frozenset({"next", "start", "safety_ending"})
_TEXT = "..."
_NO_VALUE = object()


@dataclass(frozen=True)
class Gap:
    """A required value that was missing, and whether it was a target in the graph."""

    loc: Loc
    target: bool


def copy_data(data: Any) -> Any:
    """Mappings and lists copied, scalars shared (the reader's scalar types are str and
    number subclasses that ``copy.deepcopy`` cannot rebuild)."""
    if isinstance(data, dict):
        return {key: copy_data(value) for key, value in data.items()}
    if isinstance(data, list):
        return [copy_data(value) for value in data]
    return data


def _args(annotation: Any) -> tuple[Any, list[Any]]:
    """The annotation without Annotated/Optional wrappers: (origin or type, its args)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _args(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _args(members[0]) if members else (type(None), [])
    if origin is None:
        return annotation, []
    return origin, list(typing.get_args(annotation))


def _field(model_type: type[BaseModel], loc: Loc
           ) -> tuple[type[BaseModel], str, tuple[str | int | None, ...]] | None:
    """The model that declares the key at the end of ``loc``, the key, and ``loc`` as a
    pattern (None for each beat id, line index and the like) that finds its siblings."""
    current: Any = model_type
    pattern: list[str | int | None] = []
    for part in loc[:-1]:
        kind, args = _args(current)
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            field = kind.model_fields.get(str(part))
            if field is None:
                return None
            current = field.annotation
            pattern.append(part)
        elif kind in (list, tuple) and isinstance(part, int) and args:
            current = args[0]
            pattern.append(None)
        elif kind is dict and len(args) == 2:
            current = args[1]
            pattern.append(None)
        else:
            return None
    kind, _ = _args(current)
    if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(loc[-1], str):
        return kind, loc[-1], (*pattern, loc[-1])
    return None


def _borrow(data: Any, pattern: tuple[str | int | None, ...]) -> Any:
    """The first value at ``pattern`` in ``data`` (the same key in another beat, line or
    ending: never from a different kind of place, whose rules differ)."""
    nodes = [data]
    for part in pattern:
        following: list[Any] = []
        for node in nodes:
            if part is None:
                following.extend(node.values() if isinstance(node, dict)
                                 else node if isinstance(node, list) else [])
            elif isinstance(node, dict) and part in node:
                following.append(node[part])
        nodes = following
    return nodes[0] if nodes else _NO_VALUE


def _has_key(data: Any, key: str) -> bool:
    """True when ``key`` is anywhere in ``data``."""
    todo = [data]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if key in node:
                return True
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return False


def _first_id(data: Any, *sections: str) -> str | None:
    """The first id declared in the first of ``sections`` that has any."""
    for section in sections:
        found = data.get(section) if isinstance(data, dict) else None
        if isinstance(found, dict) and found:
            return str(next(iter(found)))
    return None


def _made(annotation: Any, name: str, data: Any, depth: int = 0) -> Any:
    """A value for ``annotation`` that raises nothing in the cross-checks, or _NO_VALUE."""
    kind, args = _args(annotation)
    if name == "next":
        return _first_id(data, "endings", "beats") or _NO_VALUE
    if name == "start":
        return _first_id(data, "beats") or _NO_VALUE
    if kind is typing.Literal and args:
        return args[0]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return next(iter(kind)).value
    if kind is str:
        return _TEXT
    if kind is bool:
        return False
    if kind in (int, float):
        return kind(1)
    if kind is list:
        return []
    if isinstance(kind, type) and issubclass(kind, BaseModel) and depth < 4:
        out: dict[str, Any] = {}
        for field_name, field in kind.model_fields.items():
            if field.is_required():
                value = _made(field.annotation, field_name, data, depth + 1)
                if value is _NO_VALUE:
                    return _NO_VALUE
                out[field_name] = value
        return out
    return _NO_VALUE


def _child(node: Any, part: str | int) -> Any:
    """``node[part]`` when there is such a value, else _NO_VALUE."""
    if isinstance(node, dict):
        return node.get(part, _NO_VALUE)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _NO_VALUE


def stand_in(model_type: type[BaseModel], data: Any, loc: Loc) -> tuple[Any, Gap] | None:
    """A copy of ``data`` with a stand-in at ``loc`` (a missing required key), and the
    gap it fills; None when no stand-in can be found."""
    found = _field(model_type, loc)
    if found is None:
        return None
    owner, name, pattern = found
    field = owner.model_fields.get(name)
    if field is None:
        return None
    value: Any = _NO_VALUE
    if name == "id":  # unique, and the same wherever this file is checked
        value = f"missing-id-{zlib.crc32(repr(loc).encode()) % 100_000}"
    elif name not in _TARGETS:  # targets are the graph: never borrowed
        value = _borrow(data, pattern)
    if value is _NO_VALUE:
        value = _made(field.annotation, name, data)
    if value is _NO_VALUE:
        return None
    trial = copy_data(data)
    node: Any = trial
    for part in loc[:-1]:
        node = _child(node, part)
        if node is _NO_VALUE:
            return None
    if not isinstance(node, dict) or name in node:
        return None
    node[name] = copy_data(value)
    borrowed_edges = _has_key(value, "next")
    return trial, Gap(loc, name in _TARGETS or borrowed_edges)


def unsure(problems: list[Diagnostic], path: str, gaps: tuple[Gap, ...]) -> list[Diagnostic]:
    """``problems`` less the graph checks of ``path`` when one of its targets was stood in
    for (whether a beat can be reached depends on where the missing ``next:`` leads)."""
    if not any(gap.target for gap in gaps):
        return problems
    return [p for p in problems if p.path != path or p.code not in GRAPH_CODES]
