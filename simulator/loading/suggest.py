"""Did you mean: the nearest known ids to one that is unknown, for every PS3xx message.

Why: an unknown id is nearly always a typo ("reflct", "trsut"), and naming the id the
author meant saves a trip to the other file to look it up.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` (up to three, nearest first), or '' when none is close."""
    close = difflib.get_close_matches(name, sorted(set(known)), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def not_found(kind: str, name: str, known: Iterable[str]) -> str:
    """The PS312 message: the nearest ids, or else where peersim looked for the file."""
    near = did_you_mean(name, known)
    if near:
        return f"unknown {kind} {name!r}{near}"
    return (f"unknown {kind} {name!r}: no file beside this one (or given with it) has"
            f" 'kind: {kind}' and 'id: {name}'; put that file in the same folder")
