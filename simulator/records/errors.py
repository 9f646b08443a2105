"""Turning database failures into one clean line: no password, no story text, no chain.

Why a module of its own: every store method goes through :func:`failure`, and the rules
are easy to get subtly wrong. A driver's message may quote the connection string (with
its password, even a badly encoded one) or a value from a statement, so PostgreSQL's
messages are never shown: the failure is described from its class and SQLSTATE instead.
SQLite's messages are fixed phrases ("database is locked") and are shown as they are.
"""

from __future__ import annotations

import re

from simulator.records.api import StoreError

_KEY_SECRET = re.compile(r"(?i)(pass(?:word|wd)?)\s*=")

# PostgreSQL SQLSTATE classes and codes, and what they mean to the person at the keyboard
_PG_STATES = {
    "28": "the server refused this user name or password",
    "3D": "that database does not exist on the server",
    "53": "the server is out of disk space or memory",
    "57P": "the server ended the connection (it was stopped or restarted, or an"
           " administrator closed it)",
    "08": "the connection to the server was lost",
    "40": "the server gave up on a transaction that clashed with another; try again",
    "42501": "this database user may not do that",
    "55P03": "the records are locked by another program; try again",
}
_PG_WORDS = (
    (("timeout expired", "could not connect", "connection refused", "could not translate",
      "name or service not known", "no route", "network is unreachable"),
     "the server could not be reached"),
    (("password authentication", "no password supplied", "authentication failed"),
     "the server refused this user name or password"),
    (("does not exist",), "that database or user does not exist on the server"),
    (("invalid", "missing", "uri", "connection info", "conninfo", "unrecognized",
      "option"), "the address is not a valid postgresql:// URL (characters like # ? @ / :"
     " in a password must be %-encoded: %23 %3F %40 %2F %3A)"),
    (("terminating connection", "server closed the connection", "connection is closed",
      "connection is lost", "consuming input failed", "ssl syscall"),
     "the connection to the server was lost"),
)


_SAFE_USER = re.compile(r"[\w.~+-]*")  # a user name made of these is shown
_HOST = re.compile(r"(?:\[[0-9A-Fa-f:.]*\]|[\w.~%-])*(?::\w*)?"
                   r"(?:,(?:\[[0-9A-Fa-f:.]*\]|[\w.~%-])*(?::\w*)?)*(?=[/?#]|$)")


def _user(userinfo: str) -> str:
    """The shown user part: the name before the first ``:`` if it is a plain name."""
    name, colon, _secret = userinfo.partition(":")
    shown = name if _SAFE_USER.fullmatch(name) else "***"
    return f"{shown}:***" if colon else shown


def safe_url(url: str) -> str:
    """``url`` fit to print: any password shown as ``***``, however it was written.

    Does not rely on a URL parser (an unencoded ``#``, ``?``, ``@`` or ``/`` in a
    password fools them). A ``password=``/``passwd=``/``pass=`` key hides everything
    from it to the end (its value may hold ``&``, ``#`` or ``@``). Everything between
    ``://`` and the last ``@`` is the user part: only a plain user name before its first
    ``:`` is kept. When what follows that ``@`` is not a host (the password held the
    ``@``), all of it is hidden.
    """
    found = _KEY_SECRET.search(url)
    scheme, sep, rest = url.partition("://")
    if not sep or (found and found.start() < len(scheme) + len(sep)):
        return "***" if found else url
    hidden = ""
    if found:
        rest = rest[:found.start() - len(scheme) - len(sep)]
        cut = rest.find("?")
        rest, hidden = (rest[:cut] if cut > -1 else rest), "?***"
    if "@" in rest:
        userinfo, host = rest.rsplit("@", 1)
        if not _HOST.match(host):
            return f"{scheme}://{_user(userinfo)}" + ("@***" if ":" not in userinfo else "")
        rest = f"{_user(userinfo)}@{host}"
    return f"{scheme}://{rest}{hidden}"


def one_line(text: str) -> str:
    """The first line of ``text``, trimmed."""
    stripped = text.strip()
    return stripped.splitlines()[0].strip() if stripped else ""


def pg_reason(exc: BaseException) -> str:
    """What a psycopg failure means, from its SQLSTATE or its kind (never its text)."""
    state = str(getattr(exc, "sqlstate", "") or "")
    for prefix in sorted(_PG_STATES, key=len, reverse=True):
        if state.startswith(prefix):
            return _PG_STATES[prefix]
    lowered = str(exc).lower()
    for words, meaning in _PG_WORDS:
        if any(w in lowered for w in words):
            return meaning
    return f"the server reported an error ({type(exc).__name__}{' ' + state if state else ''})"


def sqlite_reason(exc: BaseException, timeout: float) -> str:
    """What a sqlite3 failure means. SQLite's messages are fixed phrases with no values."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return (f"another program kept the records locked for longer than {timeout:g} s"
                " (is peersim open in another window?)")
    if name == "SQLITE_FULL":
        return "the disk is full"
    if name.startswith("SQLITE_IOERR"):
        return "the disk could not be read or written"
    if name.startswith("SQLITE_READONLY"):
        return "the file may not be written here (it is read-only)"
    return one_line(str(exc)) or type(exc).__name__


def cannot_open(where: str, reason: object, advice: str,
                what: str = "the records database") -> StoreError:
    """The one message for a database that cannot be opened: what, where, why, what to do."""
    if isinstance(reason, OSError) and reason.strerror:
        reason = reason.strerror
    first_line = one_line(str(reason)) or type(reason).__name__
    return StoreError(f"cannot open {what} {where}: {first_line}; {advice}")


def failure(doing: str, where: str, reason: str,
            what: str = "the records database") -> StoreError:
    """The one message for a store call that failed: what, where, why."""
    return StoreError(f"could not {doing} in {what} {where}: {reason}")
