"""A database failure is one clean StoreError: no story text, no password, no chained
driver exception; the CLI prints it as one line and exits 1."""

from __future__ import annotations

import os
import socket
import sqlite3
import traceback
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.records import open_store
from simulator.records.api import StoreError
from simulator.records.errors import safe_url
from simulator.records.sqlite_store import SqliteStore

STORY = ("The night I was restrained", "held down by four people", "the-restraint",
         "fragments", '"share"')
SHARE = Step(share=ShareStep(fragments=["the-restraint"], permission=True))


@pytest.fixture
def engine(shipped: Library) -> Engine:
    return Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"),
                  label=shipped.theme_label)


def assert_clean(exc: StoreError, *secrets: str) -> None:
    """One line, none of the story or the secrets anywhere, nothing chained."""
    shown = "".join(traceback.format_exception(exc))
    assert "\n" not in str(exc)
    assert exc.__cause__ is None and exc.__context__ is None
    for text in (*STORY, *secrets):
        assert text not in shown and text not in repr(exc), text


@pytest.mark.sqlite_only
def test_a_store_locked_past_its_timeout_is_a_clean_store_error(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "locked.sqlite3"
    store = SqliteStore(path, timeout=0.2)
    session = engine.start("s")
    store.begin_session(session, trainee_id="t-l")
    turn = engine.decide(session, SHARE)  # an own-deck piece shared; now to record it
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as caught:
            store.record_turn(session.after(turn), turn)
        assert "locked" in str(caught.value) and "record the choice" in str(caught.value)
        assert_clean(caught.value)
        monkeypatch.setenv("PEERSIM_DATABASE_URL", f"sqlite:///{path}")
        monkeypatch.setenv("PEERSIM_DB_TIMEOUT", "0.2")
        assert main(["cohort", "create", "spring"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("peersim: ") and "locked" in err
        assert "Traceback" not in err and "internal error" not in err
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.record_turn(session.after(turn), turn)  # the lock gone, the choice is kept
    assert len(store.turns("s")) == 1
    store.close()


@pytest.mark.postgresql_only
def test_a_dropped_connection_is_a_clean_store_error_and_the_next_call_reconnects(
        engine: Engine, pg_admin: str) -> None:
    import psycopg

    store = open_store()
    session = engine.start("s")
    store.begin_session(session, trainee_id="t-d")
    turn = engine.decide(session, SHARE)
    database = os.environ["PEERSIM_DATABASE_URL"].rsplit("/", 1)[1]
    with psycopg.connect(pg_admin, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      " WHERE datname = %s", (database,))
    with pytest.raises(StoreError) as caught:
        store.record_turn(session.after(turn), turn)
    assert "connection" in str(caught.value) and "record the choice" in str(caught.value)
    assert_clean(caught.value)
    store.record_turn(session.after(turn), turn)  # kept on the next try
    assert store.load_state("s") == session.after(turn)
    store.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


PASSWORD_FORMS = [
    "postgresql://u:Pw1Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1#Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1?Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1@Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1/Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1:Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1%23Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1 Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1Pw2@[::1/db",
    "postgresql://u:Pw1Pw2@[::1]:{port}/db",
    "postgresql://u:Pw1Pw2@127.0.0.1:notaport/db",
    "postgresql://u@127.0.0.1:{port}/db?password=Pw1Pw2",
    "postgresql://u@127.0.0.1:{port}/db?passwd=Pw1Pw2",
    "postgresql://u@127.0.0.1:{port}/db?sslmode=disable&password=Pw1#Pw2",
    "postgresql://u@127.0.0.1:{port}/db?password=Pw1&Pw2",
    "postgresql://u@127.0.0.1:{port}/db?PASSWORD=Pw1Pw2",
    "postgres://u:Pw1Pw2@127.0.0.1:{port}/db",
    "postgresql+psycopg://u:Pw1#Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1Pw2@127.0.0.1:{port}/db?bogus_option=1",
    "postgresql://:Pw1@Pw2@127.0.0.1:{port}/db",
    "postgresql://u:Pw1@Pw2@/db?host=/nonexistent&connect_timeout=2",
    "postgresql://u:Pw1Pw2@127.0.0.1:{port}/db?password=Pw1Pw2&connect_timeout=x",
]


#: forms where the password itself holds ``@``, ``#`` or ``&`` after a key or with no
#: host after it: a parser (or a last-``@`` split) shows part of it
SPLIT_PASSWORDS = [
    "postgresql:///db?user=u&password=Pw1#Pw3@Pw2",
    "postgresql://h/db?password=Pw1@Pw2&user=u",
    "postgresql://h/db?user=u#password=Pw1@Pw2",
    "postgresql://u@h/db?PASSWORD=Pw1&Pw3@Pw2",
    "postgresql://u:Pw1#Pw3@Pw2 x/db",
    "postgresql://Pw1#Pw3@Pw2@h/db",
    "postgresql://u:Pw1@Pw2!x",
    "host=h password=Pw1@Pw2 user=u",
]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("form", SPLIT_PASSWORDS)
def test_a_password_holding_separators_is_hidden_whole(form: str) -> None:
    shown = safe_url(form)
    assert "Pw1" not in shown and "Pw2" not in shown and "Pw3" not in shown, shown
    assert "***" in shown


@pytest.mark.sqlite_only
def test_a_plain_url_keeps_what_helps_find_the_server() -> None:
    assert safe_url("postgresql://peersim:Pw1@db.example.org:5433/peersim?sslmode=require"
                    ) == "postgresql://peersim:***@db.example.org:5433/peersim?sslmode=require"
    assert safe_url("postgresql://u@h1,h2:5432/db") == "postgresql://u@h1,h2:5432/db"


@pytest.mark.sqlite_only
@pytest.mark.parametrize("form", PASSWORD_FORMS)
def test_no_form_of_url_shows_its_password(form: str, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    url = form.format(port=_closed_port())
    assert "Pw2" not in safe_url(url) and "Pw1" not in safe_url(url)
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert_clean(caught.value, "Pw1", "Pw2")
    monkeypatch.setenv("PEERSIM_DATABASE_URL", url)
    assert main(["cohort", "list"]) == 1
    captured = capsys.readouterr()
    assert "Pw1" not in captured.err + captured.out and "Pw2" not in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


@pytest.mark.sqlite_only
def test_environment_failures_are_one_line_and_exit_1(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(blocker / "data"))
    assert main(["cohort", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error" not in err and "Traceback" not in err
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(tmp_path / "data"))

    def driver_failure(*_args: object) -> None:
        raise sqlite3.OperationalError("near 'postgresql://u:Pw1@h': syntax error")

    monkeypatch.setattr("simulator.cli.records_cmds.list_cohorts", driver_failure)
    assert main(["cohort", "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Pw1" not in err and "OperationalError" in err
