"""The web hygiene of a served classroom: signed cookies and a sign-in rate limit.

Why a signature on a random token: the token alone is unguessable, but signing it
with a key kept in the store lets the server refuse a forged or damaged cookie before
it touches the database, and changing the key signs everybody out at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

COOKIE = "peersim_session"


def sign(key: bytes, token: str) -> str:
    """``token`` with its HMAC-SHA256 signature, as a cookie value."""
    mac = hmac.new(key, token.encode(), hashlib.sha256).digest()
    return f"{token}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def unsign(key: bytes, value: str) -> str | None:
    """The token of a correctly signed cookie value, or None."""
    token, _, _mac = value.rpartition(".")
    if not token or len(value) > 200:
        return None
    return token if hmac.compare_digest(sign(key, token), value) else None


@dataclass
class RateLimiter:
    """At most ``per_client`` failed sign-ins from one client, and ``overall`` from all
    clients together, in any ``window`` seconds. Success does not count.

    The overall cap stops guessing spread over many addresses; it is set well above
    what a class mistyping its codes would reach.
    """

    per_client: int = 5
    overall: int = 60
    window: float = 600.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _all: deque[float] = field(default_factory=deque)

    def _trim(self, times: deque[float], now: float) -> None:
        while times and times[0] <= now - self.window:
            times.popleft()

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again; 0 when it may try now."""
        now = self.clock()
        times = self._failures.get(client, deque())
        self._trim(times, now)
        self._trim(self._all, now)
        waits = []
        if len(times) >= self.per_client:
            waits.append(times[0] + self.window - now)
        if len(self._all) >= self.overall:
            waits.append(self._all[0] + self.window - now)
        return max(1, int(max(waits)) + 1) if waits else 0

    def failed(self, client: str) -> None:
        """Count one failed sign-in."""
        now = self.clock()
        self._failures.setdefault(client, deque()).append(now)
        self._all.append(now)
        if len(self._failures) > 10_000:  # forget the quiet ones, so memory stays bounded
            for name in [n for n, t in self._failures.items() if not t or
                         t[-1] <= now - self.window]:
                del self._failures[name]
