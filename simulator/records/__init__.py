"""Records: every choice a trainee makes, stored durably the moment it is made.

``open_store()`` returns the one store type, :class:`SqlStore` (SQLite by default,
PostgreSQL via ``PEERSIM_DATABASE_URL``), which the UI, the CLI, the session service,
exports and supervision all program against. Records hold pieces of people's own
history: see docs/records.md.
"""

from __future__ import annotations

import os
from pathlib import Path

from simulator.paths import data_dir
from simulator.records.api import StoreBusy, StoreError
from simulator.records.errors import safe_url
from simulator.records.sql_store import SqlStore
from simulator.records.sqlite_store import SqliteStore

DB_NAME = "records.sqlite3"


def open_store(url: str | None = None) -> SqlStore:
    """Open the records store: SQLite in the data folder unless told otherwise.

    ``url`` (or ``PEERSIM_DATABASE_URL``) may be ``sqlite:///PATH`` or a
    ``postgresql://`` URL for a shared server. Raises :class:`StoreError`, with a message
    naming the database (never its password), when it cannot be opened.
    """
    target = url or os.environ.get("PEERSIM_DATABASE_URL") or ""
    if not target:
        return SqliteStore(data_dir() / DB_NAME)
    if target.startswith("sqlite:///"):
        return SqliteStore(Path(target.removeprefix("sqlite:///")))
    if target.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from simulator.records.pg_store import PgStore

        return PgStore(target)
    raise StoreError(f"unsupported records database URL {safe_url(target)!r}:"
                     " PEERSIM_DATABASE_URL takes sqlite:///PATH or"
                     " postgresql://USER@HOST/DATABASE")


__all__ = ["DB_NAME", "SqlStore", "SqliteStore", "StoreBusy", "StoreError", "open_store"]
