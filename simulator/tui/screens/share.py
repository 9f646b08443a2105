"""Select and share: which fragments of your story (if any), and how to share them.

At 80x24 the pieces (titles only, whole) sit beside the highlighted piece's words and
tags, so the list and the words are read together; the ticks and the framings below
are one line each, so every framing shows whole.

How a share is put (its framing) is the trainee's choice and is scored for radical
acceptance; nothing is chosen for them: with no framing picked, the piece is shared
plainly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from simulator.model import Fragment
from simulator.model.plan import Detail, Framing, ShareStep
from simulator.tui.describe import fragment_tags
from simulator.tui.screens.dialog import Dialog, DialogButton
from simulator.tui.screens.typed import TypedField, TypedTurns
from simulator.tui.text import clean, literal
from simulator.tui.widgets.ticks import TickBox, TickList, TickRadio
from simulator.wording import FRAMING_WORDS, join


def _title(fragment: Fragment) -> Text:
    """A piece as the list shows it: its title, and whether it is private."""
    return Text.assemble(clean(fragment.title), " · PRIVATE" if fragment.private else "")


class ShareScreen(Dialog[ShareStep | None]):
    """Returns the share (no fragments means holding back), or None when cancelled."""

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Share"
    KEYS = (Binding("ctrl+n", "hold_back", "Hold back"),)
    BUTTONS = (DialogButton("Share (ctrl+s)", "confirm", "share", "primary"),
               DialogButton("Hold back for now (ctrl+n)", "hold_back", "hold"),
               DialogButton("Cancel", "cancel", "cancel"))
    BOX_ID = "share-box"
    FIELD_ENTER_CONFIRMS = True  # enter in the words box: as ctrl+s

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

    def body(self) -> ComposeResult:
        if self.said:
            yield Static(self.said, id="said")
        yield Static(literal(self.prompt, "bold"))
        if self.rejects:
            words = join([f"'{w}'" for w in self.rejects])
            yield Static(literal(f"{self.person} rejects these words for themselves:"
                                 f" {words}."), id="rejects")
        with Horizontal(id="share-pick"):
            yield TickList(*[Selection(_title(f), f.id) for f in self.fragments],
                           id="fragments")
            with Vertical(id="preview-box"):
                yield Static(id="preview")
        with Vertical(id="share-how"):
            yield TickBox("Ask permission first", id="permission")
            yield TickBox("Go into detail", id="detailed")
            yield TickBox("Hand the focus back with a question", id="hand-back")
            yield Static("How I put it (optional):", markup=False, id="framing-label")
            with RadioSet(id="framing"):
                for framing in Framing:
                    yield TickRadio(FRAMING_WORDS[framing.value],
                                    id=f"framing-{framing.value}")
        if self.typed is not None:
            yield TypedField("How I would put it, in my own words"
                             + (":" if self.typed.required else " (or tick above):"),
                             "would it help if I told you...", "share", self.typed)

    def on_mount(self) -> None:
        fragments = self.query_one("#fragments", SelectionList)
        # wide enough for the longest title (box, tick and scroll bar beside it), leaving
        # the words beside it room to be read at 80 columns
        longest = max((_title(f).cell_len for f in self.fragments), default=20)
        fragments.styles.width = min(longest + 10, 54)
        fragments.focus()
        fragments.highlighted = 0 if fragments.option_count else None
        if self.fragments:
            self.preview(self.fragments[0])
        else:
            self.query_one("#preview", Static).update("No deck is loaded: you can hold back.")
        if self.typed is not None and self.typed.required:
            for how in ("#permission", "#detailed", "#hand-back", "#framing", "#framing-label"):
                self.query_one(how).display = False  # the words say how it is put

    def preview(self, fragment: Fragment) -> None:
        """Show the highlighted fragment's words, then its tags."""
        self.query_one("#preview", Static).update(Text.assemble(
            ("In your words: ", "italic"), clean(fragment.text.strip()), "\n\n",
            (fragment_tags(fragment, self.label), "dim")))

    def on_selection_list_selection_highlighted(
        self, event: SelectionList.SelectionHighlighted[str]
    ) -> None:
        """Follow the highlight."""
        chosen = next((f for f in self.fragments if f.id == event.selection.value), None)
        if chosen is not None:
            self.preview(chosen)

    def confirm(self) -> None:
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
