"""The colour themes: Textual's dark and light, and a high-contrast one of our own.

High contrast is for low vision and bright rooms: pure white on black, a yellow focus
and cursor, no dimmed text. ``ctrl+t`` steps through the three, the command palette
offers them by name, and the choice is remembered between runs.
"""

from __future__ import annotations

from textual.theme import Theme

YELLOW, CYAN, WHITE, BLACK = "#FFFF00", "#00FFFF", "#FFFFFF", "#000000"

HIGH_CONTRAST = Theme(
    name="peersim-high-contrast", dark=True, text_alpha=1.0,
    # yellow marks what has the focus; the rest is white on black, never dimmed
    primary=YELLOW, secondary=CYAN, accent=CYAN, warning=YELLOW, error="#FF6060",
    success="#00FF00", foreground=WHITE, background=BLACK, surface=BLACK, panel=BLACK,
    boost="#1C1C1C",
    variables={
        "text-muted": WHITE,
        "block-cursor-foreground": BLACK,
        "block-cursor-background": YELLOW,
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": BLACK,
        "block-cursor-blurred-background": "#BFBF00",
        "footer-key-foreground": YELLOW,
        "footer-description-foreground": WHITE,
        "input-selection-background": f"{YELLOW} 40%",
        "border": YELLOW,
        "border-blurred": WHITE,
    },
)

CYCLE = ("textual-dark", "textual-light", HIGH_CONTRAST.name)


def next_theme(current: str) -> str:
    """The theme ``ctrl+t`` moves to from ``current``."""
    return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)] if current in CYCLE else CYCLE[0]
