"""The files a scenario (or plan) needs that sit beside it: its deck, rubric and themes.

Why: a new trainer writes ``folder/scenario.yaml`` and ``folder/deck.yaml`` and runs
``peersim check folder/scenario.yaml``. Naming every file again on each command is
a workaround nobody guesses, so every command that is given a file looks in that
file's folder for the deck, rubric or scenario it names by id (and for a vocabulary
of the author's own themes) and says which files it used. Only files given by their
path are looked beside: a folder given is read whole already.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.loading.safeyaml import MAX_BYTES, Reads, read_yaml

_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Companion:
    """A file read because a given file names what it holds (or, for a vocabulary,
    because it sits beside one)."""

    path: str
    kind: str
    item_id: str
    beside: str

    def note(self) -> str:
        """What was used, in words, for the command's output and the app."""
        name = {"deck": "deck", "rubric": "rubric", "scenario": "scenario",
                "vocabulary": "themes"}.get(self.kind, self.kind)
        return f"using the {name} {self.item_id!r} in {self.path} (beside {self.beside})"


@dataclass(frozen=True)
class _Peek:
    path: Path
    kind: str
    item_id: str
    needs: tuple[tuple[str, str], ...]


def _needs(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The (kind, id) pairs a scenario or plan names: its rubric, decks and scenario."""
    out: list[tuple[str, str]] = []

    def add(kind: str, value: Any) -> None:
        if isinstance(value, str) and (kind, value) not in out:
            out.append((kind, value))

    if data.get("kind") == "scenario":
        add("rubric", data.get("rubric"))
        add("deck", data.get("deck"))
        tests = data.get("tests")
        for plan in tests if isinstance(tests, list) else []:
            if isinstance(plan, dict):
                add("deck", plan.get("deck"))
    elif data.get("kind") == "plan":
        add("scenario", data.get("scenario"))
        add("deck", data.get("deck"))
    return tuple(out)


def _peek(path: Path, reads: Reads | None) -> _Peek | None:
    """The kind, id and references of a data file, or None when it cannot tell them
    (loading the file properly reports why). What was read is kept in ``reads``."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    doc, problems = read_yaml(str(path), raw)
    if reads is not None and len(raw) <= MAX_BYTES:  # too large: the loader says so
        reads[str(path)] = (doc, problems)
    if doc is None:
        return None
    kind, item_id = doc.data.get("kind"), doc.data.get("id")
    if not isinstance(kind, str) or not isinstance(item_id, str):
        return None
    return _Peek(path, kind, item_id, _needs(doc.data))


def _yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in ``folder`` (not below it), sorted."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries
                           if e.name.endswith(_SUFFIXES) and e.is_file())
    except OSError:
        return []
    return [folder / name for name in names]


def _is(path: Path, kind: int) -> bool:
    """True when ``path`` is a plain file (``stat.S_IFREG``) or a folder (``S_IFDIR``);
    False when it is not, or cannot be looked at (loading says why)."""
    try:
        return stat.S_IFMT(path.stat().st_mode) == kind
    except OSError:
        return False


def _covered(path: Path, given: list[Path]) -> bool:
    """True when ``path`` is one of the given files or inside a given folder."""
    return any(path == g or (_is(g, stat.S_IFDIR) and path.is_relative_to(g)) for g in given)


def find_companions(paths: list[str | Path], reads: Reads | None = None) -> list[Companion]:
    """The files beside each given file that hold what it names and nothing given holds.

    Looks only in the folder of each file given by path, and follows what a companion
    names in turn (a plan's scenario, then that scenario's deck). Every file read on
    the way is kept in ``reads``, for the loader.
    """
    files = [Path(p) for p in paths if _is(Path(p), stat.S_IFREG)]
    if not files:
        return []
    given = [Path(p).resolve() for p in paths]
    held: set[tuple[str, str]] = set()
    todo: list[tuple[_Peek, str]] = []
    for path in files:
        peek = _peek(path, reads)
        if peek is not None:
            held.add((peek.kind, peek.item_id))
            todo.append((peek, str(path)))
    for folder in (g for g in given if _is(g, stat.S_IFDIR)):
        for path in _yaml_files(folder):  # the usual pack: decks and rubric at the top
            peek = _peek(path, reads)
            if peek is not None:
                held.add((peek.kind, peek.item_id))
    beside: dict[Path, list[_Peek]] = {}
    found: list[Companion] = []
    used: set[Path] = set()
    while todo:
        peek, shown = todo.pop(0)
        folder = Path(shown).parent
        key = folder.resolve()
        if key not in beside:
            candidates = [p for p in _yaml_files(folder) if not _covered(p.resolve(), given)]
            beside[key] = [_peek(p, reads) or _Peek(p, "", p.stem, ())
                           for p in candidates]
        for other in beside[key]:
            kind = _wanted(peek, other)
            if kind is None or other.path.resolve() in used or (kind, other.item_id) in held:
                continue
            used.add(other.path.resolve())
            held.add((kind, other.item_id))
            found.append(Companion(str(other.path), kind, other.item_id, shown))
            todo.append((other, str(other.path)))
    return found


def _wanted(peek: _Peek, other: _Peek) -> str | None:
    """The kind ``other`` is read as for ``peek``, or None when ``peek`` does not need it.

    A file beside that cannot be read well enough to tell its kind and id (a deck in the
    middle of an edit, with a YAML slip) is read when its name is the id that is needed,
    so its own problem is reported instead of only "unknown deck"."""
    if (other.kind, other.item_id) in peek.needs:
        return other.kind
    if other.kind == "vocabulary" and peek.kind in ("scenario", "deck"):
        return other.kind
    if not other.kind:
        return next((kind for kind, item_id in peek.needs if item_id == other.item_id), None)
    return None
