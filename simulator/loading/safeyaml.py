"""A strict YAML reader for files written by people: safe, bounded, and position-aware.

Why not ``yaml.safe_load``: it lets duplicate keys win silently, reads ``no`` as
false and ``1:30`` as 90, expands alias bombs, can exhaust the stack on deep
nesting, and forgets where each value came from. This reader walks libyaml's
event stream itself (fast, C-parsed), so it can refuse aliases before any
expansion, bound depth before the composer recurses, resolve scalars by the YAML
1.2 core rules, mark YAML 1.1 surprises, and keep a line and column for every
key and value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from simulator.loading.diagnostics import Diagnostic
from simulator.model.common import AmbiguousScalar

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 48
_TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels; flatten the structure"
#: values (scalars, mappings and lists) in one file: the largest shipped file holds about
#: 1,500 and a 1 MiB benchmark file about 200,000; reading stops at the limit, so a file
#: built to exhaust time or memory is refused in well under 2 s
MAX_NODES = 250_000
#: keys in one mapping: as many as a scenario may have beats
MAX_KEYS = 5000
#: problems the reader reports before it stops (50,000 anchors must not print 50,000 lines)
MAX_PROBLEMS = 50
#: longer whole numbers stay text: Python refuses to convert 4,300 digits or more
MAX_DIGITS = 1000

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_YAML11_BOOL = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?$")
_YAML11_INT = re.compile(
    r"^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+"
    r"|[-+]?[0-9][0-9_]*_[0-9_]*)$"
)
_YAML11_FLOAT = re.compile(
    r"^([-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
    r"|[-+]?[0-9][0-9_]*\.[0-9_]*_[0-9_]*)$"
)
_TIMESTAMP = re.compile(
    r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    r"([Tt]|[ \t]+)?([0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?)?"
    r"([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)$"
)
_STD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass
class Document:
    """Plain data read from a file, and where each part of it came from."""

    path: str
    data: Any
    #: path into ``data`` -> (line, col), 1-based, of that value
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: path of a mapping entry -> (line, col) of its key
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Best position for ``path``: the nearest ancestor that has one."""
        probe = tuple(path)
        while True:
            if key and probe in self.keys:
                return self.keys[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]


