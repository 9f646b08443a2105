"""Check boxes and tick lists whose state shows as a symbol, not only as a colour.

Textual draws the same glyph for on and off and tells them apart by colour, which
fails under NO_COLOR and for colour-blind trainees. These subclasses draw a mark
when on and a blank when off.
"""

from __future__ import annotations

from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from simulator.tui.compat import selection_box


def _marked(button: Checkbox | RadioButton, mark: str) -> None:
    """Draw ``mark`` in ``button`` while it is on, a blank while off (public API only)."""

    def show(value: bool) -> None:
        button.BUTTON_INNER = mark if value else " "
        button.refresh()

    button.watch(button, "value", show, init=True)


class TickBox(Checkbox):
    """A check box that shows X when ticked and a blank when not."""

    def on_mount(self) -> None:
        _marked(self, "X")


class TickRadio(RadioButton):
    """A radio button that shows a dot only when chosen."""

    def on_mount(self) -> None:
        _marked(self, "●")


class TickList(SelectionList[str]):
    """A selection list whose ticked items show X and unticked ones a blank."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        return selection_box(strip, "X" if selection.value in self.selected else " ")
