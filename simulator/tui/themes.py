"""The colour themes: Textual's dark and light, and a high-contrast one of our own.

High contrast is for low vision and bright rooms: pure white on black, a yellow focus
and cursor, no dimmed text. ``ctrl+t`` steps through the three, the command palette
offers them by name, and the choice is remembered between runs.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="peersim-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#00FFFF",
    warning="#FFFF00",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#1C1C1C",
    dark=True,
    text_alpha=1.0,
    variables={
        "text-muted": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#BFBF00",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFFF00 40%",
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
    },
)

CYCLE = ("textual-dark", "textual-light", HIGH_CONTRAST.name)


def next_theme(current: str) -> str:
    """The theme ``ctrl+t`` moves to from ``current``."""
    return CYCLE[(CYCLE.index(current) + 1) % len(CYCLE)] if current in CYCLE else CYCLE[0]
