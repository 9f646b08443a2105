"""What the certification modules (assignments, sign-offs, resolutions, requests to
talk) share: statements written once with ``{p}`` placeholders and run in the store's
own dialect, the time stamp, and new ids.

Why ``{p}`` and not two copies: these statements are plain SQL both databases accept;
only the placeholder differs (as in :mod:`simulator.records.access`). A test checks
that no statement here holds a literal ``?`` or ``%``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from simulator.records.sql_store import SqlStore, iso


def sql(store: SqlStore, statement: str) -> str:
    """``statement`` with its ``{p}`` placeholders in the store's dialect."""
    return statement.format(p="?" if store.kind == "sqlite" else "%s")


def run(store: SqlStore, statement: str, params: Sequence[object] = ()) -> Any:
    """Run one ``{p}`` statement (a guarded call: failures are StoreErrors)."""
    return store.execute(sql(store, statement), tuple(params))


def rows(store: SqlStore, statement: str, params: Sequence[object] = ()) -> list[Any]:
    """Every row of one ``{p}`` query."""
    return list(run(store, statement, params).fetchall())


def now(store: SqlStore) -> str:
    """The store's clock, as stored."""
    return iso(store.clock())


def new_id(prefix: str) -> str:
    """A random id with a prefix that says what it names (``a-`` an assignment ...)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


SESSION = ("SELECT id, trainee_id, scenario_id, mode, completed_at, abandoned_at, passed,"
           " overall FROM sessions WHERE id = {p}")


def session_row(store: SqlStore, session_id: str) -> Any:
    """The session's row (id, trainee, scenario, mode, completion, verdict), or None."""
    return run(store, SESSION, (session_id,)).fetchone()
