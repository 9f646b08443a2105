"""Check boxes and tick lists whose state shows as a symbol, not only as a colour.

Textual draws the same glyph for on and off and tells them apart by colour, which
fails under NO_COLOR and for colour-blind trainees. These subclasses draw a mark
when on and a blank when off.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist


class TickBox(Checkbox):
    """A check box that shows X when ticked and a blank when not."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        button: Content = super()._button
        return button


class TickRadio(RadioButton):
    """A radio button that shows a dot only when chosen."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "●" if self.value else " "
        button: Content = super()._button
        return button


class TickList(SelectionList[str]):
    """A selection list whose ticked items show X and unticked ones a blank."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        mark = "X" if selection.value in self._selected else " "
        segments[1] = Segment(mark, segments[1].style, segments[1].control)
        return Strip(segments, strip.cell_length)
