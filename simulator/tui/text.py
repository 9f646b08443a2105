"""Show author and trainee text literally: never as markup, never as terminal commands.

Scenario and deck text may contain ``[Enter]``, ``[/]`` or ``[@click=app.quit]``
(markup to Textual) and escape, C1 or bidirectional control characters (commands to
the terminal). Everything a person wrote goes through :func:`literal`, which returns a
Rich ``Text`` (never parsed as markup) with those characters replaced by visible
stand-ins by :func:`simulator.safetext.visible`, the one sanitiser the CLI uses too.
"""

from __future__ import annotations

from typing import Protocol

from rich.text import Text
from textual.notifications import SeverityLevel

from simulator.errors import title_of
from simulator.safetext import visible


def clean(text: str) -> str:
    """``text`` with control and bidirectional characters shown as visible stand-ins."""
    return visible(text)


def literal(text: str, style: str = "") -> Text:
    """A Text that shows ``text`` exactly as written."""
    return Text(clean(text), style=style)


def labelled(label: str, text: str, label_style: str = "bold") -> Text:
    """``label`` (ours, styled) followed by ``text`` (theirs, literal)."""
    return Text.assemble((label, label_style), clean(text))


class Notifies(Protocol):
    """Anything that shows a notification (the app, a screen)."""

    def notify(self, message: str, *, title: str = ..., severity: SeverityLevel = ...,
               timeout: float | None = ..., markup: bool = ...) -> None: ...


def notify_error(target: Notifies, message: str, error: BaseException,
                 timeout: float | None = None) -> None:
    """Show ``message`` about ``error`` as the app shows every error: under the error's
    own title (:class:`simulator.errors.PeersimError`), literally, as an error."""
    target.notify(message, title=title_of(error), severity="error", timeout=timeout,
                  markup=False)
