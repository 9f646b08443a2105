"""One base for the modal dialogs: the box, the title, the button row, the keys.

Why: some fifteen dialogs each wrote the same scaffolding (a box, a title, a row of
buttons, the footer), the same keys (escape to cancel, enter to press the focused button,
ctrl+s to save) and the same wiring from each button to what it does. A dialog now
declares only what differs: the words on its keys, its buttons, its body, the field that
takes the focus, and what :meth:`Dialog.confirm` and :meth:`Dialog.cancel` hand back.

Enter is bound with priority (so the footer shows it) and presses whatever button has
the focus, else confirms: a focused button or list would otherwise claim Enter with a
binding the footer hides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Static
from textual.widgets.button import ButtonVariant

from simulator.tui.widgets.footer import KeysFooter

ResultT = TypeVar("ResultT")


@dataclass(frozen=True)
class DialogButton:
    """A button of the row: its words, the action it runs (``confirm``, ``cancel`` or
    one of the dialog's own ``action_*`` methods, named without the prefix) and its id."""

    label: str
    action: str
    id: str
    variant: ButtonVariant = "default"


def confirm_or_cancel(label: str, id: str) -> tuple[DialogButton, DialogButton]:  # noqa: A002
    """The usual row: a primary button that confirms (``label``, ``id``), then Cancel."""
    return (DialogButton(label, "confirm", id, "primary"),
            DialogButton("Cancel", "cancel", "cancel"))


class Dialog(ModalScreen[ResultT]):
    """A modal dialog. Subclasses set the class attributes below and write :meth:`body`;
    :meth:`confirm` is what enter (or ctrl+s) does, :meth:`cancel` what escape does."""

    #: the key that confirms: "enter" presses the focused button, else confirms;
    #: "ctrl+s" confirms whatever has the focus (a form); None: no key confirms
    CONFIRM_KEY: ClassVar[str | None] = "enter"
    CONFIRM_LABEL: ClassVar[str] = "Continue"
    CONFIRM_SHOWN: ClassVar[bool] = True
    CANCEL_LABEL: ClassVar[str] = "Cancel"  # escape's words in the footer
    CANCEL_SHOWN: ClassVar[bool] = True
    #: the dialog's own keys, shown in the footer between the confirm key and escape
    KEYS: ClassVar[Sequence[BindingType]] = ()
    BUTTONS: ClassVar[Sequence[DialogButton]] = ()
    HEADING: ClassVar[str] = ""  # the title line; :meth:`heading` may choose per dialog
    FOCUS: ClassVar[str | None] = None  # what takes the focus when it opens (a selector)
    SCROLLS: ClassVar[bool] = True  # the box scrolls (a long form, a reason at 80x24)
    BOX_ID: ClassVar[str | None] = None
    #: enter in a one-line field confirms (as ctrl+s does)
    FIELD_ENTER_CONFIRMS: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Every key of a dialog is in its own list, in the footer's order, built before
        # Textual merges the bindings; inheriting would keep a parent dialog's escape
        # ahead of a child's own keys. A screen's own keys (tab) are kept.
        cls.BINDINGS = [*Screen.BINDINGS, *cls._dialog_keys()]
        super().__init_subclass__(**{"inherit_bindings": False, **kwargs})

    @classmethod
    def _dialog_keys(cls) -> list[BindingType]:
        keys: list[BindingType] = []
        if cls.CONFIRM_KEY == "enter":
            keys.append(Binding("enter", "enter", cls.CONFIRM_LABEL, show=cls.CONFIRM_SHOWN,
                                priority=True))
        elif cls.CONFIRM_KEY is not None:
            keys.append(Binding(cls.CONFIRM_KEY, "confirm", cls.CONFIRM_LABEL,
                                show=cls.CONFIRM_SHOWN))
        keys.extend(cls.KEYS)
        keys.append(Binding("escape", "cancel", cls.CANCEL_LABEL, show=cls.CANCEL_SHOWN))
        return keys

    def heading(self) -> str:
        """The title line (none when empty)."""
        return self.HEADING

    def buttons(self) -> Sequence[DialogButton]:
        """The button row (none when empty)."""
        return self.BUTTONS

    def body(self) -> ComposeResult:
        """What the dialog says and asks, between its title and its buttons."""
        yield from ()

    def compose(self) -> ComposeResult:
        box = VerticalScroll if self.SCROLLS else Vertical
        with box(id=self.BOX_ID, classes="dialog"):
            if title := self.heading():
                yield Static(title, markup=False, classes="dialog-title")
            yield from self.body()
            if buttons := self.buttons():
                with Horizontal(classes="buttons"):
                    for button in buttons:
                        yield Button(button.label, id=button.id, variant=button.variant)
        yield KeysFooter()

    def on_mount(self) -> None:
        """Focus ``FOCUS``. (Textual calls this after a dialog's own ``on_mount``.)"""
        if self.FOCUS is not None:  # when it is there (an empty list is not shown)
            for widget in self.query(self.FOCUS).results():
                widget.focus()
                break

    def _on_button_pressed(self, event: Button.Pressed) -> None:
        """A button runs its action."""
        event.stop()
        action = next((b.action for b in self.buttons() if b.id == event.button.id), None)
        if action is not None:
            getattr(self, f"action_{action}")()

    def _on_input_submitted(self, event: Input.Submitted) -> None:
        if self.FIELD_ENTER_CONFIRMS:
            event.stop()
            self.confirm()

    def action_enter(self) -> None:
        """Enter presses the focused button, if a button has the focus; else confirms."""
        focused = self.focused
        if isinstance(focused, Button):
            focused.press()
        else:
            self.confirm()

    def action_confirm(self) -> None:
        """The confirm key, or a button that confirms."""
        self.confirm()

    def action_cancel(self) -> None:
        """Escape, or a button that cancels."""
        self.cancel()

    def confirm(self) -> None:
        """The dialog's answer to enter or ctrl+s; a dialog with nothing to answer closes."""
        self.cancel()

    def cancel(self) -> None:
        """Close, handing back nothing."""
        self.dismiss()
