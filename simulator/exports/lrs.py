"""Posting xAPI statements to a Learning Record Store, and saying exactly what it kept.

Why not a plain POST loop: an LRS takes a batch whole or not at all, so one statement it
refuses (or one it already holds with other content: ``409 Conflict``) would sink the
other 49 of its batch, and counting the batch as "posted" anyway reports statements the
LRS never stored. So a refused batch is posted again one statement at a time, and each
``409`` is checked against what the LRS holds: the same statement already there is
fine (posting again is safe: statement ids are fixed); anything else is reported by id.

Redirects are never followed: urllib would resend the Basic credentials to whatever
host the redirect names, and would turn the POST into a GET without its body. A
redirect stops posting with the address it pointed to, so the trainer can give the
final address themselves.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.errors import PeersimError
from simulator.exports.sanitise import plain_line
from simulator.records.errors import safe_url

#: the parts of a statement an LRS keeps as sent (it adds ``stored``, ``authority``,
#: ``version`` and may rewrite the ``timestamp`` form): compared to tell "already there"
_COMPARED = ("actor", "verb", "object", "result", "context")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Turns every redirect into the HTTPError it came with (nothing is re-sent)."""

    def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


@dataclass
class Posted:
    """What happened to each statement: stored now, already there, refused, or not sent."""

    total: int
    stored: int = 0
    already: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (statement id, why)
    stopped: str = ""  # why posting stopped before the end ('' when it did not)

    @property
    def held(self) -> int:
        """How many of the statements the LRS holds now."""
        return self.stored + self.already

    @property
    def unsent(self) -> int:
        """How many were never answered for (posting stopped first)."""
        return self.total - self.held - len(self.refused)

    @property
    def complete(self) -> bool:
        """Every statement is in the LRS."""
        return self.held == self.total

    def summary(self) -> str:
        """One line saying exactly how many the LRS holds, and how many it does not."""
        line = (f"the LRS holds {self.held} of {self.total} statement(s)"
                f" ({self.stored} stored now, {self.already} already there)")
        if self.refused:
            shown = "; ".join(f"{sid}: {why}" for sid, why in self.refused[:5])
            more = f" and {len(self.refused) - 5} more" if len(self.refused) > 5 else ""
            line += f"; {len(self.refused)} refused ({shown}{more})"
        if self.unsent:
            line += f"; {self.unsent} not sent"
        if self.stopped:
            line += f"; stopped: {self.stopped}"
        return line


class _Client:
    """One LRS endpoint with its credentials; every call is a single request."""

    def __init__(self, url: str, user: str, password: str, attempts: int) -> None:
        base = url.rstrip("/")
        self.endpoint = base if base.endswith("statements") else base + "/statements"
        self.shown = safe_url(self.endpoint)
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        self.headers = {"X-Experience-API-Version": "1.0.3", "Authorization": f"Basic {token}"}
        self.attempts = attempts

    def send(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        """(status, body) of one request, retried on 5xx and network errors; a redirect,
        or a server error or an unreachable LRS on every attempt, raises :class:`Stop`."""
        headers = dict(self.headers)
        if body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in range(self.attempts):
            request = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with _OPENER.open(request, timeout=30) as response:
                    return int(response.status), response.read()
            except urllib.error.HTTPError as exc:
                if 300 <= exc.code < 400:
                    where = safe_url(exc.headers.get("Location", "") or "an unnamed address")
                    raise Stop(f"{self.shown} answered with a redirect ({exc.code}) to"
                               f" {plain_line(where)}; peersim does not follow redirects (it"
                               " would send your password there): give that address with"
                               " --lrs if it is your LRS") from None
                if exc.code < 500:
                    return exc.code, exc.read()
                if attempt == self.attempts - 1:
                    raise Stop(f"{self.shown} failed ({_why(exc.code, exc.read())}) on"
                               f" {self.attempts} attempts; try again later") from None
            except (urllib.error.URLError, OSError) as exc:
                if attempt == self.attempts - 1:
                    raise Stop(f"could not reach {self.shown}: {plain_line(str(exc))}") from None
            time.sleep(0.5 * 2 ** attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def stored_statement(self, statement_id: str) -> dict[str, Any] | None:
        """The statement the LRS holds under ``statement_id`` (None if it cannot say)."""
        query = urllib.parse.urlencode({"statementId": statement_id})
        status, body = self.send("GET", f"{self.endpoint}?{query}")
        if status != 200:
            return None
        try:
            found = json.loads(body)
        except ValueError:
            return None
        return found if isinstance(found, dict) else None


class Stop(PeersimError):
    """Posting cannot go on (redirect, credentials refused, LRS unreachable)."""

    title = "Posting to the LRS stopped"


def _same(ours: dict[str, Any], theirs: dict[str, Any] | None) -> bool:
    return theirs is not None and all(
        json.dumps(ours.get(k), sort_keys=True) == json.dumps(theirs.get(k), sort_keys=True)
        for k in _COMPARED)


def _why(status: int, body: bytes) -> str:
    """The LRS's reason for refusing, as one short plain line."""
    try:
        detail = json.loads(body)
        text = str(detail.get("detail") or detail.get("message") or detail) \
            if isinstance(detail, dict) else str(detail)
    except ValueError:
        text = body.decode("utf-8", "replace")
    text = plain_line(text)
    return f"HTTP {status}" + (f" {text[:160]}" if text else "")


def _stop_on(status: int, client: _Client) -> None:
    """Answers that no other statement would fare better with end the posting."""
    if status in (401, 403):
        raise Stop(f"{client.shown} refused these credentials (HTTP {status}); check"
                   " --lrs-user and PEERSIM_LRS_PASSWORD")
    if status == 404:
        raise Stop(f"{client.shown} has no statements resource (HTTP 404); is this the"
                   " LRS's xAPI address?")


def _one(client: _Client, statement: dict[str, Any], posted: Posted) -> None:
    status, body = client.send("POST", client.endpoint, json.dumps([statement]).encode())
    _stop_on(status, client)
    sid = str(statement.get("id"))
    if status in (200, 204):
        returned = _ids(body)
        if returned is None or sid in returned:
            posted.stored += 1
        else:
            posted.already += 1
    elif status == 409 and _same(statement, client.stored_statement(sid)):
        posted.already += 1
    elif status == 409:
        posted.refused.append((sid, "the LRS holds a different statement with this id"))
    else:
        posted.refused.append((sid, _why(status, body)))


def _ids(body: bytes) -> set[str] | None:
    """The statement ids an LRS says it stored (None when it does not say)."""
    try:
        found = json.loads(body)
    except ValueError:
        return None
    return {str(i) for i in found} if isinstance(found, list) else None


def post(url: str, items: Sequence[dict[str, Any]], user: str, password: str,
         batch: int = 50, attempts: int = 4) -> Posted:
    """POST ``items`` in batches; a batch the LRS refuses is sent one statement at a
    time, so each is counted as stored, already there, or refused with its reason."""
    client = _Client(url, user, password, attempts)
    posted = Posted(len(items))
    try:
        for start in range(0, len(items), batch):
            chunk = items[start:start + batch]
            status, body = client.send("POST", client.endpoint, json.dumps(chunk).encode())
            _stop_on(status, client)
            if status in (200, 204):
                returned = _ids(body)
                new = len(chunk) if returned is None else \
                    sum(str(s.get("id")) in returned for s in chunk)
                posted.stored += new
                posted.already += len(chunk) - new
                continue
            for statement in chunk:
                _one(client, statement, posted)
    except Stop as exc:
        posted.stopped = str(exc)
    return posted
