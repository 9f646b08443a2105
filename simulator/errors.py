"""The one base of peersim's errors: a message fit to show, under a short plain title.

Why one base: the command line and the app each show an error as a heading and a
line, and both need to tell peersim's own errors (a choice not on offer, a file that
cannot be written, a store that cannot answer) from bugs. Every error class in the
package subclasses :class:`PeersimError` and names its ``title``
(tests/test_errors.py walks the modules to keep it so). The message itself follows
each module's rules (one line, no story text, no password).

A leaf module: it imports nothing, so any layer may raise these errors.
"""

from __future__ import annotations

from typing import ClassVar


class PeersimError(Exception):
    """An error meant for the person at the keyboard, not a bug.

    ``title`` is a short plain heading (a few words, no full stop) that the CLI prints
    before the message and the app shows as the notification's title."""

    title: ClassVar[str] = ""


def title_of(error: BaseException) -> str:
    """The heading to show above ``error``: its title, or none for anything else."""
    return error.title if isinstance(error, PeersimError) else ""
