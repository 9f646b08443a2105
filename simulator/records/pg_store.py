"""The records store on PostgreSQL, for programmes that outgrow one machine.

Same SQL and code path as SQLite (see :mod:`simulator.records.sql_store`); this module
only translates the dialect, opens the connection and keeps the schema version in a
table. Selected with ``PEERSIM_DATABASE_URL=postgresql://...``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Sequence
from typing import Any

from simulator.records.sql_store import (
    Clock,
    SqlStore,
    StoreError,
    cannot_open,
    hide_passwords,
    safe_url,
    utc_now,
)

CONNECT_TIMEOUT = 15  # seconds, unless the URL sets connect_timeout

_TURN_UPDATE = ("beat = EXCLUDED.beat, step_json = EXCLUDED.step_json, scores_json ="
                " EXCLUDED.scores_json, band = EXCLUDED.band, mean = EXCLUDED.mean,"
                " events_json = EXCLUDED.events_json, next = EXCLUDED.next,"
                " recorded_at = EXCLUDED.recorded_at")


class Row(tuple):  # type: ignore[type-arg]
    """A row readable by position and by column name, like ``sqlite3.Row``."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """Column names, in order."""
        return list(self.names)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = {col.name: i for i, col in enumerate(cursor.description or [])}

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row.names = names
        return row

    return make


def translate(sql: str) -> str:
    """SQLite-dialect SQL as PostgreSQL."""
    out = sql.replace("BEGIN IMMEDIATE", "BEGIN").replace(" REAL", " DOUBLE PRECISION")
    if out.startswith("INSERT OR REPLACE INTO turns"):
        out = out.replace("INSERT OR REPLACE INTO", "INSERT INTO", 1)
        out += f" ON CONFLICT (session_id, idx) DO UPDATE SET {_TURN_UPDATE}"
    elif out.startswith("INSERT OR IGNORE INTO"):
        out = out.replace("INSERT OR IGNORE INTO", "INSERT INTO", 1) + " ON CONFLICT DO NOTHING"
    return re.sub(r"\?", "%s", out)


class PgStore(SqlStore):
    """The store in a PostgreSQL database."""

    kind = "postgresql"

    def __init__(self, url: str, clock: Clock = utc_now) -> None:
        import psycopg

        super().__init__(clock)
        self.url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.where = safe_url(self.url)
        timeout: dict[str, Any] = ({} if "connect_timeout" in self.url
                                   else {"connect_timeout": CONNECT_TIMEOUT})
        try:
            self.db = psycopg.connect(self.url, autocommit=True, row_factory=_row_factory,
                                      **timeout)
        except psycopg.Error as exc:
            raise cannot_open(self.where, hide_passwords(str(exc), self.url),
                              "check that the server is running and reachable and that"
                              " PEERSIM_DATABASE_URL is right") from exc
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.db.close()
            raise cannot_open(self.where, hide_passwords(str(exc), self.url),
                              "check that it is a peersim records database that this user"
                              " may change") from exc
        except StoreError:
            self.db.close()
            raise

    def dialect(self, sql: str) -> str:
        """Translate to PostgreSQL."""
        return translate(sql)

    def schema_version(self) -> int:
        """The version kept in ``peersim_schema`` (0 before the first migration)."""
        # a plain catalog query, not to_regclass: it sees tables another process has just
        # committed (to_regclass may answer from a stale catalog cache)
        found = self.db.execute("SELECT COUNT(*) FROM information_schema.tables WHERE"
                                " table_name = 'peersim_schema' AND table_schema ="
                                " current_schema()").fetchone()[0]
        if not found:
            return 0
        row = self.db.execute("SELECT MAX(version) FROM peersim_schema").fetchone()
        return int(row[0] or 0)

    def _set_version(self, version: int) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS peersim_schema (version INTEGER NOT NULL)")
        self.db.execute("INSERT INTO peersim_schema (version) VALUES (%s)", (version,))

    def _lock_schema(self) -> None:
        """Two processes opening a new database at once migrate one after the other."""
        self.db.execute("SELECT pg_advisory_xact_lock(7372)")

    def _rows(self, sql: str, params: Sequence[object]) -> Generator[Any, None, None]:
        """A server-side cursor on its own connection: big exports stay flat in memory."""
        import psycopg

        with psycopg.connect(self.url, row_factory=_row_factory) as conn, \
                conn.cursor(name="peersim_stream") as cursor:
            cursor.itersize = 2000
            cursor.execute(self.dialect(sql), tuple(params))
            yield from cursor
