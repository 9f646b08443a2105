"""A small Learning Record Store in this process, strict the way the xAPI spec allows.

It takes a batch whole or refuses it whole: ``409`` when any statement id is already
stored (even with the same content: the spec lets an LRS do that), ``400`` when a
statement is one it was told to refuse. ``GET ?statementId=`` returns a stored
statement with the fields an LRS adds. It can also answer every POST with a redirect,
and it remembers the Authorization header of every request it received.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class LrsState:
    """What the fake holds and how it behaves."""

    stored: dict[str, dict[str, Any]] = field(default_factory=dict)
    refuse: set[str] = field(default_factory=set)  # statement ids answered with 400
    redirect_to: str = ""  # answer every POST with 302 to this address
    seen_auth: list[str] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path)


def _handler(state: LrsState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, code: int, body: object = None, **headers: str) -> None:
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _note(self) -> None:
            state.requests.append((self.command, self.path))
            state.seen_auth.append(self.headers.get("Authorization", ""))

        def do_GET(self) -> None:
            self._note()
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            found = state.stored.get(query.get("statementId", [""])[0])
            if found is None:
                self._answer(404, {"detail": "no such statement"})
            else:
                self._answer(200, {**found, "stored": "2026-01-01T00:00:00Z",
                                   "authority": {"mbox": "mailto:lrs@example.org"},
                                   "version": "1.0.3"})

        def do_POST(self) -> None:
            self._note()
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0)))
                              or b"null")
            if state.redirect_to:
                self._answer(302, None, Location=state.redirect_to)
                return
            batch = body if isinstance(body, list) else [body]
            ids = [s["id"] for s in batch]
            if any(i in state.refuse for i in ids):
                self._answer(400, {"detail": "statement does not validate:\x1b[31m red"})
                return
            if any(i in state.stored for i in ids):
                self._answer(409, {"detail": "statement id already in use"})
                return
            for statement in batch:
                state.stored[statement["id"]] = statement
            self._answer(200, ids)

        def log_message(self, *_args: object) -> None:
            return

    return Handler


@contextmanager
def fake_lrs(state: LrsState) -> Iterator[str]:
    """The fake's xAPI base address while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/xAPI"
    finally:
        server.shutdown()
        server.server_close()
