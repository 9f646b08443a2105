"""A small index of the shipped library, so the app's home screen can open at once.

Why: validating the library needs pydantic and the models, which cost more at start-up
than the whole of Textual. The home screen only needs titles, summaries and notes, so
the app reads this index (JSON, no validation) and loads the full library in the
background. The index is rebuilt whenever a content file's size or mtime changes, and
only ever from a library that validated.

A fresh install has no index yet, and building one would put the whole library's
validation before the first frame (2.4x a minimal Textual app). So the package ships the
shipped library's cards (``shipped-index.json``, written by ``python -m
simulator.library_index`` and kept current by ``tests/tui/test_shipped_index.py``), keyed
by a checksum of each content file rather than its mtime (an install sets its own);
the app opens from them when no pack is in use and the files are the ones they were made
from, and validates the library in the background as on any later start.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.paths import (
    data_dir,
    library_folders,
    pack_folders,
    private_dir,
    shipped_folders,
    write_private,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from simulator.loading.library import Library
    from simulator.model import Scenario

FORMAT = 3  # 2: cards say whether the scenario can be started; 3: and its setting
SHIPPED = Path(__file__).with_name("shipped-index.json")


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


def checksums(folders: list[Path]) -> str:
    """The content files under ``folders`` with a checksum of each (line endings
    ignored, so a checkout that writes CRLF still matches), as one string: what the
    shipped cards were made from, whatever mtimes an install gave the files."""
    parts = [str(FORMAT)]
    for folder in folders:
        for path in sorted(folder.rglob("*.y*ml")):
            body = path.read_bytes().replace(b"\r\n", b"\n")
            parts.append(f"{path.relative_to(folder.parent).as_posix()}:{zlib.crc32(body):08x}")
    return "|".join(parts)


def _cards(path: Path, expected: Callable[[], str]) -> list[ScenarioCard] | None:
    """The cards in the index file ``path`` when its key is ``expected()``, else None."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if data.get("fingerprint") != expected():
            return None
        return [ScenarioCard(**{**c, "content_notes": tuple(c["content_notes"])})
                for c in data["scenarios"]]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None


def read_index() -> list[ScenarioCard] | None:
    """The cached cards, or None when missing, damaged or out of date."""
    return _cards(_path(), fingerprint)


def shipped_cards() -> list[ScenarioCard] | None:
    """The cards shipped with the package, when they hold: no pack in use, and every
    shipped content file the one they were made from. None otherwise."""
    if pack_folders():
        return None
    return _cards(SHIPPED, lambda: checksums(shipped_folders()))


def shipped_index(library: Library, blocked: Mapping[str, Scenario] | None = None) -> str:
    """The text of ``shipped-index.json`` for the shipped ``library``."""
    cards = [asdict(c) for c in cards_of(library, blocked)]
    return json.dumps({"fingerprint": checksums(shipped_folders()), "scenarios": cards},
                      indent=1, ensure_ascii=False) + "\n"


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


def main() -> None:
    """Write ``shipped-index.json`` from the shipped library (run after editing it)."""
    from simulator.loading.playable import load_playable

    playable = load_playable(shipped_folders())
    SHIPPED.write_text(shipped_index(playable.library, playable.left_out_scenarios),
                       encoding="utf-8")


if __name__ == "__main__":
    main()
