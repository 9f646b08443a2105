"""Roles the PostgreSQL server itself enforces (``peersim records grant``): a trainee's
own account is refused other people's rows by the database, whatever SQL it sends."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from simulator.cli.main import main
from simulator.records import open_store
from simulator.records.access import issue_code
from simulator.records.authority import NotTrainer, db_trainee, trainer_authority
from simulator.records.cohorts import set_typed_turns, typed_turns_for
from simulator.records.db_roles import Account, grant_trainee, grant_trainer, role_name
from simulator.records.identity import remember_trainee, remembered_trainee
from simulator.records.review import Reviews
from simulator.records.roles import new_trainer_key
from simulator.records.sql_store import StoreError
from simulator.records.sqlite_store import SqliteStore

pytestmark = pytest.mark.postgresql_only


def as_account(account: Account) -> str:
    """The test database's URL, signed in as ``account``."""
    parts = urlsplit(os.environ["PEERSIM_DATABASE_URL"])
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{account.role_name}:{account.password}@{host}"))


@pytest.fixture
def accounts(cohort: list[str]) -> dict[str, Account]:
    admin = open_store()
    try:
        issue_code(admin, "spring", "trainee", cohort[0])
        made = {"mine": grant_trainee(admin, cohort[0]),
                "theirs": grant_trainee(admin, cohort[1]),
                "trainer": grant_trainer(admin, "dana")}
        Reviews(admin).add("s-gate", kind="note", author="Dana", role="trainer",
                           body="Talk soon.")
    finally:
        admin.close()
    return made


def refused_by_the_database(account: Account, statement: str,
                            params: tuple[object, ...] = ()) -> None:
    """Send raw SQL as ``account`` (no peersim in the way); the server must refuse it."""
    with psycopg.connect(as_account(account), autocommit=True) as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement, params)


def test_a_trainee_account_sees_and_writes_only_its_own_rows(
        cohort: list[str], accounts: dict[str, Account]) -> None:
    mine, theirs = cohort
    store = open_store(as_account(accounts["mine"]))
    try:
        assert db_trainee(store) == mine
        assert remembered_trainee(store) == mine  # the account decides who is training
        assert [s.session_id for s in store.sessions(mine)] == ["s-skilled"]
        assert store.sessions(theirs) == []  # the database hides them
        assert [r[0] for r in store.execute("SELECT id FROM sessions")] == ["s-skilled"]
        assert list(store.execute("SELECT * FROM review_entries")) == []  # theirs, on s-gate
        with pytest.raises(StoreError):
            remember_trainee(store, theirs)
        with pytest.raises(NotTrainer, match=f"trainee {mine}'s"):
            trainer_authority(store, "review a cohort's sessions")
    finally:
        store.close()


def test_the_database_itself_refuses_a_trainee_account(
        cohort: list[str], accounts: dict[str, Account]) -> None:
    mine, theirs = cohort
    account = accounts["mine"]
    # another trainee's session, written as them: refused by row-level security
    refused_by_the_database(
        account, "INSERT INTO sessions (id, trainee_id, scenario_id, scenario_version,"
        " content_hash, rubric_id, mode, started_at, state_json) VALUES ('s-forged', %s,"
        " 'loud-again', 1, 'x', 'core', 'assessment', '2027-01-01T00:00:00Z', '{}')",
        (theirs,))
    # a comment stored with the trainer role, even on one's own session: refused
    refused_by_the_database(
        account, "INSERT INTO review_entries (id, session_id, seq, kind, author, role, body,"
        " created_at) VALUES ('r-forged', 's-skilled', 99, 'note', %s, 'trainer',"
        " 'Excellent.', '2027-01-01T00:00:00Z')", (mine,))
    # the trainer's own tables: no privilege at all
    for statement in ("SELECT * FROM join_codes", "SELECT * FROM web_sessions",
                      "SELECT * FROM signin_limits", "DELETE FROM peersim_db_roles",
                      "UPDATE settings SET value = 'x'", "DELETE FROM sessions",
                      "INSERT INTO cohort_members VALUES ('spring', 'x')"):
        refused_by_the_database(account, statement)
    with psycopg.connect(as_account(account), autocommit=True) as conn:
        # changing another's rows touches nothing: the database does not let it see them
        changed = conn.execute("UPDATE sessions SET overall = 3 WHERE trainee_id = %s",
                               (theirs,)).rowcount
        assert changed == 0
        assert conn.execute("DELETE FROM turns WHERE session_id = 's-gate'").rowcount == 0
        # and its own finished session is the record of what happened: it stays as it is
        assert conn.execute("UPDATE sessions SET overall = 3 WHERE id = 's-skilled'"
                            ).rowcount == 0
        assert conn.execute("DELETE FROM turns WHERE session_id = 's-skilled'").rowcount == 0
    admin = open_store()
    try:
        assert admin.execute("SELECT COUNT(*) FROM turns WHERE session_id = 's-gate'"
                             ).fetchone()[0] > 0
        assert admin.execute("SELECT overall FROM sessions WHERE id = 's-gate'"
                             ).fetchone()[0] != 3
    finally:
        admin.close()


