"""A small index of the shipped library, so the app's home screen can open at once.

Why: validating the library needs pydantic and the models, which cost more at start-up
than the whole of Textual. The home screen only needs titles, summaries and notes, so
the app reads this index (JSON, no validation) and loads the full library in the
background. The index is rebuilt whenever a content file's size or mtime changes, and
only ever from a library that validated.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.paths import data_dir, library_folders, private_dir, write_private

if TYPE_CHECKING:
    from collections.abc import Mapping

    from simulator.loading.library import Library
    from simulator.model import Scenario

FORMAT = 3  # 2: cards say whether the scenario can be started; 3: and its setting


@dataclass(frozen=True)
class ScenarioCard:
    """What the home screen shows of a scenario."""

    id: str
    title: str
    summary: str
    difficulty: str
    content_notes: tuple[str, ...]
    has_risk: bool
    person: str
    trains: str
    #: False when the scenario has problems and cannot be started until they are fixed
    startable: bool = True
    setting: str = ""  # the country and service, or neutral wording


def fingerprint() -> str:
    """The library's content files (shipped and any pack) with their sizes and
    modification times, as one string.

    Plain text rather than a hash: hashlib would load OpenSSL, which costs more at
    start-up than the comparison it would save.
    """
    parts = [str(FORMAT)]
    for folder in library_folders():
        parts.append(str(folder))
        for path in sorted(folder.rglob("*.y*ml")):
            stat = path.stat()
            parts.append(f"{path.relative_to(folder.parent)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def cards_of(library: Library, blocked: Mapping[str, Scenario] | None = None
             ) -> list[ScenarioCard]:
    """Cards for every scenario in a loaded library, and for each ``blocked`` one (a
    scenario kept out of the library because of its problems)."""
    scenarios = [(library.scenario(i), True) for i in library.scenarios]
    scenarios += [(s, False) for i, s in (blocked or {}).items() if i not in library.scenarios]
    out = []
    for s, startable in scenarios:
        person = ", ".join(p for p in (s.persona.name, s.persona.age) if p)
        out.append(ScenarioCard(s.id, s.title, s.summary, s.difficulty,
                                tuple(s.content_notes), s.has_risk(), person, s.trains,
                                startable, " ".join(s.setting.split())))
    return out


def _path() -> Path:
    return data_dir() / "cache" / "library-index.json"


def read_index() -> list[ScenarioCard] | None:
    """The cached cards, or None when missing, damaged or out of date."""
    try:
        data: dict[str, Any] = json.loads(_path().read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint():
            return None
        return [ScenarioCard(**{**c, "content_notes": tuple(c["content_notes"])})
                for c in data["scenarios"]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def write_index(library: Library, blocked: Mapping[str, Scenario] | None = None) -> None:
    """Cache the cards of a checked library (best effort: a failure only costs speed)."""
    path = _path()
    try:
        private_dir(path.parent)  # 0700 and the file 0600, whatever the umask
        cards = [asdict(c) for c in cards_of(library, blocked)]
        write_private(path, json.dumps({"fingerprint": fingerprint(), "scenarios": cards}),
                      sync=False)
    except OSError:
        return
