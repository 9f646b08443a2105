"""The Dialog base: its keys (in the footer's order), its buttons, the focus, the result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Button, Input

from simulator.tui.compat import footer_key_labels
from simulator.tui.screens.dialog import Dialog, DialogButton, confirm_or_cancel


class Ask(Dialog[str | None]):
    """Enter presses the focused button, else answers "default"."""

    HEADING = "A question"
    BUTTONS = (DialogButton("Yes", "yes", "yes", "primary"),
               DialogButton("No", "cancel", "no"))
    FOCUS = "#no"

    def action_yes(self) -> None:
        """The yes button."""
        self.dismiss("yes")

    def confirm(self) -> None:
        self.dismiss("default")


class Form(Dialog[str | None]):
    """ctrl+s saves the field; enter in the field does too; f2 is a key of its own
    (a printable key would go into the field, which has the focus)."""

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Save"
    KEYS: ClassVar[Sequence[BindingType]] = (Binding("f2", "extra", "Extra"),)
    BUTTONS = confirm_or_cancel("Save (ctrl+s)", "save")
    FOCUS = "#field"
    FIELD_ENTER_CONFIRMS = True

    def body(self) -> ComposeResult:
        yield Input(id="field")

    def action_extra(self) -> None:
        """A key of the dialog's own."""
        self.dismiss("extra")

    def confirm(self) -> None:
        self.dismiss(self.query_one("#field", Input).value)


class LongerForm(Form):
    """A dialog built on another: its keys still read confirm, its own, then escape."""

    KEYS = (Binding("f2", "extra", "Extra"), Binding("f3", "why", "Why"))

    def action_why(self) -> None:
        """Another key of its own."""
        self.dismiss("why")


class Host(App[None]):
    """Opens one dialog and keeps what it hands back."""

    def __init__(self, dialog: Dialog[str | None]) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def _answer(dialog: Dialog[str | None], *keys: str,
                  focus: str | None = None) -> list[str | None]:
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if focus is not None:
            dialog.query_one(focus).focus()
            await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
    return app.results


async def test_enter_presses_the_focused_button_the_safe_one_first() -> None:
    assert await _answer(Ask(), "enter") == [None]  # "No" has the focus: cancel
    assert await _answer(Ask(), "enter", focus="#yes") == ["yes"]


async def test_escape_cancels_and_a_click_runs_the_buttons_action() -> None:
    assert await _answer(Ask(), "escape") == [None]
    app = Host(Ask())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
    assert app.results == ["yes"]


async def test_a_forms_keys_and_enter_in_its_field_confirm() -> None:
    assert await _answer(Form(), "h", "i", "ctrl+s") == ["hi"]
    assert await _answer(Form(), "o", "k", "enter") == ["ok"]  # the field has the focus
    assert await _answer(Form(), "f2") == ["extra"]


async def test_the_title_focus_and_footer_come_from_the_declaration() -> None:
    for dialog, keys in ((Ask(), ["Continue", "Cancel"]),
                         (Form(), ["Save", "Extra", "Cancel"]),
                         (LongerForm(), ["Save", "Extra", "Why", "Cancel"])):
        app = Host(dialog)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert footer_key_labels(dialog) == keys
            assert dialog.focused is not None and dialog.focused.id == dialog.FOCUS.lstrip("#")
            shown: Sequence[Button] = list(dialog.query(Button))
            assert [b.id for b in shown] == [b.id for b in dialog.BUTTONS]
    assert Ask().heading() == "A question"
