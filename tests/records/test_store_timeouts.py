"""Database calls that end: a lock held by another program, or a statement the server
will not finish, gives :class:`StoreBusy` within the patience asked for (or the store's
own timeout), never a wait without end. On SQLite and on PostgreSQL (see conftest.py).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from simulator.records import StoreBusy
from simulator.records.pg_store import PgStore, statement_timeout
from simulator.records.sql_store import SqlStore
from simulator.records.sqlite_store import SqliteStore


@contextmanager
def settings_locked(store: SqlStore) -> Iterator[None]:
    """Another connection holds a lock the store's next write needs."""
    if isinstance(store, SqliteStore):
        holder = sqlite3.connect(store.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    import psycopg

    assert isinstance(store, PgStore)
    with psycopg.connect(os.environ["PEERSIM_DATABASE_URL"]) as holder:
        holder.execute("LOCK TABLE settings IN ACCESS EXCLUSIVE MODE")
        yield
        holder.rollback()


def test_a_held_lock_ends_the_call_with_store_busy(store: SqlStore) -> None:
    with settings_locked(store):
        with pytest.raises(StoreBusy) as raised, store.patience(0.3):
            store.set_setting("probe", "1")
        assert "could not store a setting" in str(raised.value)
    store.set_setting("probe", "2")  # the lock is gone and the full timeout is back
    assert store.setting("probe") == "2"


def test_every_postgresql_statement_has_a_timeout(store: SqlStore, tmp_path: Path) -> None:
    if not isinstance(store, PgStore):
        pytest.skip("SQLite's wait is its busy timeout (tested above)")
    query = "SELECT setting FROM pg_settings WHERE name = 'statement_timeout'"  # in ms
    assert store.db.execute(query).fetchone()[0] == str(int(statement_timeout() * 1000))
    with pytest.raises(StoreBusy), store.patience(0.3):
        store.execute("SELECT pg_sleep(5)")  # a server that does not finish
    assert store.db.execute(query).fetchone()[0] == str(int(statement_timeout() * 1000))
