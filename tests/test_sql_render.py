"""The records package's one SQL renderer (simulator/records/sql.py): ``:name`` becomes
what each driver takes, and nothing else changes meaning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.records.sql import names, render, tokens

PG = "postgresql"


def test_sqlite_gets_the_statement_as_written() -> None:
    text = "SELECT a::text, '50%' FROM t WHERE id = :id -- :not_a_param"
    assert render(text, "sqlite") == text


@pytest.mark.parametrize("text, rendered", [
    ("SELECT * FROM t WHERE id = :id", "SELECT * FROM t WHERE id = %(id)s"),
    ("VALUES (:a, :b_2, :a)", "VALUES (%(a)s, %(b_2)s, %(a)s)"),
    ("SELECT :x::text", "SELECT %(x)s::text"),  # a parameter, then a cast
    ("SELECT a::integer, b :: text", "SELECT a::integer, b :: text"),
    ("SELECT 'a:b', 'it''s :c', \"col:d\"", "SELECT 'a:b', 'it''s :c', \"col:d\""),
    ("SELECT E'\\':x' || :y", "SELECT E'\\':x' || %(y)s"),
    ("SELECT 1 -- :gone\n, :here", "SELECT 1 -- :gone\n, %(here)s"),
    ("SELECT /* :a /* :b */ :c */ :d", "SELECT /* :a /* :b */ :c */ %(d)s"),
    ("SELECT $$ :a $$, $tag$ :b $tag$, :c", "SELECT $$ :a $$, $tag$ :b $tag$, %(c)s"),
    ("SELECT 10 % 3, 'peersim%'", "SELECT 10 %% 3, 'peersim%%'"),
    ("SELECT '50% :off' -- 100%", "SELECT '50%% :off' -- 100%%"),
    ("SELECT a[1:2], x : y", "SELECT a[1:2], x : y"),  # no name after the colon
    ("SELECT 'open", "SELECT 'open"),  # unterminated: the database says so
    ("SELECT typee'x'", "SELECT typee'x'"),  # not an E'' string: part of a word
])
def test_psycopg_gets_pyformat_and_nothing_else_changes(text: str, rendered: str) -> None:
    assert render(text, PG) == rendered


def test_names_are_the_parameters_outside_literals_once_each() -> None:
    text = "SELECT :b, ':q', :a::text, :b /* :c */ -- :d"
    assert names(text) == ("b", "a")
    assert [kind for kind, _ in tokens("'x' :y")] == ["literal", "code", "param"]


def test_rendering_is_cached() -> None:
    text = "SELECT :cached"
    assert render(text, PG) is render(text, PG)


_WORD = st.text("abcdefgSELCT_ =,()*<>1+.[]", min_size=1, max_size=8)
_NAME = st.from_regex(r"[a-z_][a-z0-9_]{0,6}", fullmatch=True)
_INSIDE = st.text(":%$-/*ab_ \n'", max_size=10)
_PIECES = st.one_of(
    _WORD.map(lambda w: (w, w.replace("%", "%%"))),
    _NAME.map(lambda n: (f" :{n} ", f" %({n})s ")),
    _NAME.map(lambda n: (f"::{n}", f"::{n}")),
    st.just((" % ", " %% ")),
    _INSIDE.map(lambda t: t.replace("'", "''")).map(
        lambda t: (f"'{t}'", f"'{t}'".replace("%", "%%"))),
    _INSIDE.map(lambda t: t.replace('"', "")).map(
        lambda t: (f'"{t}"', f'"{t}"'.replace("%", "%%"))),
    _INSIDE.map(lambda t: t.replace("\n", " ")).map(
        lambda t: (f" --{t}\n", f" --{t}\n".replace("%", "%%"))),
    _INSIDE.map(lambda t: t.replace("*", "").replace("/", "")).map(
        lambda t: (f"/*{t}*/", f"/*{t}*/".replace("%", "%%"))),
    _INSIDE.map(lambda t: t.replace("$", "")).map(
        lambda t: (f" $q${t}$q$ ", f" $q${t}$q$ ".replace("%", "%%"))),
)


@given(st.lists(_PIECES, max_size=12))
def test_each_piece_renders_as_itself_or_its_placeholder(pieces: list[tuple[str, str]]
                                                         ) -> None:
    text = "".join(p for p, _ in pieces)
    assert render(text, PG) == "".join(r for _, r in pieces)
    assert render(text, "sqlite") == text


@given(st.text(alphabet=st.sampled_from(list(":%'\"$-/*\n ab_1E\\")), max_size=40))
def test_psycopg_formatting_gives_the_statement_back(text: str) -> None:
    """Whatever the text, the rendering read back the way psycopg reads it (``%%`` as
    ``%``, ``%(name)s`` as the value) is the text, with each parameter in its place."""
    found = names(text)
    assert render(text, PG) % {n: f":{n}" for n in found} == text
    assert all(n and (n[0].isalpha() or n[0] == "_") for n in found)
