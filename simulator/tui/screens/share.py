"""Select and share: which fragments of your story (if any), and how to share them.

How a share is put (its framing) is the trainee's choice and is scored for radical
acceptance; nothing is chosen for them: with no framing picked, the piece is shared
plainly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from simulator.model import Fragment
from simulator.model.plan import Detail, Framing, ShareStep
from simulator.tui.describe import fragment_line
from simulator.tui.screens.typed import TypedField, TypedTurns
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import KeysFooter
from simulator.tui.widgets.ticks import TickBox, TickList, TickRadio
from simulator.wording import FRAMING_WORDS, join


class ShareScreen(ModalScreen[ShareStep | None]):
    """Returns the share (no fragments means holding back), or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "share", "Share"),
        Binding("ctrl+n", "hold_back", "Hold back"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, prompt: str, fragments: list[Fragment],
                 label: Callable[[str], str], said: Text | None = None, *,
                 rejects: Sequence[str] = (), person: str = "",
                 typed: TypedTurns | None = None) -> None:
        super().__init__()
        self.typed = typed  # putting it in your own words, when the library can read them
        self.said = said  # what the person just said, kept in view while choosing
        self.prompt = prompt or "Which part of your story pertains here, if any?"
        self.fragments = fragments
        self.label = label
        self.rejects = [label(word) for word in rejects]
        self.person = person or "They"

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            if self.said:
                yield Static(self.said, id="said")
            yield Static(literal(self.prompt, "bold"))
            if self.rejects:
                words = join([f"'{w}'" for w in self.rejects])
                yield Static(literal(f"{self.person} rejects these words for themselves:"
                                     f" {words}."), id="rejects")
            yield TickList(*[Selection(fragment_line(f, self.label), f.id)
                                       for f in self.fragments], id="fragments")
            yield Static(id="preview")
            yield TickBox("Ask permission first", id="permission")
            yield TickBox("Go into detail", id="detailed")
            yield TickBox("Hand the focus back with a question", id="hand-back")
            yield Static("How I put it (optional):", markup=False, id="framing-label")
            with RadioSet(id="framing"):
                for framing in Framing:
                    yield TickRadio(FRAMING_WORDS[framing.value], id=f"framing-{framing.value}")
            if self.typed is not None:
                yield TypedField("How I would put it, in my own words"
                                 + (":" if self.typed.required else " (or tick above):"),
                                 "would it help if I told you...", "share", self.typed)
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
        if self.typed is not None and self.typed.required:
            for how in ("#permission", "#detailed", "#hand-back", "#framing", "#framing-label"):
                self.query_one(how).display = False  # the words say how it is put

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the words box: as ctrl+s."""
        event.stop()
        self.action_share()

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
        if self.typed is not None and picked and self._typed_share(picked):
            return
        pressed = self.query_one("#framing", RadioSet).pressed_index
        framing = list(Framing)[pressed] if pressed >= 0 else Framing.plain
        self.dismiss(ShareStep(
            framing=framing,
            fragments=picked,
            permission=self.query_one("#permission", Checkbox).value,
            detail=Detail.detailed if self.query_one("#detailed", Checkbox).value
            else Detail.brief,
            hand_back=self.query_one("#hand-back", Checkbox).value,
        ))

    def _typed_share(self, picked: list[str]) -> bool:
        """Share in the words typed (once read back); False when there are none and
        ticking is allowed."""
        from simulator.engine.typed import typed_share

        assert self.typed is not None
        field = self.query_one(TypedField)
        if not field.text:
            if not self.typed.required:
                return False
            self.notify("Say how you would put it in your own words first (or hold back).",
                        markup=False)
            self.query_one("#typed", Input).focus()
            return True
        result = field.take()
        if result is not None:
            self.dismiss(typed_share(field.text, result, picked))
        return True

    def action_hold_back(self) -> None:
        """Share nothing yet."""
        self.dismiss(ShareStep())

    def action_cancel(self) -> None:
        """Back without choosing."""
        self.dismiss(None)
