"""Content whose every text field holds terminal commands, bidi controls and markup.

Used by the tests that check nothing an author or trainee wrote reaches the terminal
as a command (CLI and app alike). Each free-text value of shipped files gets
:data:`PAYLOAD` appended; ids and enumerated words (anything matching the id grammar)
stay as they are, so the files still validate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from simulator.model.common import ID_RE
from simulator.paths import content_root
from simulator.safetext import UNSAFE

#: an OSC title change (BEL and ST ended), clear screen, the same in C1 form, every
#: kind of bidi control, DEL, a carriage return, and Rich/Textual markup with an action
PAYLOAD = (" \x1b]0;PWNED\x07\x1b]2;PWNED\x1b\\\x1b[2J\x9b2J\x9d0;PWNED\x9c\x85"
           "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
           "\x7f\r [b]b[/b] [@click=app.quit]q[/]")
FILES = ("scenarios/loud-again.yaml", "decks/robin.yaml", "rubrics/core.yaml",
         "rubrics/themes.yaml")


def nastify(value: Any) -> Any:
    """``value`` with PAYLOAD after every free-text string in it."""
    if isinstance(value, dict):
        return {k: nastify(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nastify(v) for v in value]
    if isinstance(value, str) and not ID_RE.match(value):
        return value.rstrip() + PAYLOAD
    return value


def write_nasty(folder: Path) -> list[Path]:
    """Nasty copies of a scenario (loud-again) and everything it uses, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in FILES:
        data = yaml.safe_load((content_root() / name).read_text(encoding="utf-8"))
        path = folder / Path(name).name
        path.write_text(yaml.safe_dump(nastify(data), allow_unicode=True, sort_keys=False,
                                       width=1_000_000), encoding="utf-8")
        out.append(path)
    return out


def unsafe_in(text: str) -> list[str]:
    """The characters in ``text`` that would command a terminal (empty when safe)."""
    return [f"U+{ord(c):04X}" for c in UNSAFE.findall(text)]
