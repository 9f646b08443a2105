"""docs/errors.md, the CODES table and the codes the source can emit are the same set."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.loading.diagnostics import CODES

ROOT = Path(__file__).parent.parent
ERRORS = ROOT / "docs" / "errors.md"
CODE = re.compile(r"\bPS\d{3}\b")


def _documented() -> list[str]:
    return re.findall(r"^### (PS\d{3})$", ERRORS.read_text(encoding="utf-8"), flags=re.M)


def _emitted() -> set[str]:
    """Every code written in the source, outside the CODES table itself."""
    found: set[str] = set()
    for path in (ROOT / "simulator").rglob("*.py"):
        if path.name != "diagnostics.py":
            found.update(CODE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_documented_code_is_known_once_and_in_order() -> None:
    documented = _documented()
    assert documented == sorted(set(documented))
    assert documented == list(CODES)


def test_every_code_the_source_emits_is_documented() -> None:
    assert sorted(_emitted() - set(CODES)) == []


def test_every_documented_code_can_be_emitted() -> None:
    assert sorted(set(CODES) - _emitted()) == []


def test_docs_mention_no_unknown_code() -> None:
    for page in (ROOT / "docs").glob("*.md"):
        unknown = set(CODE.findall(page.read_text(encoding="utf-8"))) - set(CODES)
        assert not unknown, f"{page.name} mentions {sorted(unknown)}"
