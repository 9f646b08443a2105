"""Turn pydantic validation errors into diagnostics a trainer can act on.

Pydantic reports a ``loc`` path and a terse message; a trainer needs the line and
column in their file, a stable code, and what was expected (the allowed keys, the
allowed values, or the type), so this module maps one onto the other.
"""

from __future__ import annotations

import difflib
import types
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simulator.loading.diagnostics import Diagnostic
from simulator.loading.safeyaml import Document, Path
from simulator.model.common import AmbiguousScalar

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "dict_type": "a mapping of keys",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


_BOUNDS = {
    "greater_than": "more than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int) and len(str(value)) > 30:
        return f"a number of {len(str(abs(value)))} digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"the text {text if len(text) <= 60 else text[:57] + '...'!r}"


def _out_of_range(error: ErrorDetails) -> str:
    """Say which bound a number broke, e.g. 'must be at most 1,000,000'."""
    limit = next(iter((error.get("ctx") or {}).values()), None)
    shown = f"{limit:,}" if isinstance(limit, int) else str(limit)
    return f"{_describe(error['input'])} is out of range; it must be" \
        f" {_BOUNDS[error['type']]} {shown}"


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types an annotation can hold (Optional/Union/Annotated removed)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        out: list[Any] = []
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                out.extend(_unwrap(arg))
        return out
    return [annotation]


def _model_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """Follow ``loc`` through the model's annotations to the model that holds its end."""
    current: list[Any] = [root]
    for part in loc:
        nxt: list[Any] = []
        for ann in current:
            for typ in _unwrap(ann):
                origin = typing.get_origin(typ)
                if isinstance(typ, type) and issubclass(typ, BaseModel):
                    field = typ.model_fields.get(str(part))
                    if field is not None:
                        nxt.append(field.annotation)
                elif origin in (list, tuple) and isinstance(part, int):
                    nxt.extend(typing.get_args(typ)[:1])
                elif origin is dict:
                    nxt.append(typing.get_args(typ)[1])
        if not nxt:
            break
        current = nxt
    for ann in current:
        for typ in _unwrap(ann):
            if isinstance(typ, type) and issubclass(typ, BaseModel):
                return typ
    return None


def _data_path(data: Any, loc: tuple[int | str, ...]) -> tuple[Path, bool]:
    """Keep the parts of ``loc`` that index the data (pydantic inserts union tags)."""
    path: list[str | int] = []
    node = data
    on_key = False
    for part in loc:
        if part == "[key]":
            on_key = True
            break
        if isinstance(node, dict) and part not in node:
            # pydantic names a key that is not text (1, null) by its text
            part = next((k for k in node if not isinstance(k, str) and str(k) == part), part)
        found = part in node if isinstance(node, dict) else (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        if found:
            node = node[part]
            path.append(part)
        elif not isinstance(node, (dict, list)):
            break
    return tuple(path), on_key


def _allowed(error: ErrorDetails) -> str:
    ctx = error.get("ctx") or {}
    expected = ctx.get("expected")
    return f"; expected {expected}" if expected else ""


def diagnostics_from(
    exc: ValidationError, doc: Document, model: type[BaseModel], limit: int | None = None
) -> list[Diagnostic]:
    """Map every error in ``exc`` (or the first ``limit``) to a positioned diagnostic."""
    out: list[Diagnostic] = []
    seen: set[tuple[int, int, str]] = set()
    for error in exc.errors(include_url=False)[:limit]:
        loc = tuple(error["loc"])
        etype = error["type"]
        path, on_key = _data_path(doc.data, loc)
        where = ".".join(str(p) for p in path) or "the top level"
        code, message = "PS205", error["msg"]
        if etype == "extra_forbidden":
            key = str(loc[-1])
            owner = _model_at(model, loc[:-1])
            known = sorted(owner.model_fields) if owner else []
            near = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            allowed = f" (allowed here: {', '.join(known)})" if known else ""
            code, message = "PS200", f"unknown key {key!r}{hint}{allowed}"
            if " " in key.strip() or key.rstrip().endswith((".", "!", "?", '"')):
                message += ("; this looks like the rest of a text that holds a comma: inside"
                            " { } put such text in quotes")
            on_key = True
            path = (*path, loc[-1]) if path and path[-1] != loc[-1] else path
        elif etype == "invalid_key":
            code, message = "PS201", f"a key must be plain text, got {_describe(error['input'])}"
            on_key = True
        elif etype == "missing":
            code, message = "PS202", f"missing required key {loc[-1]!r} in {where}"
        elif etype == "value_error" and "YAML 1.1" in error["msg"]:
            code, message = "PS103", error["msg"].removeprefix("Value error, ")
        elif etype == "string_pattern_mismatch":
            code = "PS204"
            message = (f"{_describe(error['input'])} is not a valid id: use lowercase letters,"
                       " digits and single hyphens, starting with a letter (e.g. 'loud-again')")
        elif etype in _TYPE_WORDS or etype.endswith("_type"):
            want = _TYPE_WORDS.get(etype, etype.removesuffix("_type"))
            code, message = "PS201", f"expected {want}, got {_describe(error['input'])}"
            value = error["input"]
            if want == "true or false" and isinstance(value, AmbiguousScalar):
                code = "PS103"
                message += f" (YAML 1.1 reads it as {value.yaml11_reading}); write true or false"
            elif want != "text" and isinstance(value, AmbiguousScalar):
                message += f" (read as {value.yaml11_reading})"
            if want == "text" and isinstance(value, (bool, int, float)):
                message += "; write it in quotes to mean the text"
                code = "PS103"
        elif etype in ("enum", "literal_error"):
            code = "PS203"
            message = f"{_describe(error['input'])} is not allowed{_allowed(error)}"
        elif etype in _BOUNDS:
            code, message = "PS203", _out_of_range(error)
        elif etype.startswith(("too_short", "too_long")):
            code, message = "PS203", error["msg"]
        elif etype == "value_error":
            message = error["msg"].removeprefix("Value error, ")
        line, col = doc.position(path, key=on_key)
        mark = (line, col, message)
        if mark in seen:
            continue
        seen.add(mark)
        out.append(Diagnostic(doc.path, line, col, code, message))
    # A union (int or bool, say) reports once per member: the YAML 1.1 hint says it best,
    # and a number out of range beats "expected true or false".
    surprising = {(d.line, d.col) for d in out if d.code == "PS103"}
    ranged = {(d.line, d.col) for d in out if d.code == "PS203"}
    return [d for d in out if d.code == "PS103" or ((d.line, d.col) not in surprising
            and not (d.code == "PS201" and (d.line, d.col) in ranged))]


def enum_values(enum: type[Enum]) -> list[str]:
    """The allowed values of an enum, for messages."""
    return [str(member.value) for member in enum]
