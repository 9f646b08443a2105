"""Read one data file into its model, by its ``kind``, with positioned diagnostics."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from simulator.loading.diagnostics import Diagnostic
from simulator.loading.safeyaml import MAX_BYTES, Document, Reads, read_yaml, too_large
from simulator.loading.salvage import salvage
from simulator.loading.standins import Gap
from simulator.loading.validation import diagnostics_from
from simulator.model import Deck, Phrasebook, Plan, Rubric, Scenario, Vocabulary

#: schema problems reported for one file before checking stops (and the rest of the file
#: is not salvaged): past this many, a file is not a draft with typos
MAX_SCHEMA_ERRORS = 200

KINDS: dict[str, type[BaseModel]] = {
    "scenario": Scenario,
    "deck": Deck,
    "rubric": Rubric,
    "vocabulary": Vocabulary,
    "plan": Plan,
    "phrasebook": Phrasebook,
}


@dataclass
class Loaded:
    """A file that validated against its model, with the positions to report against."""

    model: Any
    doc: Document
    #: required values that were missing and stood in for (lenient loading only)
    gaps: tuple[Gap, ...] = ()

    @property
    def path(self) -> str:
        """The file's path as the trainer gave it."""
        return self.doc.path

    def at(self, *path: str | int, key: bool = False) -> tuple[int, int]:
        """Line and column of a value (or its key) inside this file."""
        return self.doc.position(tuple(path), key=key)


def load_text(path: str, raw: bytes, *, lenient: bool = False
              ) -> tuple[Loaded | None, list[Diagnostic]]:
    """Load bytes that came from ``path``; returns the model or the reasons it has none.

    ``lenient`` (``validate`` uses it) returns a model despite problems whenever one
    can still be made: past YAML surprises the reader could read through, and past
    schema errors in parts the model can do without (see :mod:`.salvage`), so the
    cross-checks still run and one run reports every problem.
    """
    doc, problems = read_yaml(path, raw)
    return load_read(path, doc, problems, lenient=lenient)


def load_read(path: str, doc: Document | None, problems: list[Diagnostic], *,
              lenient: bool = False) -> tuple[Loaded | None, list[Diagnostic]]:
    """:func:`load_text` on what :func:`~.safeyaml.read_yaml` made of the file already
    (``problems`` is extended)."""
    if doc is None:
        return None, problems
    kind = doc.data.get("kind")
    model_type = KINDS.get(kind) if isinstance(kind, str) else None
    if model_type is None:
        line, col = doc.position(("kind",))
        what = f"kind {kind!r} is unknown" if kind is not None else "missing key 'kind'"
        problems.append(Diagnostic(path, line, col, "PS108",
                                   f"{what}; expected one of: {', '.join(KINDS)}"))
        return None, problems
    try:
        model = model_type.model_validate(doc.data)
    except ValidationError as exc:
        if exc.error_count() > MAX_SCHEMA_ERRORS:  # a file built to be slow to report on
            return None, [*problems, *diagnostics_from(exc, doc, model_type, MAX_SCHEMA_ERRORS),
                          Diagnostic(path, 1, 1, "PS112", f"{exc.error_count():,} problems"
                                     f" in this file; the first {MAX_SCHEMA_ERRORS} are shown"
                                     " and checking stopped: fix these first")]
        problems = problems + diagnostics_from(exc, doc, model_type)
        kept = salvage(model_type, doc.data) if lenient else None
        return (Loaded(kept[0], doc, kept[1]) if kept is not None else None), problems
    if problems and not lenient:
        return None, problems
    return Loaded(model, doc), problems


def load_file(path: str | FsPath, *, lenient: bool = False, reads: Reads | None = None
              ) -> tuple[Loaded | None, list[Diagnostic]]:
    """Load a file from disk; unreadable files are diagnostics too, never tracebacks.

    The size is checked before reading, and no more than the limit (plus one byte,
    to notice a file that grows) is ever read. A file in ``reads`` (read already, to
    find its companions) is taken from there instead, and only once.
    """
    name = str(path)
    if reads is not None and name in reads:
        return load_read(name, *reads.pop(name), lenient=lenient)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                return None, [too_large(name, size)]
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return None, [cannot_read(name, "file", exc)]
    return load_text(name, raw, lenient=lenient)


def cannot_read(name: str, what: str, exc: OSError) -> Diagnostic:
    """The PS110 diagnostic for a file or folder that the system refused to open."""
    return Diagnostic(name, 0, 0, "PS110", f"cannot read the {what}: {exc.strerror or exc}")