@lru_cache(maxsize=65_536)
def resolve_plain(text: str) -> Any:
    """Resolve an unquoted scalar by YAML 1.2 core rules; mark YAML 1.1 surprises.

    Cached: a file repeats the same keys and values thousands of times, and every
    result is immutable (None, a bool, a number, or a string)."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        if len(text) > MAX_DIGITS:
            return AmbiguousScalar(text, "a whole number too long to use")
        return int(text)
    if _YAML11_BOOL.match(text):
        reading = "true" if text[0] in "yYoO" and text.lower() != "off" else "false"
        return AmbiguousScalar(text, f"the boolean {reading}")
    if _YAML11_INT.match(text):
        return AmbiguousScalar(text, "a number (octal, hex, sexagesimal or with underscores)")
    if _YAML11_FLOAT.match(text):
        return AmbiguousScalar(text, "a special or sexagesimal number")
    if _FLOAT.match(text):
        return float(text)
    if _TIMESTAMP.match(text):
        return AmbiguousScalar(text, "a date or timestamp")
    return text


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        msg = (
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8"
            " (most editors offer this under 'Save with encoding')"
        )
        return None, [Diagnostic(path, line, col, "PS101", msg)]


class _Builder:
    """Builds Python data from parser events, recording positions and problems."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.doc = Document(path, None)
        self.problems: list[Diagnostic] = []

    def fail(self, mark: Any, code: str, message: str) -> None:
        self.problems.append(Diagnostic(self.path, mark.line + 1, mark.column + 1, code, message))
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems.append(Diagnostic(
                self.path, mark.line + 1, mark.column + 1, "PS112",
                f"{MAX_PROBLEMS} problems so far; reading stopped here: fix these first"))
            raise _Stop

    def check_node(self, event: Any) -> bool:
        """Refuse anchors and explicit tags; return False when the node must be dropped."""
        ok = True
        if getattr(event, "anchor", None) is not None:
            self.fail(event.start_mark, "PS104", f"anchor &{event.anchor} is not allowed;"
                      " repeat the content instead (anchors allow expansion bombs)")
            ok = False
        if getattr(event, "tag", None) not in _STD_TAGS:
            self.fail(event.start_mark, "PS109", f"tag {event.tag} is not allowed;"
                      " files hold plain data only")
            ok = False
        return ok

    def build(self, text: str) -> Document:
        events: Iterator[Any] = yaml.parse(text, Loader=_Loader)
        stack: list[tuple[Any, Any, list[Any]]] = []  # (container, path, pending key info)
        depth = 0
        documents = 0
        nodes = 0
        root_set = False
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent \
                    or kind is yaml.SequenceStartEvent or kind is yaml.AliasEvent:
                nodes += 1
                if nodes > MAX_NODES:
                    self.fail(event.start_mark, "PS111", f"more than {MAX_NODES:,} values in"
                              " one file; split it into several files")
                    raise _Stop
                if kind is yaml.AliasEvent:
                    self.fail(event.start_mark, "PS104", f"alias *{event.anchor} is not allowed;"
                              " repeat the content instead")
                    value: Any = None
                    container_kind = None
                elif kind is yaml.ScalarEvent:
                    if event.anchor is not None or event.tag not in _STD_TAGS:
                        self.check_node(event)
                    if not event.style and event.implicit[0]:
                        value = resolve_plain(event.value)
                    else:
                        value = event.value
                    container_kind = None
                else:
                    if event.anchor is not None or event.tag not in _STD_TAGS:
                        self.check_node(event)
                    depth += 1
                    if depth > MAX_DEPTH:
                        self.fail(event.start_mark, "PS106", _TOO_DEEP)
                        raise _Stop
                    value = {} if kind is yaml.MappingStartEvent else []
                    container_kind = kind
                if not stack:
                    if root_set:
                        continue
                    self.doc.data = value
                    self.doc.values[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
                    root_set = True
                    if container_kind is not None:
                        stack.append((value, (), [None]))
                    continue
                parent, ppath, pending = stack[-1]
                if isinstance(parent, list):
                    here: Any = (*ppath, len(parent))
                    parent.append(value)
                    self.doc.values[here] = (event.start_mark.line + 1, event.start_mark.column + 1)
                elif pending[0] is None:
                    # this node is a key
                    if container_kind is not None or kind is yaml.AliasEvent:
                        self.fail(event.start_mark, "PS201", "a key must be plain text")
                        pending[0] = ("\x00invalid", event.start_mark, True)
                        if container_kind is not None:
                            stack.append((value, (*ppath, "\x00invalid"), [None]))
                        continue
                    if kind is yaml.ScalarEvent and event.value == "<<" and event.implicit[0]:
                        self.fail(event.start_mark, "PS104", "merge key '<<' is not allowed;"
                                  " merge keys are not supported, so write the keys out")
                        pending[0] = ("\x00invalid", event.start_mark, True)
                        continue
                    key: Any = value  # a scalar: containers and aliases were refused above
                    if isinstance(key, str) and not isinstance(key, AmbiguousScalar):
                        key = str(key)
                    dup = key in parent
                    if not dup and len(parent) >= MAX_KEYS:
                        self.fail(event.start_mark, "PS111", f"more than {MAX_KEYS:,} keys in"
                                  " one mapping; split it into several files")
                        raise _Stop
                    if dup:
                        first = self.doc.keys.get((*ppath, key))
                        where = f" (first at line {first[0]})" if first else ""
                        self.fail(event.start_mark, "PS102",
                                  f"duplicate key {key!r}{where}; each key may appear once")
                    pending[0] = (key, event.start_mark, dup)
                    if not dup:
                        self.doc.keys[(*ppath, key)] = (event.start_mark.line + 1,
                                                        event.start_mark.column + 1)
                    continue
                else:
                    key, _mark, dup = pending[0]
                    pending[0] = None
                    here = (*ppath, key)
                    if not dup and key != "\x00invalid":
                        parent[key] = value
                        self.doc.values[here] = (event.start_mark.line + 1,
                                                 event.start_mark.column + 1)
                if container_kind is not None:
                    stack.append((value, here, [None]))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
                stack.pop()
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.fail(event.start_mark, "PS107",
                              "a file holds one document; remove the extra '---'")
                    raise _Stop
        return self.doc


class _Stop(Exception):
    """Raised to stop reading a file after a problem that makes the rest meaningless."""


_HINTS = (
    ("mapping values are not allowed", "if this is text containing ': ', put it in quotes"),
    ("cannot start any token", "YAML is indented with spaces, never tabs"),
    ("did not find expected ','", "text with commas inside [ ] or { } must be put in quotes"),
    ("could not find expected ':'", "a line may be missing its 'key:' or be indented wrongly"),
    ("did not find expected key", "check the indentation of this line and the one above"),
)


def _hint(problem: str) -> str:
    for fragment, hint in _HINTS:
        if fragment in problem:
            return f"; {hint}"
    return ""


def too_large(path: str, size: int) -> Diagnostic:
    """The PS105 diagnostic for a file of ``size`` bytes."""
    msg = f"file is {size:,} bytes; the limit is {MAX_BYTES:,}; split it into several files"
    return Diagnostic(path, 1, 1, "PS105", msg)


#: files read already, by their path as given: what :func:`read_yaml` made of each.
#: Finding a file's companions reads it, and the loader takes it from here rather than
#: reading it again (the larger share of validating a 4 MB file, docs/benchmarks.md).
Reads = dict[str, tuple[Document | None, list[Diagnostic]]]


def read_yaml(path: str, raw: bytes) -> tuple[Document | None, list[Diagnostic]]:
    """Read ``raw`` (the bytes of ``path``) into a :class:`Document`, or say why not."""
    if len(raw) > MAX_BYTES:
        return None, [too_large(path, len(raw))]
    text, problems = _decode(raw, path)
    if text is None:
        return None, problems
    builder = _Builder(path)
    try:
        doc = builder.build(text)
    except _Stop:
        return None, builder.problems
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if "nesting depth" in what:
            # PyYAML 6.0.4+ stops very deep flow nesting in its scanner, before our own
            # depth check sees the events: the same problem, so the same code.
            builder.problems.append(Diagnostic(path, line, col, "PS106", _TOO_DEEP))
            return None, builder.problems
        context = f" ({exc.context})" if exc.context else ""
        message = f"{what}{context}{_hint(what)}"
        builder.problems.append(Diagnostic(path, line, col, "PS100", message))
        return None, builder.problems
    except yaml.YAMLError as exc:
        builder.problems.append(Diagnostic(path, 1, 1, "PS100", str(exc).splitlines()[0]))
        return None, builder.problems
    if not isinstance(doc.data, dict):
        problems = [
            *builder.problems,
            Diagnostic(path, 1, 1, "PS107", "expected a mapping of keys at the top of the file"),
        ]
        return None, problems
    return doc, builder.problems
