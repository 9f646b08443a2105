"""The stylesheet scopes every rule to a screen or widget: ids repeat across screens
(#text, #sessions, #said), so a bare id styles every screen that happens to use it."""

from __future__ import annotations

import re
from pathlib import Path

import simulator.tui

SHEETS = [Path(simulator.tui.__file__).parent / name for name in ("peersim.tcss",
                                                                  "screens.tcss")]


def _selectors(css: str) -> list[str]:
    """Every selector of every rule (comma-separated groups split), comments removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    heads = re.findall(r"([^{}]+)\{", css)
    return [part.strip() for head in heads for part in head.split(",")]


def _bare(selectors: list[str]) -> list[str]:
    """The selectors that do not start with a screen's or widget's type."""
    return [s for s in selectors if not re.match(r"[A-Z][A-Za-z]*\b", s)]


def test_every_rule_names_its_screen_or_widget() -> None:
    selectors = [s for sheet in SHEETS for s in _selectors(sheet.read_text(encoding="utf-8"))]
    assert len(selectors) > 40  # the parse found the rules
    assert _bare(selectors) == []


def test_the_check_catches_a_bare_id_or_class() -> None:
    found = _selectors("/* #x { } */ #text { height: 6; }\nHome .b, .c, C #d { }")
    assert found == ["#text", "Home .b", ".c", "C #d"]
    assert _bare(found) == ["#text", ".c"]
