"""Who is training: the pseudonymous trainee id.

There is no cohort field: a cohort is the trainer's to keep (``peersim cohort add``, or
``cohort import --cohort`` when your records reach them), so a label typed here could
only disagree with theirs, and free text beside an id could identify a person.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import Input, Static

from simulator.tui.screens.dialog import Dialog, confirm_or_cancel
from simulator.tui.widgets.field_error import FieldError

EXPLAIN = ("Your trainee id is pseudonymous: it is how your records are kept, never your"
           " name or email. If your trainer gave you an id, enter it here; otherwise keep"
           " the one this machine made for you. Your trainer puts you in your cohort by"
           " this id, so there is nothing else to fill in.")


class IdentityScreen(Dialog[str | None]):
    """Returns the trainee id, or None when cancelled.

    With ``save``, the id is kept before the dialog closes: when that fails (the data
    folder cannot be written, say) the dialog stays with the id typed and the reason."""

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Save"
    HEADING = "Who is training?"
    BUTTONS = confirm_or_cancel("Save (ctrl+s)", "save")
    FIELD_ENTER_CONFIRMS = True

    def __init__(self, trainee_id: str,
                 save: Callable[[str], str | None] | None = None) -> None:
        super().__init__()
        self.trainee_id = trainee_id
        self.save = save

    def body(self) -> ComposeResult:
        yield Static(EXPLAIN, markup=False)
        yield Static("Trainee id:", markup=False)
        yield Input(self.trainee_id, id="trainee")
        yield FieldError(id="identity-error")

    def on_mount(self) -> None:
        trainee = self.query_one("#trainee", Input)
        trainee.focus()  # typing starts in the field (the id is selected, to replace it)
        trainee.select_all()

    def confirm(self) -> None:
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
