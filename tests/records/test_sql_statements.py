"""Every SQL statement of the records package is written once, with named placeholders,
and the one renderer makes it something both real databases accept; sessions begun in
the same second come in one order on both. Unmarked tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

import simulator.records
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.records import open_store
from simulator.records.migrations import MIGRATIONS
from simulator.records.sql import DIALECTS, names, render, tokens
from simulator.records.sql_store import SqlStore
from tests.records.test_turn_records import _back_to_schema

PACKAGE = Path(simulator.records.__file__).parent
_DML = re.compile(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b")
_SQL_WORD = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|FROM)\b")
_POSITIONAL = re.compile(r"\?|%s|%\(|\{p\}")
# statements that only make sense on PostgreSQL's catalogs, in the middle of a migration,
# or in the roster's own file (cohorts.py)
_NOT_EXPLAINED = {"db_roles", "authority", "migrations", "cohorts"}
_ONLY_ON = {"pg_store": "postgresql", "sqlite_store": "sqlite"}


def _code(text: str) -> str:
    """``text`` without its quoted literals and comments (where a ``?`` is just text)."""
    return "".join(piece if kind == "code" else f":{piece}" if kind == "param" else " "
                   for kind, piece in tokens(text))


def _literal_statements(*, whole: bool = False) -> dict[str, list[str]]:
    """Every string literal in the records package that reads as SQL, by module (with
    ``whole``, only those that are not a piece of an f-string)."""
    found: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        pieces = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
                  for v in n.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and _SQL_WORD.search(node.value) and not (whole and id(node) in pieces):
                found.setdefault(path.stem, []).append(node.value)
            if isinstance(node, ast.FormattedValue) and isinstance(node.value, ast.Name):
                assert node.value.id not in ("p", "marker", "mark"), (path.name, node.lineno)
    return found


def _module_statements() -> dict[str, list[str]]:
    """Every whole statement a records module holds at module level (f-strings built)."""
    found: dict[str, list[str]] = {}
    for info in pkgutil.iter_modules([str(PACKAGE)]):
        module = importlib.import_module(f"simulator.records.{info.name}")
        for value in vars(module).values():
            texts = value if isinstance(value, tuple) else (value,)
            found.setdefault(info.name, []).extend(
                t for t in texts if isinstance(t, str) and _DML.match(t))
    return found


@pytest.mark.sqlite_only
def test_no_statement_holds_a_positional_or_dialect_placeholder() -> None:
    literals = _literal_statements()
    assert {"statements", "review", "access", "assignments", "migrations"} <= set(literals)
    for module, texts in literals.items():
        for text in texts:
            assert not _POSITIONAL.search(_code(text)), (module, text)


@pytest.mark.sqlite_only
def test_every_statement_renders_for_both_drivers() -> None:
    statements = [t for texts in _module_statements().values() for t in texts]
    assert len(statements) > 100
    for text in statements:
        for dialect in DIALECTS:
            rendered = render(text, dialect)
            assert not re.search(r"\?|\{p\}", _code(rendered)), text
        given = names(text)
        # psycopg's reading of the rendering (%% as %, %(name)s as the value) is the text
        assert render(text, "postgresql") % {n: f":{n}" for n in given} == text
        assert render(text, "sqlite") == text


def test_the_database_accepts_every_statement(store: SqlStore) -> None:
    """Each statement (with every parameter NULL) is planned by the real database: its
    tables, columns and syntax exist there, rendered as that driver receives it."""
    whole = {m: [t for t in texts if _DML.match(t)]
             for m, texts in _literal_statements(whole=True).items()}
    for module, texts in _module_statements().items():
        whole.setdefault(module, []).extend(texts)
    planned = 0
    for module, texts in sorted(whole.items()):
        if module in _NOT_EXPLAINED or _ONLY_ON.get(module, store.kind) != store.kind:
            continue
        for text in dict.fromkeys(texts):
            store.execute(f"EXPLAIN {text}", dict.fromkeys(names(text))).fetchall()
            planned += 1
    assert planned > 100


# -- one order on both databases ---------------------------------------------------------------

SAME_SECOND = datetime(2027, 5, 1, 9, 0, 0, tzinfo=UTC)


def _begin(store: SqlStore, engine: Engine, sids: list[str]) -> None:
    store.clock = lambda: SAME_SECOND
    for sid in sids:
        store.begin_session(engine.start(sid), trainee_id="t-order")


@pytest.fixture
def engine(shipped: Library) -> Engine:
    return Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))


def test_sessions_begun_in_the_same_second_come_in_the_order_they_were_begun(
        store: SqlStore, engine: Engine) -> None:
    begun = ["s-c", "s-a", "s-d", "s-b"]  # neither id order nor its reverse
    _begin(store, engine, begun)
    newest_first = begun[::-1]
    assert [s.session_id for s in store.sessions("t-order")] == newest_first
    assert [s.session_id for s in store.unfinished("t-order")] == newest_first
    sessions, _turns = store.trainee_records("t-order")
    assert [s["id"] for s in sessions] == begun  # oldest first in a records file


def test_an_older_store_numbers_its_sessions_by_start_then_id(
        store: SqlStore, engine: Engine) -> None:
    _begin(store, engine, ["s-b", "s-a"])
    store.clock = lambda: datetime(2027, 5, 1, 8, 0, 0, tzinfo=UTC)  # earlier
    store.begin_session(engine.start("s-z"), trainee_id="t-order")
    _back_to_schema(store, len(MIGRATIONS) - 1)  # as the store was before the numbering
    store.close()
    again = open_store()
    try:
        assert again.schema_version() == len(MIGRATIONS)
        assert [s.session_id for s in again.sessions("t-order")] == ["s-b", "s-a", "s-z"]
        _begin(again, engine, ["s-0"])  # a new one comes after them, whatever its id
        assert again.sessions("t-order")[0].session_id == "s-0"
    finally:
        again.close()
