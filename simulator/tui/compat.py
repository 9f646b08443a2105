"""Every reliance on Textual's internals, in one place, each with a fallback.

Textual's public API does not cover three things peersim needs: drawing the footer's
keys with the first frame, reading which keys a footer shows, and the glyph a
selection list draws as an item's tick box. Keeping them here (and nowhere else)
means a Textual release that changes them breaks one module, whose own tests
(tests/tui/test_compat.py) say what changed, and never a screen: each helper degrades
to Textual's stock behaviour instead of failing.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.dom import DOMNode
from textual.strip import Strip
from textual.widgets import Checkbox, Footer

#: the type name of the widgets a Footer draws one key with (``FooterKey``)
FOOTER_KEY_TYPE = "FooterKey"


def footer_shows_keys_at_once(footer: Footer) -> bool:
    """Tell ``footer`` its bindings are ready, so it composes its keys now.

    A stock Footer composes nothing until the bindings first change after it is
    mounted (a private ``_bindings_ready`` flag). Returns False, and changes nothing,
    when this Textual has no such flag: the footer then draws its keys a moment later,
    as the stock one does.
    """
    flag = getattr(Footer, "_bindings_ready", None)
    if flag is None:
        return False
    footer.set_reactive(flag, True)
    return True


def footer_key_labels(node: DOMNode) -> list[str]:
    """The descriptions of the keys drawn by the footers under ``node``, in order."""
    return [str(getattr(key, "description", "")) for key in node.query(FOOTER_KEY_TYPE)]


def selection_box(strip: Strip, mark: str) -> Strip:
    """A SelectionList line with its tick box's glyph replaced by ``mark``.

    The list draws each item as left edge, glyph, right edge, a space, then the
    prompt; the glyph is the check box's. A line of any other shape is returned as
    it is, so a change in Textual shows the stock box rather than a wrong one.
    """
    segments = list(strip)
    if len(segments) < 3 or segments[1].text != Checkbox.BUTTON_INNER:
        return strip
    glyph = segments[1]
    segments[1] = Segment(mark, glyph.style, glyph.control)
    return Strip(segments, strip.cell_length)
