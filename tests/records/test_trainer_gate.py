"""Every command that reads or writes other people's records needs the trainer's
authority once a store has a trainer key (SQLite and PostgreSQL), and a comment's role
comes from that authority, never from ``--by``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.records import open_store
from simulator.records.authority import NotTrainer, trainer_authority
from simulator.records.roles import KEY_ENV

# every trainer action, as a trainee with no key would try it (ids from the cohort fixture)
ATTEMPTS: list[list[str]] = [
    ["review", "list", "--cohort", "spring"],
    ["review", "show", "s-skilled"],
    ["review", "open", "--cohort", "spring", "--by", "Trainer Dana"],
    ["review", "comment", "s-skilled", "--kind", "note", "--by", "Trainer Dana", "Well done."],
    ["review", "reply", "r-0", "--by", "Trainer Dana", "Agreed."],
    ["review", "flag", "s-gate", "--turn", "1", "--by", "Trainer Dana", "Too harsh."],
    ["review", "prompt", "s-gate", "--by", "Trainer Dana"],
    ["review", "export", "--cohort", "spring", "-o", "{tmp}/comments.csv"],
    ["review", "proposals", "-o", "{tmp}/proposals.csv"],
    ["export", "--cohort", "spring", "--format", "csv", "-o", "{tmp}/grades.csv"],
    ["export", "--cohort", "spring", "--format", "jsonl", "-o", "{tmp}/grades.jsonl"],
    ["report", "--cohort", "spring", "-o", "{tmp}/report.html"],
    ["dashboard", "--cohort", "spring"],
    ["cohort", "list"],
    ["cohort", "show", "spring"],
    ["cohort", "create", "autumn"],
    ["cohort", "add", "spring", "--new", "1"],
    ["cohort", "add", "spring", "--new", "1", "--codes"],
    ["cohort", "import", "{tmp}/../theirs.json", "--into", "spring"],
    ["cohort", "codes", "spring", "--trainer"],
    ["cohort", "codes", "spring", "--trainee", "t-named"],
    ["serve", "--cohort", "spring", "--port", "9"],
    ["assign", "add", "loud-again", "--cohort", "spring", "--due", "2031-01-31"],
    ["assign", "list", "--cohort", "spring"],
    ["review", "signoff", "s-skilled", "--verdict", "pass", "--by", "Dana", "Steady."],
    ["review", "certification", "--cohort", "spring"],
    ["review", "requests", "--cohort", "spring"],
]


def _claim(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["records", "trainer-key"]) == 0
    out = capsys.readouterr().out
    return out.splitlines()[0].rsplit(" ", 1)[1]


def _counts() -> tuple[int, ...]:
    store = open_store()
    try:
        return tuple(int(store.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                     for table in ("review_entries", "cohorts", "cohort_members",
                                   "join_codes"))
    finally:
        store.close()


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=lambda a: " ".join(a[:3]))
def test_without_the_key_every_trainer_action_is_refused(
        attempt: list[str], cohort: list[str], capsys: pytest.CaptureFixture[str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _claim(capsys)
    before = _counts()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in attempt]
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "only the trainer may" in err and KEY_ENV in err and "Traceback" not in err
    assert _counts() == before  # nothing was written
    assert not [p for p in tmp_path.iterdir() if p.is_file()]  # and no file made
    monkeypatch.setenv(KEY_ENV, "a-guess-that-is-not-the-key")
    assert main(argv) == 2
    assert "is not this database's trainer key" in capsys.readouterr().err


def test_with_the_key_the_trainer_acts(cohort: list[str], capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, _claim(capsys))
    assert main(["review", "comment", "s-skilled", "--kind", "note", "--by", "Dana",
                 "Well paced."]) == 0
    assert main(["export", "--cohort", "spring", "--format", "csv", "-o",
                 str(tmp_path / "g.csv")]) == 0
    assert main(["cohort", "codes", "spring", "--trainee", "t-named"]) == 0
    capsys.readouterr()
    store = open_store()
    try:
        [row] = list(store.execute("SELECT author, role FROM review_entries"))
    finally:
        store.close()
    assert (row["author"], row["role"]) == ("Dana", "trainer")


def test_a_comment_role_comes_from_authority_not_by(
        cohort: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Calling yourself "Trainer Dana" makes nobody a trainer: without the key there is no
    comment at all, so none is stored with the trainer role."""
    _claim(capsys)
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert main(["review", "comment", "s-skilled", "--kind", "note", "--by",
                 "Trainer Dana", "Looks fine to me."]) == 2
    capsys.readouterr()
    store = open_store()
    try:
        assert list(store.execute("SELECT role FROM review_entries")) == []
    finally:
        store.close()


def test_another_trainees_records_need_the_key_even_unclaimed(
        cohort: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["records", "export-mine", "--trainee", cohort[0], "-o",
                 str(tmp_path / "theirs.json")])
    assert code == 2 and "trainer-key" in capsys.readouterr().err
    assert not (tmp_path / "theirs.json").exists()


def test_making_the_key_says_what_it_does_not_protect(
        capsys: pytest.CaptureFixture[str], backend: str) -> None:
    assert main(["records", "trainer-key"]) == 0
    err = capsys.readouterr().err
    assert "the key is a rule of peersim's commands" in err
    assert ("records grant" if backend == "postgresql" else "only by who can open it") in err


def test_the_gate_says_how_the_authority_was_proven(
        cohort: list[str], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store()
    try:
        assert trainer_authority(store, "review").proof == "unclaimed store"
        key = store.setting("trainer_key_sha256")
        assert key is None
    finally:
        store.close()
    monkeypatch.setenv(KEY_ENV, _claim(capsys))
    store = open_store()
    try:
        assert trainer_authority(store, "review").proof == "trainer key"
        monkeypatch.delenv(KEY_ENV)
        with pytest.raises(NotTrainer):
            trainer_authority(store, "review")
    finally:
        store.close()


@pytest.mark.postgresql_only
def test_an_unclaimed_server_database_says_anyone_may_act(
        cohort: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cohort", "list"]) == 0
    err = capsys.readouterr().err
    assert "no trainer key yet" in err and "anyone who can connect" in err


@pytest.mark.sqlite_only
def test_a_records_file_others_can_write_is_said_plainly(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """peersim keeps its own file 0600, but a file in a shared folder (or another
    account's) can be replaced or edited by others: the CLI says what the key does not
    protect, each time."""
    assert main(["cohort", "list"]) == 0
    assert "note:" not in capsys.readouterr().err  # 0600 in a 0700 folder: nothing to say
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o2770)  # a group's folder on a shared machine
    monkeypatch.setenv("PEERSIM_DATABASE_URL", f"sqlite:///{shared}/records.sqlite3")
    monkeypatch.setenv(KEY_ENV, _claim(capsys))
    assert main(["cohort", "list"]) == 0
    err = capsys.readouterr().err
    assert "can be changed by other accounts" in err and "not someone who opens the file" in err
