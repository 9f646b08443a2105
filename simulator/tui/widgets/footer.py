"""A Footer that shows its keys from the first frame and rebuilds only on a change.

Textual's Footer draws no keys until the first change to the bindings after it is
mounted, then rebuilds itself (every key widget removed and mounted again) for each
such change; opening a screen makes several (focus, focus again after the refresh, the
screen stack, the app's focus), and most change nothing on show. This one composes its
keys straight away, keeps at most one rebuild waiting, and skips a rebuild when the keys
shown, their labels and their state are what it already shows. The home screen's keys
now come with its first frame, not some 40 ms later (docs/benchmarks.md).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Footer

from simulator.tui.compat import footer_key_settled, footer_shows_keys_at_once


class KeysFooter(Footer):
    """The key bindings, drawn at once and rebuilt only when what they show changes."""

    _rebuild_waiting = False
    _shown: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        try:
            shown = self._keys()
        except (NoScreen, NoMatches):  # not on a screen yet: wait for the first change
            return
        if footer_shows_keys_at_once(self):  # else the first change draws them
            self._shown = shown
            self._fit(shown)
            yield from self._settled(super().compose())

    def bindings_changed(self, screen: Screen[object]) -> None:
        footer_shows_keys_at_once(self)
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_waiting:
            self._rebuild_waiting = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> tuple[Any, ...]:
        """Everything the footer draws: the shown keys, their labels and their state."""
        return tuple((key, binding, enabled, tooltip, self.app.get_key_display(binding))
                     for key, (_node, binding, enabled, tooltip)
                     in self.screen.active_bindings.items() if binding.show)

    async def _rebuild(self) -> None:
        self._rebuild_waiting = False  # a change from here on asks for another rebuild
        if not self.is_attached:  # its screen has closed meanwhile
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        self._fit(keys)
        await self.recompose()

    def _settled(self, widgets: ComposeResult) -> ComposeResult:
        """The keys, each given this footer's compact state before it mounts, so each
        is styled once rather than twice more by Textual's binding."""
        for widget in widgets:
            footer_key_settled(widget, self.compact)
            yield widget

    def _fit(self, keys: tuple[Any, ...]) -> None:
        """Close up the spacing only when the keys would not fit otherwise (the
        conversation's keys and "Talk" at 80 columns), so every key stays in view."""
        needed = sum(len(display) + len(binding.description) + 3
                     for _key, binding, _enabled, _tip, display in keys)
        needed += 12 if self.show_command_palette else 0
        compact = needed > self.app.size.width
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact", update=False)
