"""Show author and trainee text literally: never as markup, never as terminal escapes.

Scenario and deck text may contain ``[Enter]``, ``[/]`` or ``[@click=app.quit]``
(markup to Textual) and ANSI escape bytes (commands to the terminal). Everything a
person wrote goes through :func:`literal`, which returns a Rich ``Text`` (never
parsed as markup) with control characters replaced by visible symbols.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def clean(text: str) -> str:
    """``text`` with control characters (escape included) shown as symbols."""
    return _CONTROL.sub(_visible, text)


def literal(text: str, style: str = "") -> Text:
    """A Text that shows ``text`` exactly as written."""
    return Text(clean(text), style=style)


def labelled(label: str, text: str, label_style: str = "bold") -> Text:
    """``label`` (ours, styled) followed by ``text`` (theirs, literal)."""
    return Text.assemble((label, label_style), clean(text))
