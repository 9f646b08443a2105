"""The records store on PostgreSQL, for programmes that outgrow one machine.

Same code path and statements as SQLite (see :mod:`simulator.records.sql_store`; psycopg
gets them as :mod:`simulator.records.sql` renders them); this module only opens the connection,
keeps the schema version in a table, reconnects after the server dropped the
connection, and describes failures without the driver's text (which may quote the
connection string). Selected with ``PEERSIM_DATABASE_URL=postgresql://...``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator, Sequence
from typing import Any

from simulator.records.errors import pg_reason
from simulator.records.sql import Params, render
from simulator.records.sql_store import (
    Clock,
    SqlStore,
    StoreError,
    cannot_open,
    safe_url,
    utc_now,
)

CONNECT_TIMEOUT = 15  # seconds, unless the URL sets connect_timeout


def statement_timeout() -> float:
    """Seconds any one statement may take: twice the lock timeout (``PEERSIM_DB_TIMEOUT``,
    30 s by default), so a held lock or a hung server ends a call with an error instead
    of freezing it."""
    from simulator.records.sqlite_store import lock_timeout

    return 2 * lock_timeout()


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


class PgStore(SqlStore):
    """The store in a PostgreSQL database."""

    kind = "postgresql"
    begin = "BEGIN"

    def __init__(self, url: str, clock: Clock = utc_now) -> None:
        import psycopg

        super().__init__(clock)
        self._patience: float | None = None
        self.driver_errors = (psycopg.Error,)
        self._url = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.where = safe_url(self._url)
        problem: StoreError | None = None
        try:
            self.db = self._connect()
        except psycopg.Error as exc:
            problem = cannot_open(self.where, pg_reason(exc), "check that the server is running"
                                  " and reachable and that PEERSIM_DATABASE_URL is right")
        if problem is not None:
            raise problem
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.db.close()
            problem = cannot_open(self.where, pg_reason(exc), "check that it is a peersim"
                                  " records database that this user may change")
        except StoreError:
            self.db.close()
            raise
        if problem is not None:
            raise problem

    def __repr__(self) -> str:
        return f"PgStore({self.where!r})"

    def _connect(self, **options: Any) -> Any:
        import psycopg

        timeout: dict[str, Any] = {}
        if "connect_timeout" not in self._url:
            timeout["connect_timeout"] = max(1, round(self._patience or CONNECT_TIMEOUT))
        if "options" not in self._url:  # every statement ends, however the server is held
            timeout["options"] = f"-c statement_timeout={int(statement_timeout() * 1000)}"
        if "keepalives" not in self._url:  # a server gone silent is noticed, not waited on
            timeout.update(keepalives=1, keepalives_idle=10, keepalives_interval=5,
                           keepalives_count=3)
        return psycopg.connect(self._url, row_factory=_row_factory,
                               **{"autocommit": True, **timeout, **options})

    def _busy(self, exc: BaseException) -> bool:
        """A statement or lock wait cut off by its timeout, or a server that could not be
        reached in time."""
        state = str(getattr(exc, "sqlstate", "") or "")
        return state in ("57014", "55P03") or "timeout" in str(exc).lower()

    def _set_patience(self, seconds: float | None) -> None:
        """Statement and lock timeouts for this session (and the connect timeout of a
        reconnection)."""
        import psycopg

        self._patience = seconds
        wait = int((statement_timeout() if seconds is None else seconds) * 1000)
        if self.db.closed or self.db.broken:
            return  # a reconnection (in _ready) starts with the timeouts in force
        with contextlib.suppress(psycopg.Error):
            self.db.execute(f"SET statement_timeout = {wait}")
            self.db.execute(f"SET lock_timeout = {wait}")

    def _reason(self, exc: BaseException) -> str:
        """What the failure means, from its SQLSTATE or kind (never the driver's text)."""
        return pg_reason(exc)

    def _ready(self) -> None:
        """A connection the server dropped is replaced before the next call (so one
        failure does not end the session: the next try may succeed)."""
        if self.db.closed or self.db.broken:
            self.db.close()
            self.db = self._connect()

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
        self._run("INSERT INTO peersim_schema (version) VALUES (:version)",
                  {"version": version})

    def _lock_schema(self) -> None:
        """Two processes opening a new database at once migrate one after the other."""
        self.db.execute("SELECT pg_advisory_xact_lock(7372)")

    def _rows(self, sql: str, params: Params) -> Generator[Any, None, None]:
        """A server-side cursor on its own connection: big exports stay flat in memory."""
        with self._connect(autocommit=False) as conn, \
                conn.cursor(name="peersim_stream") as cursor:
            cursor.itersize = 2000
            cursor.execute(render(sql, self.kind), dict(params))
            yield from cursor
