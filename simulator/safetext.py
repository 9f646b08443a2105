"""Text someone wrote, made safe to show: it can never command the terminal.

Why one function for the whole program: a terminal obeys control characters wherever
they are printed. ESC starts sequences that retitle the window, move the cursor,
rewrite the screen or set the clipboard; the C1 controls (U+0080 to U+009F) are the
same commands in a single character on terminals that honour them; and the
bidirectional overrides, isolates and marks (U+202A to U+202E, U+2066 to U+2069,
U+200E, U+200F, U+061C) make text display in another order than it is stored, so a
trainer reads something other than what is there. Scenario, deck and rubric text,
trainee input and the records built from them reach the CLI and the app, so both
show them through :func:`visible` (the app's ``literal`` and ``clean`` are built on
it), and JSON output escapes the same characters with :func:`json_visible`.

No Rich, no Textual: this is core code, used by the command line too.
"""

from __future__ import annotations

import re

#: tab and newline are layout, not commands; every other C0 control, DEL, the C1
#: controls and the bidirectional formatting characters are shown, never obeyed
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


#: every ASCII byte :data:`UNSAFE` does not match: what is left of an ASCII text once
#: these are deleted is what must be escaped (exports write megabytes of JSON)
_SAFE_ASCII = bytes(c for c in range(0x80) if UNSAFE.match(chr(c)) is None)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every character that could command the terminal (or reorder what
    is shown) replaced by a visible stand-in; other text, tabs and newlines untouched."""
    return UNSAFE.sub(_shown, text)


def is_visible(text: str) -> bool:
    """True when ``text`` holds nothing :func:`visible` would replace."""
    return UNSAFE.search(text) is None


def json_visible(json_text: str) -> str:
    """JSON text with the same characters written as ``\\uXXXX`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but writes DEL, the C1
    controls and the bidirectional characters as they are. In JSON text they can only
    occur inside strings, where an escape means the same character: the data read back
    is unchanged, and a terminal showing the output obeys none of them.
    """
    if json_text.isascii() and not json_text.encode("ascii").translate(None, _SAFE_ASCII):
        return json_text  # nothing to escape: two passes in C, where the regex is slow
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
