"""Saying what the app waits for, so a slow or locked records store is never a silent,
frozen terminal (the terminal app and a classroom's app process both start with it)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
#: how long a call made from a screen may wait for the records store: past it the screen
#: says the store is busy (or waits on in the background) rather than freezing
QUICK = 0.5
WAIT_NOTICE = 2.0  # seconds of silence before the terminal is told what the app waits for


@contextmanager
def saying_if_slow(what: str, seconds: float | None = None) -> Iterator[None]:
    """Print ``what`` once if the block inside is still running after ``seconds``, so a
    locked or unreachable records store is never a silent, frozen terminal."""
    timer = threading.Timer(WAIT_NOTICE if seconds is None else seconds,
                            lambda: print(f"peersim: {what}", file=sys.stderr, flush=True))
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def waiting_for_store(call: Callable[[], T]) -> T:
    """``call()`` (opening the store, a first write), saying so if the store is slow."""
    from simulator.records.errors import safe_url

    where = safe_url(os.environ.get("PEERSIM_DATABASE_URL") or "the records file")
    with saying_if_slow(f"waiting for the records store ({where})..."):
        return call()
