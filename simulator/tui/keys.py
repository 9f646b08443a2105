"""Key handling that several screens share.

A focused button or list claims Enter for itself with a binding the footer hides, which
left "enter" off the footer of every dialog. Screens bind Enter with priority instead
(so the footer shows it) and hand it on to whatever has focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.widgets import Button


def enter(screen: Screen[Any], default: Callable[[], None]) -> None:
    """Press the focused button, if a button has focus; otherwise do the default."""
    focused = screen.focused
    if isinstance(focused, Button):
        focused.press()
    else:
        default()
