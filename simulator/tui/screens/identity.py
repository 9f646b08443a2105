"""Who is training: the pseudonymous trainee id.

There is no cohort field: a cohort is the trainer's to keep (``peersim cohort add``, or
``cohort import --cohort`` when your records reach them), so a label typed here could
only disagree with theirs, and free text beside an id could identify a person.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from simulator.tui.widgets.field_error import FieldError
from simulator.tui.widgets.footer import KeysFooter

EXPLAIN = ("Your trainee id is pseudonymous: it is how your records are kept, never your"
           " name or email. If your trainer gave you an id, enter it here; otherwise keep"
           " the one this machine made for you. Your trainer puts you in your cohort by"
           " this id, so there is nothing else to fill in.")


class IdentityScreen(ModalScreen[str | None]):
    """Returns the trainee id, or None when cancelled.

    With ``save``, the id is kept before the dialog closes: when that fails (the data
    folder cannot be written, say) the dialog stays with the id typed and the reason."""

    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, trainee_id: str,
                 save: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.trainee_id = trainee_id
        self.save = save

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static("Who is training?", markup=False, classes="dialog-title")
            yield Static(EXPLAIN, markup=False)
            yield Static("Trainee id:", markup=False)
            yield Input(self.trainee_id, id="trainee")
            yield FieldError(id="identity-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        trainee = self.query_one("#trainee", Input)
        trainee.focus()  # typing starts in the field (the id is selected, to replace it)
        trainee.select_all()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        """Enter in a field saves."""
        self.action_save()

    def action_save(self) -> None:
        """Check the id, then hand it back."""
        from simulator.records.cohorts import id_problem  # the trainer's rule, so it fits

        trainee = self.query_one("#trainee", Input).value.strip()
        problem = ("Please enter your trainee id" if not trainee
                   else id_problem("trainee", trainee))
        if problem is None and self.save is not None:
            problem = self.save(trainee)
        if problem is not None:
            self.query_one("#identity-error", FieldError).say(f"{problem.rstrip('.')}.")
            self.query_one("#trainee", Input).focus()
            return
        self.dismiss(trainee)

    def action_cancel(self) -> None:
        """Keep things as they were."""
        self.dismiss(None)
