"""What an app process the classroom server started does before anything else: ask to
die with its parent (see docs/serving.md, "Apps die with the server").

No imports beyond the standard library, because both sides use it: the server runs
:func:`die_with` between fork and exec of a cold start, and the warm app process
(``simulator.tui.warm``) runs it in each app it forks.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _prctl() -> Callable[..., int] | None:
    """libc's prctl on Linux (loaded before any fork, so the child only calls it)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
        return prctl
    except (OSError, AttributeError):
        return None


def die_with(parent_pid: int, prctl: Callable[..., int] | None) -> Callable[[], None]:
    """What a child runs right after fork: on Linux the kernel is asked to kill it when
    its parent dies, however the parent dies (``kill -9`` included); and if the parent
    died already, before the request was made, the child ends at once."""
    def _in_child() -> None:
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != parent_pid:
            os._exit(1)
    return _in_child


PRCTL = _prctl()
