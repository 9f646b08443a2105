"""What the app and the records commands say when they cannot go on: one clear message,
exit 1 (2 for bad arguments), never a traceback, and nothing changed or half-written."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.records import open_store

COMMANDS = [["cohort", "list"], ["cohort", "show", "spring"], ["cohort", "create", "autumn"],
            ["cohort", "import", "some.json"], ["records", "export-mine", "-o", "mine.json"],
            ["export", "--cohort", "spring", "--format", "csv", "-o", "x.csv"],
            ["report", "--cohort", "spring", "-o", "r.html"], ["dashboard", "--cohort", "spring"]]


def refused(capsys: pytest.CaptureFixture[str], args: list[str], code: int = 1) -> str:
    """Run ``args``; expect ``code`` and one clear line on stderr; return that line."""
    assert main(args) == code
    err = capsys.readouterr().err
    assert err.startswith("peersim: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return err


def the_app_refuses(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """Bare ``peersim`` as if in a terminal: the store is opened before any screen is drawn."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    return refused(capsys, [])


@pytest.mark.sqlite_only
@pytest.mark.parametrize("url", ["mysql://x", "postgresql://peersim:hunter2@127.0.0.1:1/db"])
def test_a_database_url_that_cannot_be_used(url: str, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PEERSIM_DATABASE_URL", url)
    shown = url.replace("hunter2", "***")
    for args in COMMANDS:
        assert shown in refused(capsys, args)
    err = the_app_refuses(capsys, monkeypatch)
    assert shown in err and "hunter2" not in err
    if url.startswith("mysql"):
        assert "unsupported records database URL" in err
    else:
        assert "cannot open the records database" in err and "server is running" in err


@pytest.mark.sqlite_only
def test_a_data_folder_database_that_is_not_a_database(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "records.sqlite3").write_text("a shopping list, not a database\n" * 40)
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(folder))
    monkeypatch.chdir(tmp_path)
    expected = f"cannot open the records database {folder / 'records.sqlite3'}: file is not a"
    for args in COMMANDS:
        assert expected in refused(capsys, args)
    assert expected in the_app_refuses(capsys, monkeypatch)


