"""The web hygiene of a served classroom: signed cookies, the sign-in limits, the
headers every response carries and an access log that leaves out query strings.

Why a signature on a random token: the token alone is unguessable, but signing it
with a key kept in the store lets the server refuse a forged or damaged cookie before
it touches the database, and changing the key signs everybody out at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from aiohttp.web_log import AccessLogger

COOKIE = "peersim_session"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; form-action 'self'; base-uri 'none';"
                               " object-src 'none'",
    "Cache-Control": "no-store",
}


def sign(key: bytes, token: str) -> str:
    """``token`` with its HMAC-SHA256 signature, as a cookie value."""
    mac = hmac.new(key, token.encode(), hashlib.sha256).digest()
    return f"{token}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


MAX_COOKIE = 200  # a signed token is about 90 characters


def unsign(key: bytes, value: str) -> str | None:
    """The token of a correctly signed cookie value, or None for anything else (garbage,
    non-ASCII, huge, forged): never an exception, so no cookie can cause an error page."""
    if len(value) > MAX_COOKIE or not value.isascii():
        return None
    token, _, _mac = value.rpartition(".")
    if not token:
        return None
    return token if hmac.compare_digest(sign(key, token).encode(), value.encode()) else None


@dataclass(frozen=True)
class SignInLimits:
    """How many sign-in attempts one address may make, and may be made at one person's
    code, in ``window`` seconds, and how many sign-ins the server checks at once.

    Attempts are counted in the records store before a code is checked (see
    simulator.records.signin_limits), so every server on the store shares the counts.
    A sign-in that succeeds is taken back off the counts. There is no limit for the class
    as a whole: one guesser must never lock everyone out. The per-address limit is set
    for a classroom behind one shared address (a school's NAT): thirty people mistyping
    now and then stay well within it.
    """

    per_address: int = 30
    per_person: int = 10
    window: float = 600.0
    at_once: int = 16  # sign-ins being checked at once; more are told to try again shortly

    @property
    def span(self) -> timedelta:
        """The window as a timedelta."""
        return timedelta(seconds=self.window)


class QuietAccessLogger(AccessLogger):
    """The access log without query strings: whatever a URL carries (a join code pasted
    into the address bar, say) never reaches the server's log."""

    def log(self, request: Any, response: Any, time: float) -> None:
        """Log the request with its path only."""
        super().log(_PathOnly(request) if request is not None else request,  # type: ignore[arg-type]
                    response, time)


class _PathOnly:
    """A request as the access log sees it: everything but the query string."""

    def __init__(self, request: Any) -> None:
        self._request = request

    @property
    def path_qs(self) -> str:
        """The path alone."""
        return str(self._request.path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)
