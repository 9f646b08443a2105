"""The records store on SQLite, the default: a file in the data folder.

Why these settings: WAL lets several processes read while one writes;
``synchronous=FULL`` on every connection means a committed choice survives a power
cut, not just a crash; ``BEGIN IMMEDIATE`` takes the write lock up front so two
writers wait for each other (busy timeout) instead of failing half-way. The file is
created 0600 inside a 0700 folder because records hold pieces of people's history.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from simulator.paths import private_dir, private_file
from simulator.records.errors import sqlite_reason
from simulator.records.sql_store import (
    Clock,
    SqlStore,
    StoreError,
    cannot_open,
    guarded,
    iso,
    new_trainee_id,
    utc_now,
)

DEFAULT_TIMEOUT = 30.0  # seconds a write waits for another program's lock

WAL_TRIES = 200  # 10 s at 0.05 s apart
_ADVICE = ("if it is not a peersim records database, move it aside (peersim makes a new one)"
           " or point PEERSIM_DATABASE_URL or PEERSIM_DATA_DIR at the right place")

__all__ = ["SqliteStore", "StoreError", "iso", "new_trainee_id", "utc_now"]


def lock_timeout() -> float:
    """Seconds to wait for a lock: ``PEERSIM_DB_TIMEOUT`` when it is a positive number."""
    try:
        value = float(os.environ.get("PEERSIM_DB_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if 0 < value < 3600 else DEFAULT_TIMEOUT


class SqliteStore(SqlStore):
    """The store on one SQLite file."""

    kind = "sqlite"
    begin = "BEGIN IMMEDIATE"  # the write lock up front (see above)
    driver_errors = (sqlite3.Error,)

    def __init__(self, path: Path, clock: Clock = utc_now, timeout: float | None = None) -> None:
        super().__init__(clock)
        self.path = path
        self.where = str(path)
        self.timeout = lock_timeout() if timeout is None else timeout
        self._waited = self.timeout  # the wait in force (shorter inside patience())
        problem: StoreError | None = None
        try:
            private_dir(path.parent)
            private_file(path)
            self.db = sqlite3.connect(path, timeout=self.timeout, isolation_level=None,
                                      check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            problem = cannot_open(self.where, exc, "check that its folder exists and is yours"
                                  " to write (PEERSIM_DATA_DIR chooses the folder)")
        if problem is not None:
            raise problem
        try:
            self.db.row_factory = sqlite3.Row
            self._use_wal()
            for pragma in ("synchronous=FULL", f"busy_timeout={int(self.timeout * 1000)}",
                           "foreign_keys=ON"):
                self.db.execute(f"PRAGMA {pragma}")
            self._migrate()
        except sqlite3.Error as exc:
            self.db.close()
            problem = cannot_open(self.where, sqlite_reason(exc, self.timeout), _ADVICE)
        except StoreError:
            self.db.close()
            raise
        if problem is not None:
            raise problem

    def _reason(self, exc: BaseException) -> str:
        """SQLite's own phrase, or what a lock, a full disk or an I/O error means."""
        return sqlite_reason(exc, self._waited)

    def _busy(self, exc: BaseException) -> bool:
        """A lock another connection held past the busy timeout."""
        name = str(getattr(exc, "sqlite_errorname", "") or "")
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))

    def _set_patience(self, seconds: float | None) -> None:
        """SQLite's busy timeout, for this connection."""
        self._waited = self.timeout if seconds is None else seconds
        with contextlib.suppress(sqlite3.Error):
            self.db.execute(f"PRAGMA busy_timeout={int(self._waited * 1000)}")

    def _use_wal(self) -> None:
        """Switch to WAL. Two processes opening a new file at once may be told "locked"
        at once (SQLite does not wait on this switch), so try again for a while."""
        for attempt in range(WAL_TRIES):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == WAL_TRIES - 1:
                    raise
                time.sleep(0.05)

    def schema_version(self) -> int:
        """PRAGMA user_version."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _set_version(self, version: int) -> None:
        self.db.execute(f"PRAGMA user_version = {int(version)}")

    @guarded("check the records")
    def integrity(self) -> str:
        """SQLite's own integrity check ("ok" when healthy)."""
        return str(self.db.execute("PRAGMA integrity_check").fetchone()[0])
