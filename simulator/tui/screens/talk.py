""""I need to talk": ask for your supervisor from any screen, with an optional note.

Only the words typed here go with the request: never the conversation or a story
piece. The request waits at the top of the trainer's review list and dashboard until
they mark it answered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.records import StoreError
from simulator.records.help_requests import HelpError, HelpRequests
from simulator.tui.screens.write import WriteScreen

if TYPE_CHECKING:
    from simulator.tui.context import AppContext

TITLE = ("I need to talk. Your supervisor will see that you asked and get in touch."
         " A note is optional; only what you type here is sent.")
SENT = ("Your supervisor will see that you would like to talk. If you need someone now,"
        " ring them or your crisis line.")


def talk_screen(ctx: AppContext) -> WriteScreen:
    """The dialog; saving records the request (a refusal keeps the note with the reason).
    It hands back (choice, note) once the request is kept, None when put aside."""

    def ask(_choice: str, note: str) -> str | None:
        try:
            HelpRequests(ctx.store).ask(ctx.trainee_id, note)
        except (HelpError, StoreError) as exc:
            reason = str(exc).rstrip(".") + "."
            return reason[0].upper() + reason[1:]
        return None

    return WriteScreen(TITLE, None, "", submit=ask, optional=True, save_label="Ask (ctrl+s)")
