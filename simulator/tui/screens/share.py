"""Select and share: which fragments of your story (if any), and how to share them."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, SelectionList, Static
from textual.widgets.selection_list import Selection

from simulator.model import Fragment
from simulator.model.plan import Detail, ShareStep
from simulator.tui.describe import fragment_line
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import KeysFooter
from simulator.tui.widgets.ticks import TickBox, TickList


class ShareScreen(ModalScreen[ShareStep | None]):
    """Returns the share (no fragments means holding back), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "share", "Share"),
        Binding("ctrl+n", "hold_back", "Hold back"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, prompt: str, fragments: list[Fragment],
                 label: Callable[[str], str], said: Text | None = None) -> None:
        super().__init__()
        self.said = said  # what the person just said, kept in view while choosing
        self.prompt = prompt or "Which part of your story pertains here, if any?"
        self.fragments = fragments
        self.label = label

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            if self.said:
                yield Static(self.said, id="said")
            yield Static(literal(self.prompt, "bold"))
            yield TickList(*[Selection(fragment_line(f, self.label), f.id)
                                       for f in self.fragments], id="fragments")
            yield Static(id="preview")
            yield TickBox("Ask permission first", id="permission")
            yield TickBox("Go into detail", id="detailed")
            yield TickBox("Hand the focus back with a question", id="hand-back")
            with Horizontal(classes="buttons"):
                yield Button("Share (ctrl+s)", id="share", variant="primary")
                yield Button("Hold back for now (ctrl+n)", id="hold")
                yield Button("Cancel", id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        fragments = self.query_one("#fragments", SelectionList)
        fragments.focus()
        fragments.highlighted = 0 if fragments.option_count else None
        if self.fragments:
            self.preview(self.fragments[0])
        else:
            self.query_one("#preview", Static).update("No deck is loaded: you can hold back.")

    def preview(self, fragment: Fragment) -> None:
        """Show the highlighted fragment's words."""
        self.query_one("#preview", Static).update(
            Text.assemble(("In your words: ", "italic"), clean(fragment.text.strip())))

    def on_selection_list_selection_highlighted(
        self, event: SelectionList.SelectionHighlighted[str]
    ) -> None:
        """Follow the highlight."""
        chosen = next((f for f in self.fragments if f.id == event.selection.value), None)
        if chosen is not None:
            self.preview(chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The three buttons."""
        {"share": self.action_share, "hold": self.action_hold_back}.get(
            event.button.id or "", self.action_cancel)()

    def action_share(self) -> None:
        """Share what is ticked (nothing ticked means holding back)."""
        picked = list(self.query_one("#fragments", SelectionList).selected)
        self.dismiss(ShareStep(
            fragments=picked,
            permission=self.query_one("#permission", Checkbox).value,
            detail=Detail.detailed if self.query_one("#detailed", Checkbox).value
            else Detail.brief,
            hand_back=self.query_one("#hand-back", Checkbox).value,
        ))

    def action_hold_back(self) -> None:
        """Share nothing yet."""
        self.dismiss(ShareStep())

    def action_cancel(self) -> None:
        """Back without choosing."""
        self.dismiss(None)