def test_the_cli_refuses_a_trainee_account(accounts: dict[str, Account],
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERSIM_DATABASE_URL", as_account(accounts["mine"]))
    monkeypatch.setenv("PEERSIM_TRAINER_KEY", "whatever")
    assert main(["review", "list", "--cohort", "spring"]) == 2
    err = capsys.readouterr().err
    assert "only the trainer may" in err and "the database refuses it" in err


def test_a_trainer_account_is_the_trainer(cohort: list[str], accounts: dict[str, Account],
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["records", "trainer-key"]) == 0  # claimed: the key alone would be needed
    monkeypatch.delenv("PEERSIM_TRAINER_KEY", raising=False)
    monkeypatch.setenv("PEERSIM_DATABASE_URL", as_account(accounts["trainer"]))
    store = open_store()
    try:
        assert trainer_authority(store, "review").proof == "database role"
        assert {r[0] for r in store.execute("SELECT id FROM sessions")} == {"s-skilled",
                                                                              "s-gate"}
    finally:
        store.close()
    capsys.readouterr()
    assert main(["review", "comment", "s-skilled", "--kind", "note", "--by", "Dana",
                 "Steady."]) == 0
    capsys.readouterr()


def test_a_trainee_account_practises_as_itself(cohort: list[str], shipped: object,
                                               accounts: dict[str, Account]) -> None:
    from simulator.engine.engine import Engine
    from simulator.model.plan import Step
    from tests.records.conftest import play

    library = shipped
    store = open_store(as_account(accounts["mine"]))
    try:
        engine = Engine(library.scenario("loud-again"), library.rubric("core"),  # type: ignore[attr-defined]
                        library.deck("robin"))  # type: ignore[attr-defined]
        play(store, engine, cohort[0], "s-again", [Step(line="doubt")])
        assert {s.session_id for s in store.sessions(cohort[0])} == {"s-skilled", "s-again"}
        with pytest.raises(StoreError):  # and never as someone else
            play(store, engine, cohort[1], "s-as-them", [Step(line="doubt")])
    finally:
        store.close()


def test_role_names_and_where_grant_works(tmp_path: object,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    assert role_name("t-1a2b3c4d5e6f") == "peersim_t_1a2b3c4d5e6f"
    assert role_name("dana", trainer=True) == "peersim_trainer_dana"
    with pytest.raises(StoreError):
        role_name('x"; DROP ROLE peersim')
    monkeypatch.setenv("PEERSIM_DATABASE_URL", f"sqlite:///{tmp_path}/r.sqlite3")
    assert main(["records", "grant", "--trainer", "dana"]) == 2
    assert "protected only by who can open it" in capsys.readouterr().err
    assert isinstance(open_store(), SqliteStore)


def test_a_trainee_account_answers_its_prompts_as_a_trainee_only(
        cohort: list[str], accounts: dict[str, Account]) -> None:
    admin = open_store()
    try:
        [prompt] = [Reviews(admin).add("s-skilled", kind="prompt", author="Dana",
                                       role="trainer", body="What did you notice?")]
    finally:
        admin.close()
    store = open_store(as_account(accounts["mine"]))
    try:
        reviews = Reviews(store)
        assert [e.id for e in reviews.unread(cohort[0])] == [prompt.id]
        answer = reviews.add("s-skilled", kind="answer", author=cohort[0], role="trainee",
                             body="That I rushed.", parent_id=prompt.id)
        reviews.mark_read(cohort[0], [prompt])
        assert reviews.unread(cohort[0]) == []
        assert [e.id for e in reviews.entries("s-skilled")] == [prompt.id, answer.id]
        refused = "this database user may not do that"  # the server's answer (42501)
        with pytest.raises(StoreError, match=refused):  # the same words, as a trainer's
            reviews.add("s-skilled", kind="note", author=cohort[0], role="trainer",
                        body="Excellent work.")
        with pytest.raises(StoreError, match=refused):  # nor signed with another's name
            reviews.add("s-skilled", kind="reply", author="Dana", role="trainee",
                        body="Agreed.", parent_id=prompt.id)
    finally:
        store.close()


def test_records_grant_from_the_command_line(cohort: list[str],
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["records", "trainer-key"]) == 0
    key = capsys.readouterr().out.splitlines()[0].rsplit(" ", 1)[1]
    monkeypatch.delenv("PEERSIM_TRAINER_KEY", raising=False)
    assert main(["records", "grant", "--cohort", "spring"]) == 2  # only a trainer may
    assert "only the trainer may make or end database accounts" in capsys.readouterr().err
    monkeypatch.setenv("PEERSIM_TRAINER_KEY", key)
    assert main(["records", "grant", "--cohort", "spring", "--trainer", "lee"]) == 0
    out, err = capsys.readouterr()
    lines = [line.split() for line in out.splitlines()]
    assert sorted(line[3].rstrip(")") for line in lines[:2]) == sorted(cohort)
    assert lines[2][0] == "peersim_trainer_lee" and "shown only this once" in err
    name, password = lines[0][0], lines[0][1]
    store = open_store()
    try:  # the server keeps a SCRAM verifier, never the password
        stored = store.execute("SELECT rolpassword FROM pg_authid WHERE rolname = :name",
                               {"name": name}).fetchone()[0]
    finally:
        store.close()
    assert stored.startswith("SCRAM-SHA-256$4096:") and password not in stored
    account = Account(name, password, None)
    store = open_store(as_account(account))
    try:
        assert db_trainee(store) in cohort
    finally:
        store.close()
    assert main(["records", "grant", "--revoke", name]) == 0
    capsys.readouterr()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(as_account(account)).close()  # it can no longer sign in


def test_a_trainee_account_reads_only_its_cohorts_typed_turns_setting(
        cohort: list[str], accounts: dict[str, Account]) -> None:
    admin = open_store()
    try:
        new_trainer_key(admin)
        set_typed_turns(admin, "spring", "always")
    finally:
        admin.close()
    store = open_store(as_account(accounts["mine"]))
    try:
        assert typed_turns_for(store, cohort[0]) == "always"
        # the trainer key's digest and the cookie key are not there for it
        assert [r[0] for r in store.execute("SELECT name FROM settings")] == \
            ["typed_turns:spring"]
    finally:
        store.close()
    refused_by_the_database(accounts["mine"], "UPDATE settings SET value = 'optional'")


def test_a_trainee_account_exports_its_own_records_only(
        cohort: list[str], accounts: dict[str, Account], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERSIM_DATABASE_URL", as_account(accounts["mine"]))
    mine = tmp_path / "mine.json"
    assert main(["records", "export-mine", "-o", str(mine)]) == 0
    assert f"of {cohort[0]}" in capsys.readouterr().out
    assert json.loads(mine.read_text())["payload"]["trainee_id"] == cohort[0]
    theirs = tmp_path / "theirs.json"
    assert main(["records", "export-mine", "--trainee", cohort[1], "-o", str(theirs)]) == 2
    assert not theirs.exists()


def test_a_trainee_account_asks_for_help_and_reads_its_sign_offs_only(
        cohort: list[str], accounts: dict[str, Account]) -> None:
    """The certification tables: a trainee's account may ask for its supervisor as
    itself and read sign-offs of its own sessions; the database refuses the rest."""
    from simulator.records.help_requests import HelpRequests
    from simulator.records.signoff import SignOffs

    mine, theirs = cohort
    admin = open_store()
    try:
        SignOffs(admin).sign("s-skilled", verdict="pass", trainer="Dana", reason="Steady.")
        SignOffs(admin).sign("s-gate", verdict="not-yet", trainer="Dana", reason="Again.")
    finally:
        admin.close()
    store = open_store(as_account(accounts["mine"]))
    try:
        HelpRequests(store).ask(mine, note="Can we talk?")
        assert [r[0] for r in store.execute("SELECT trainee_id FROM help_requests")] == [mine]
        assert [r[0] for r in store.execute("SELECT session_id FROM signoffs")] == [
            "s-skilled"]
    finally:
        store.close()
    refused_by_the_database(
        accounts["mine"], "INSERT INTO help_requests (id, trainee_id, reason, note,"
        " created_at) VALUES ('h-forged', %s, 'asked', '', '2027-01-01T00:00:00Z')",
        (theirs,))
    refused_by_the_database(accounts["mine"], "INSERT INTO signoffs (id, seq, session_id,"
                            " verdict, reason, trainer, created_at) VALUES ('x', 9,"
                            " 's-skilled', 'pass', 'mine', 'me', '2027-01-01T00:00:00Z')")


def test_a_trainee_account_reads_a_peers_reviews_only_while_both_agree(
        cohort: list[str], accounts: dict[str, Account]) -> None:
    from simulator.records.peer_review import PeerError, PeerReviews

    mine, theirs = cohort  # theirs owns s-gate, which carries the trainer's note
    me = open_store(as_account(accounts["mine"]))
    them = open_store(as_account(accounts["theirs"]))
    try:
        assert list(me.execute("SELECT * FROM review_entries WHERE session_id = 's-gate'")) \
            == []
        PeerReviews(me).accept(mine, theirs)  # my side alone is not enough
        assert list(me.execute("SELECT id FROM sessions WHERE id = 's-gate'")) == []
        # nobody can give the other person's consent for them
        refused_by_the_database(
            accounts["mine"], "INSERT INTO peer_consents (giver_id, other_id, side,"
            " agreed_at) VALUES (%s, %s, 'owner', '2027-01-01T00:00:00Z')", (theirs, mine))
        with psycopg.connect(as_account(accounts["mine"]), autocommit=True) as conn:
            assert conn.execute("UPDATE peer_consents SET revoked_at = NULL WHERE giver_id"
                                " = %s", (theirs,)).rowcount == 0
        PeerReviews(them).invite(theirs, mine)  # now both agree
        peers = PeerReviews(me)
        assert [e.body for e in peers.entries_for(mine, "s-gate")] == ["Talk soon."]
        made = peers.comment(mine, "s-gate", kind="strength", body="You stayed with it.")
        assert PeerReviews(them).stances("s-gate")[made.id] == "peer-trainee"
        # a peer's comment is never stored as a supervisor's, nor its role as one
        refused_by_the_database(
            accounts["mine"], "INSERT INTO review_entries (id, session_id, seq, kind, author,"
            " role, body, created_at) VALUES ('r-forged', 's-gate', 99, 'note', %s,"
            " 'trainer', 'Excellent.', '2027-01-01T00:00:00Z')", (mine,))
        refused_by_the_database(
            accounts["mine"], "INSERT INTO review_stances (entry_id, stance) VALUES (%s,"
            " 'non-peer-supervisor')", (made.id,))
        PeerReviews(them).withdraw(theirs, mine)  # the owner ends it: nothing is left
        assert list(me.execute("SELECT * FROM review_entries WHERE session_id = 's-gate'")) \
            == []
        assert list(me.execute("SELECT * FROM turns WHERE session_id = 's-gate'")) == []
        with pytest.raises(PeerError):
            peers.comment(mine, "s-gate", kind="question", body="And then?")
        refused_by_the_database(
            accounts["mine"], "INSERT INTO review_entries (id, session_id, seq, kind, author,"
            " role, body, created_at) VALUES ('r-late', 's-gate', 99, 'question', %s,"
            " 'trainee', 'And then?', '2027-01-01T00:00:00Z')", (mine,))
    finally:
        me.close()
        them.close()


def test_a_trainee_account_keeps_only_its_own_goals(
        cohort: list[str], accounts: dict[str, Account]) -> None:
    from simulator.records.goals import Goals

    mine, theirs = cohort
    admin = open_store()
    try:
        set_for_them = Goals(admin).add(theirs, "Slow down", by="Dana", role="trainer")
        set_for_me = Goals(admin).add(mine, "Ask first", by="Dana", role="trainer")
    finally:
        admin.close()
    store = open_store(as_account(accounts["mine"]))
    try:
        goals = Goals(store)
        assert [g.id for g in goals.of_trainee(mine)] == [set_for_me.id]
        assert goals.of_trainee(theirs) == []
        agreed = goals.revisit(set_for_me.id, "agreed", by=mine, role="trainee")
        assert agreed.agreed
        goals.add(mine, "Notice my pace", by=mine, role="trainee")
        with pytest.raises(StoreError):  # as a trainer, even for oneself
            goals.add(mine, "Be perfect", by="Dana", role="trainer")
    finally:
        store.close()
    refused_by_the_database(
        accounts["mine"], "INSERT INTO goal_revisits (id, seq, goal_id, state, note,"
        " by_person, role, created_at) VALUES ('gr-x', 9, %s, 'met', '', %s, 'trainee',"
        " '2027-01-01T00:00:00Z')", (set_for_them.id, mine))
    refused_by_the_database(
        accounts["mine"], "INSERT INTO growth_goals (id, seq, trainee_id, body, set_by, role,"
        " created_at) VALUES ('g-x', 9, %s, 'x', %s, 'trainee', '2027-01-01T00:00:00Z')",
        (theirs, theirs))