def test_a_database_written_by_a_newer_peersim(backend: str, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    store = open_store()
    if isinstance(store.db, sqlite3.Connection):
        store.db.execute("PRAGMA user_version = 99")
    else:
        store.execute("INSERT INTO peersim_schema (version) VALUES (99)")
    where = store.where
    store.close()
    monkeypatch.chdir(tmp_path)
    expected = f"the records database {where} was written by a newer peersim (schema 99"
    for args in COMMANDS:
        assert expected in refused(capsys, args)
    assert expected in the_app_refuses(capsys, monkeypatch)


@pytest.mark.parametrize("args", [
    ["export", "--cohort", "spring", "--format", "csv", "-o", "{dir}"],
    ["export", "--cohort", "spring", "--format", "xlsx", "-o", "{dir}"],
    ["report", "--cohort", "spring", "-o", "{dir}"],
    ["records", "export-mine", "-o", "{dir}"],
])
def test_an_output_that_is_a_folder(args: list[str], cohort: list[str], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    err = refused(capsys, [a.replace("{dir}", str(tmp_path)) for a in args])
    assert f"cannot write {tmp_path}: it is a folder" in err


def test_an_output_whose_folder_cannot_be_made(cohort: list[str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("")
    target = blocker / "x.xlsx"
    err = refused(capsys, ["export", "--cohort", "spring", "--format", "xlsx", "-o",
                           str(target)])
    assert f"cannot write {target}: its folder {blocker} cannot be made" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain-file"]


@pytest.mark.sqlite_only
def test_schema_into_a_file_or_an_unwritable_folder(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("mine")
    err = refused(capsys, ["schema", "-o", str(existing)])
    assert f"cannot write schemas into {existing}: it is a file, not a folder" in err
    assert existing.read_text() == "mine"
    err = refused(capsys, ["schema", "-o", str(existing / "deeper")])
    assert f"cannot write schemas into {existing / 'deeper'}" in err
    assert main(["schema", "-o", str(tmp_path / "schemas")]) == 0
    assert all(p.name.endswith(".schema.json") for p in (tmp_path / "schemas").iterdir())


def test_an_lrs_address_that_is_not_one(cohort: list[str], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.json"
    base = ["export", "--cohort", "spring", "--format", "xapi", "-o", str(out)]
    err = refused(capsys, [*base, "--lrs", "notaurl"], 2)
    assert "--lrs 'notaurl' is not an http:// or https:// address" in err
    err = refused(capsys, [*base, "--lrs", "ftp://user:hunter2@lrs.example.org/"], 2)
    assert "hunter2" not in err and "ftp://user:***@lrs.example.org/" in err
    assert "--lrs-user and --lrs-password go with --lrs" in refused(
        capsys, [*base, "--lrs-user", "u"], 2)
    assert not out.exists()


@pytest.mark.parametrize("option, fmt", [("--include-story-text", "csv"),
                                         ("--include-story-text", "xapi"),
                                         ("--roster", "jsonl"),
                                         ("--lrs=http://lrs.example.org", "csv-wide")])
def test_an_option_the_format_would_ignore_is_refused(
        option: str, fmt: str, cohort: list[str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    err = refused(capsys, ["export", "--cohort", "spring", "--format", fmt, option,
                           "-o", str(out)], 2)
    assert f"{option.split('=')[0]} is for --format" in err and f"not {fmt}" in err
    assert not out.exists()


def members(cohort_id: str = "spring") -> int:
    store = open_store()
    try:
        return len(store.cohort(cohort_id).members)
    finally:
        store.close()


@pytest.mark.parametrize("args, expected", [
    (["--new", "2", "--name", "Bob"], "--name and --email go with exactly one trainee"),
    (["--trainee", "t-0123456789ab", "--email", "a@example.org"], "--email goes with --name"),
    (["--trainee", "x y"], "'x y' is not a valid trainee id"),
    (["--trainee", "t-1a2b3c4d5e6f", "--trainee", "T-SHOUT"], "'T-SHOUT' is not a valid"),
    ([], "cohort add needs --new N or --trainee ID"),
    (["--new", "1", "--title", "Spring"], "cohort add does not take --title"),
    (["--new", "1", "--into", "autumn"], "cohort add does not take --into"),
])
def test_cohort_add_checks_every_argument_before_adding_anyone(
        args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cohort", "create", "spring"]) == 0
    capsys.readouterr()
    assert expected in refused(capsys, ["cohort", "add", "spring", *args], 2)
    assert members() == 0


@pytest.mark.parametrize("count", ["-2", "0", "two"])
def test_cohort_add_new_needs_a_count_of_one_or_more(count: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cohort", "create", "spring"]) == 0
    with pytest.raises(SystemExit) as stopped:
        main(["cohort", "add", "spring", "--new", count])
    assert stopped.value.code == 2
    assert "--new: expected a whole number of 1 or more" in capsys.readouterr().err
    assert members() == 0


def test_cohort_and_trainee_ids_follow_the_id_grammar(capsys: pytest.CaptureFixture[str]) -> None:
    for bad in ("Bad Id!", "spring_2027", "2027-spring", "spring--2027", "x" * 65):
        assert "is not a valid cohort id" in refused(capsys, ["cohort", "create", bad], 2)
    assert main(["cohort", "list"]) == 0 and capsys.readouterr().out == ""
    assert main(["cohort", "create", "spring-2027"]) == 0
    assert main(["cohort", "add", "spring-2027", "--trainee", "t-1a2b3c4d5e6f", "--name",
                 "Ann Lee", "--email", "ann@example.org"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "t-1a2b3c4d5e6f"
    assert main(["cohort", "add", "spring-2027", "--new", "1", "--name", "Bo"]) == 0
    assert members("spring-2027") == 2
    capsys.readouterr()  # on an unclaimed server store, each success ends with a note
    assert "takes no further arguments: extra" in refused(
        capsys, ["cohort", "show", "spring-2027", "extra"], 2)
