"""The plumbing under every records store: connection hooks, guarded calls, transactions,
streams and the migration runner. Every statement is run through :func:`simulator.records.
sql.render`, so callers write it once with named placeholders and pass a mapping.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Concatenate, ParamSpec, TypeVar

from simulator.records.api import StoreBusy, StoreError, TurnRecord
from simulator.records.errors import failure
from simulator.records.migrations import MIGRATIONS
from simulator.records.sql import Dialect, Params, render

Clock = Callable[[], datetime]
P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound="StoreBase")
NO_PARAMS: Params = MappingProxyType({})


def utc_now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_trainee_id() -> str:
    """A random opaque id: never derived from a name or an email."""
    import secrets  # here, not at the top: it loads OpenSSL, which a launch rarely needs

    return "t-" + secrets.token_hex(6)


def guarded(doing: str) -> Callable[[Callable[Concatenate[S, P], R]],
                                    Callable[Concatenate[S, P], R]]:
    """Make a store method raise one clean :class:`StoreError` for any database failure.

    The error is raised after the ``except`` block, so it carries neither a cause nor a
    context: the driver's exception (whose text may hold a password or a value) is gone.
    """
    def wrap(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        @functools.wraps(method)
        def run(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                self._ready()
                return method(self, *args, **kwargs)
            except self.driver_errors as exc:
                problem = failure(doing, self.where, self._reason(exc))
                if self._busy(exc):
                    problem = StoreBusy(str(problem))
            raise problem
        return run
    return wrap


class StoreBase:
    """What every SQL store shares below its queries."""

    kind: Dialect = "sqlite"
    begin = "BEGIN"  # how a write transaction starts: the one statement a dialect spells
    db: Any  # the DB-API connection a subclass opens
    where = "(unnamed)"  # the file or the URL (without its password), for messages
    driver_errors: tuple[type[Exception], ...] = ()

    def __init__(self, clock: Clock = utc_now) -> None:
        self.clock = clock
        self._streams: weakref.WeakSet[Generator[Any, None, None]] = weakref.WeakSet()

    # -- what a dialect provides ---------------------------------------------------------
    def schema_version(self) -> int:
        """The schema version of the open database."""
        raise NotImplementedError

    def _set_version(self, version: int) -> None:
        raise NotImplementedError

    def _lock_schema(self) -> None:
        """Serialise migrations between processes (SQLite's BEGIN IMMEDIATE already does)."""

    def _reason(self, exc: BaseException) -> str:
        """What a driver failure means, in words safe to show."""
        return type(exc).__name__

    def _ready(self) -> None:
        """Before each call: a dialect may reconnect a connection the server dropped."""

    def _busy(self, exc: BaseException) -> bool:
        """Whether a failure means the store did not answer in time (a lock held too long,
        a statement or a connection that timed out), so trying again later may work."""
        return False

    def _set_patience(self, seconds: float | None) -> None:
        """Wait at most ``seconds`` for locks and statements (None: the store's default)."""

    @contextmanager
    def patience(self, seconds: float) -> Iterator[None]:
        """Calls inside give up after about ``seconds`` with :class:`StoreBusy` instead of
        waiting the store's full timeout: the app tries once briefly, and when the store
        is busy it says it is waiting and goes on trying in the background."""
        self._set_patience(seconds)
        try:
            yield
        finally:
            self._set_patience(None)

    def close(self) -> None:
        """Release the connection, first closing any stream a caller left unfinished."""
        for rows in list(self._streams):
            with suppress(*self.driver_errors):
                rows.close()
        with suppress(*self.driver_errors):
            self.db.close()

    # -- plumbing ------------------------------------------------------------------------
    def _run(self, statement: str, params: Params = NO_PARAMS) -> Any:
        """Run one statement written with ``:name`` placeholders (always with a mapping, so
        psycopg reads a doubled ``%`` back as one)."""
        return self.db.execute(render(statement, self.kind), dict(params))

    @guarded("read the records")
    def execute(self, statement: str, params: Params = NO_PARAMS) -> Any:
        """Run one statement written with ``:name`` placeholders, ``params`` by name."""
        return self._run(statement, params)

    def stream(self, statement: str, params: Params = NO_PARAMS
               ) -> Generator[Any, None, None]:
        """Rows of a large query, one at a time; safe to abandon (:meth:`close` ends it)."""
        rows = self._guarded_rows(statement, params)
        self._streams.add(rows)
        return rows

    def _guarded_rows(self, statement: str, params: Params
                      ) -> Generator[Any, None, None]:
        problem: StoreError | None = None
        try:
            yield from self._rows(statement, params)
        except self.driver_errors as exc:
            problem = failure("read the records", self.where, self._reason(exc))
        if problem is not None:
            raise problem

    def _rows(self, statement: str, params: Params) -> Generator[Any, None, None]:
        cursor = self._run(statement, params)
        try:
            yield from cursor
        finally:
            cursor.close()

    @contextmanager
    def _write(self) -> Iterator[StoreBase]:
        """A write transaction: commits on exit, rolls back on any error."""
        self.db.execute(self.begin)
        try:
            yield self
        except BaseException:
            with suppress(*self.driver_errors):  # a dropped connection has nothing to undo
                self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def write(self) -> Iterator[StoreBase]:
        """A guarded write transaction for tools and tests (:meth:`execute` inside it)."""
        problem: StoreError | None = None
        try:
            with self._write():
                yield self
        except self.driver_errors as exc:
            problem = failure("change the records", self.where, self._reason(exc))
            if self._busy(exc):
                problem = StoreBusy(str(problem))
        if problem is not None:
            raise problem

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > len(MIGRATIONS):
            raise StoreError(f"the records database {self.where} was written by a newer peersim"
                             f" (schema {version}; this one knows up to {len(MIGRATIONS)});"
                             " upgrade peersim to open it")
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self._write():
                self._lock_schema()
                if self.schema_version() >= number:
                    continue  # another process migrated while we waited
                for statement in migration.statements(self.kind):
                    self._run(statement)
                if migration.convert is not None:
                    migration.convert(self._run)
                for statement in migration.statements(self.kind, after=True):
                    self._run(statement)
                self._set_version(number)


def damaged(session_id: str, where: str, what: str = "record") -> str:
    """What to say of a stored record peersim cannot read."""
    return (f"session {session_id} in the records database {where} has a damaged {what};"
            " restore the database from a backup")


def turn_record(row: Any, where: str) -> TurnRecord:
    """A stored turn row as a :class:`TurnRecord` (its turn read in any stored version)."""
    # the plain import form: ``from simulator.engine import record`` runs importlib's
    # Python code on every call, and an export reads every turn of a cohort here
    import simulator.engine.record as record

    try:
        turn = record.read_turn(str(row["turn_json"]))
    except record.RecordError:
        raise StoreError(damaged(row["session_id"], where)) from None
    return TurnRecord(row["session_id"], int(row["idx"]), row["recorded_at"], turn)
