"""Roles the PostgreSQL database itself enforces: a trainer group and one account per
trainee, with row-level security (``peersim records grant``).

Why in the database: the trainer key (:mod:`simulator.records.roles`) is a rule of
peersim's own commands, and anyone holding the database's one shared account could read
and write every record with ``psql``. Here each trainee connects with an account of
their own, and PostgreSQL answers each statement with their rows only:

- ``peersim_trainer`` (no login; trainers' accounts are its members) may read and
  change everything in peersim's tables;
- ``peersim_trainee`` (no login; each trainee's account is its member) may, through the
  policies below, read and write only the rows of the trainee its account maps to (in
  ``peersim_db_roles``): their trainee row, sessions, turns, taken-back turns, own decks,
  the supervision entries on their sessions (writing only as ``trainee``), their reads,
  their own cohort memberships, and whether their cohorts require typed turns. Join
  codes, web sessions, sign-in limits, every other setting (the trainer key's digest,
  the cookie key) and any table not listed here are out of its reach.

Passwords are made here, printed once, and sent to the server only as a SCRAM-SHA-256
verifier (the form PostgreSQL stores), so the plain password never reaches its logs.
Roles belong to the whole PostgreSQL cluster; the policies to this database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from simulator.records.api import StoreError
from simulator.records.authority import ROLE_MAP, TRAINER_GROUP
from simulator.records.sql_store import SqlStore

TRAINEE_GROUP = "peersim_trainee"
ME = f"(SELECT m.trainee_id FROM {ROLE_MAP} m WHERE m.role_name = current_user)"
MY_SESSIONS = f"(SELECT s.id FROM sessions s WHERE s.trainee_id = {ME})"
SCRAM_ITERATIONS = 4096  # PostgreSQL's own default for scram_iterations

# the owners who invited this trainee to peer review their sessions and whose invitation
# this trainee accepted, neither side withdrawn (simulator/records/peer_review.py)
PEERS = ("(SELECT o.giver_id FROM peer_consents o JOIN peer_consents r ON r.giver_id ="
         " o.other_id AND r.other_id = o.giver_id WHERE o.side = 'owner' AND r.side ="
         f" 'reviewer' AND o.other_id = {ME} AND o.revoked_at IS NULL AND r.revoked_at IS"
         " NULL)")
PEER_SESSIONS = f"(SELECT s.id FROM sessions s WHERE s.trainee_id IN {PEERS})"
MY_GOALS = f"(SELECT g.id FROM growth_goals g WHERE g.trainee_id = {ME})"

OPEN_SESSIONS = f"(SELECT s.id FROM sessions s WHERE s.trainee_id = {ME} AND" \
    " s.completed_at IS NULL)"


@dataclass(frozen=True)
class Access:
    """What a trainee's account may do to one table: its privileges, the rows it may read,
    the rows it may write (new or changed), and the rows it may change or delete."""

    privileges: tuple[str, ...]
    read: str
    write: str = "false"
    change: str = "false"


# a finished session is the record of what happened: its row and turns stay as they are
TRAINEE_TABLES: dict[str, Access] = {
    "trainees": Access(("SELECT", "INSERT"), f"id = {ME}", f"id = {ME}"),
    "sessions": Access(("SELECT", "INSERT", "UPDATE"),
                       f"trainee_id = {ME} OR trainee_id IN {PEERS}",
                       f"trainee_id = {ME}", f"trainee_id = {ME} AND completed_at IS NULL"),
    "turns": Access(("SELECT", "INSERT", "UPDATE", "DELETE"),
                    f"session_id IN {MY_SESSIONS} OR session_id IN {PEER_SESSIONS}",
                    f"session_id IN {OPEN_SESSIONS}", f"session_id IN {OPEN_SESSIONS}"),
    "taken_back": Access(("SELECT", "INSERT"), f"session_id IN {MY_SESSIONS}",
                         f"session_id IN {OPEN_SESSIONS}"),
    "own_decks": Access(("SELECT", "INSERT", "UPDATE", "DELETE"), f"trainee_id = {ME}",
                        f"trainee_id = {ME}", f"trainee_id = {ME}"),
    # their own sessions' reviews, and a peer's only while both agree to peer review
    "review_entries": Access(("SELECT", "INSERT"),
                             f"session_id IN {MY_SESSIONS} OR session_id IN {PEER_SESSIONS}",
                             f"(session_id IN {MY_SESSIONS} OR session_id IN"
                             f" {PEER_SESSIONS}) AND role = 'trainee' AND author = {ME}"),
    "review_reads": Access(("SELECT", "INSERT"), f"reader = {ME}", f"reader = {ME}"),
    "cohort_members": Access(("SELECT",), f"trainee_id = {ME}"),
    "cohorts": Access(("SELECT",), f"id IN (SELECT c.cohort_id FROM cohort_members c"
                                   f" WHERE c.trainee_id = {ME})"),
    # certification: a trainee reads what was set for them (or their cohorts), what was
    # signed off and resolved on their own sessions, and asks for their supervisor
    "assignments": Access(("SELECT",), f"trainee_id = {ME} OR cohort_id IN (SELECT"
                                       f" c.cohort_id FROM cohort_members c WHERE"
                                       f" c.trainee_id = {ME})"),
    "assignment_attempts": Access(("SELECT", "INSERT"), f"session_id IN {MY_SESSIONS}",
                                  f"session_id IN {OPEN_SESSIONS}"),
    "signoffs": Access(("SELECT",), f"session_id IN {MY_SESSIONS}"),
    "resolutions": Access(("SELECT",), "entry_id IN (SELECT e.id FROM review_entries e"
                                       f" WHERE e.session_id IN {MY_SESSIONS})"),
    "help_requests": Access(("SELECT", "INSERT"), f"trainee_id = {ME}", f"trainee_id = {ME}"),
    # growth: their own goals and revisits, written as themselves; their own side of a
    # peer-review agreement (the other side is the other person's to give); the stated
    # role of entries they can read, and "peer-trainee" on entries they wrote
    "growth_goals": Access(("SELECT", "INSERT"), f"trainee_id = {ME}",
                           f"trainee_id = {ME} AND role = 'trainee' AND set_by = {ME}"),
    "goal_revisits": Access(("SELECT", "INSERT"), f"goal_id IN {MY_GOALS}",
                            f"goal_id IN {MY_GOALS} AND role = 'trainee' AND by_person = {ME}"),
    "peer_consents": Access(("SELECT", "INSERT", "UPDATE"),
                            f"giver_id = {ME} OR other_id = {ME}", f"giver_id = {ME}",
                            f"giver_id = {ME}"),
    "review_stances": Access(("SELECT", "INSERT"), "entry_id IN (SELECT e.id FROM"
                             " review_entries e)",
                             "stance = 'peer-trainee' AND entry_id IN (SELECT e.id FROM"
                             f" review_entries e WHERE e.author = {ME} AND e.role = 'trainee')"),
    ROLE_MAP: Access(("SELECT",), "role_name = current_user"),
    # a trainee's app reads whether their cohorts require typed turns; every other
    # setting (the trainer key's digest, the cookie key) stays out of its sight
    "settings": Access(("SELECT",), "name IN (SELECT 'typed_turns:' || c.cohort_id FROM"
                                    f" cohort_members c WHERE c.trainee_id = {ME})"),
}
READ_ONLY = ("peersim_schema",)  # a trainee's peersim checks the schema version on open
FORGET = f"DELETE FROM {ROLE_MAP} WHERE role_name = :name"
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Account:
    """A database account made by :func:`grant`: its name and its one-time password."""

    role_name: str
    password: str
    trainee_id: str | None  # None for a trainer


def _ident(name: str) -> str:
    """A role or table name as a quoted identifier (names here are checked first)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password`` (RFC 5803 form)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, SCRAM_ITERATIONS)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return (f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt)}"
            f"${b64(stored_key)}:{b64(server_key)}")


def role_name(person: str, *, trainer: bool = False) -> str:
    """The database account of a trainee id (``t-1a2b...`` -> ``peersim_t_1a2b...``) or
    of a trainer's name (``dana`` -> ``peersim_trainer_dana``)."""
    if not _NAME.match(person) or len(person) > 40:
        raise StoreError(f"{person!r} cannot name a database account: use lowercase letters"
                         " and digits in words joined by single hyphens, at most 40")
    return ("peersim_trainer_" if trainer else "peersim_") + person.replace("-", "_")


def _role_exists(store: SqlStore, name: str) -> bool:
    return store.execute("SELECT 1 FROM pg_roles WHERE rolname = :name", {"name": name}
                         ).fetchone() is not None


def _group(store: SqlStore, name: str) -> None:
    if not _role_exists(store, name):
        store.execute(f"CREATE ROLE {_ident(name)} NOLOGIN")


def set_up(store: SqlStore) -> None:
    """The two groups, the account map and every table's privileges and policies
    (idempotent: run again after an upgrade adds tables)."""
    if store.kind != "postgresql":
        raise StoreError("database roles need a PostgreSQL records store (PEERSIM_DATABASE_URL"
                         "=postgresql://...); a SQLite file is protected only by who can"
                         " open it (docs/records.md)")
    with store.write():
        store.execute("SELECT pg_advisory_xact_lock(7373)")
        _group(store, TRAINER_GROUP)
        _group(store, TRAINEE_GROUP)
        store.execute(f"CREATE TABLE IF NOT EXISTS {ROLE_MAP} (role_name TEXT PRIMARY KEY,"
                      " trainee_id TEXT REFERENCES trainees(id))")
        tables = [r[0] for r in store.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema ="
            " current_schema() AND table_type = 'BASE TABLE'")]
        for table in tables:
            quoted = _ident(table)
            store.execute(f"REVOKE ALL ON {quoted} FROM PUBLIC, {TRAINEE_GROUP}")
            store.execute(f"GRANT ALL ON {quoted} TO {TRAINER_GROUP}")
            if table in READ_ONLY:
                store.execute(f"GRANT SELECT ON {quoted} TO {TRAINEE_GROUP}")
                continue
            store.execute(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY")
            _policies(store, table)


def _policies(store: SqlStore, table: str) -> None:
    """The trainer group's policy (every row) and, for a table trainees use, one policy
    per statement a trainee's account may run on it."""
    quoted = _ident(table)
    for name in [r[0] for r in store.execute(
            "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND"
            " tablename = :table AND policyname LIKE 'peersim%'", {"table": table})]:
        store.execute(f"DROP POLICY {_ident(name)} ON {quoted}")
    store.execute(f"CREATE POLICY peersim_trainer_all ON {quoted} FOR ALL TO {TRAINER_GROUP}"
                  " USING (true) WITH CHECK (true)")
    access = TRAINEE_TABLES.get(table)
    if access is None:
        return
    store.execute(f"GRANT {', '.join(access.privileges)} ON {quoted} TO {TRAINEE_GROUP}")
    clauses = {"SELECT": f"USING ({access.read})", "INSERT": f"WITH CHECK ({access.write})",
               "UPDATE": f"USING ({access.change}) WITH CHECK ({access.write})",
               "DELETE": f"USING ({access.change})"}
    for command in access.privileges:
        store.execute(f"CREATE POLICY peersim_trainee_{command.lower()} ON {quoted} FOR"
                      f" {command} TO {TRAINEE_GROUP} {clauses[command]}")


def _account(store: SqlStore, name: str, group: str) -> str:
    password = secrets.token_urlsafe(24)
    verifier = _literal(scram_verifier(password))
    if _role_exists(store, name):  # a new password; the old one stops working
        store.execute(f"ALTER ROLE {_ident(name)} WITH LOGIN PASSWORD {verifier}")
    else:
        store.execute(f"CREATE ROLE {_ident(name)} LOGIN PASSWORD {verifier}")
    store.execute(f"GRANT {group} TO {_ident(name)}")
    return password


def grant_trainee(store: SqlStore, trainee_id: str) -> Account:
    """An account for one trainee (a new password when it exists): it sees their rows only."""
    name = role_name(trainee_id)
    store.ensure_trainee(trainee_id)
    set_up(store)
    with store.write():
        password = _account(store, name, TRAINEE_GROUP)
        store.execute(FORGET, {"name": name})
        store.execute(f"INSERT INTO {ROLE_MAP} (role_name, trainee_id) VALUES (:name,"
                      " :trainee_id)", {"name": name, "trainee_id": trainee_id})
    return Account(name, password, trainee_id)


def grant_trainer(store: SqlStore, person: str) -> Account:
    """An account for a trainer: every record, as the trainer."""
    name = role_name(person, trainer=True)
    set_up(store)
    with store.write():
        password = _account(store, name, TRAINER_GROUP)
        store.execute(FORGET, {"name": name})
    return Account(name, password, None)


def revoke(store: SqlStore, name: str) -> None:
    """End an account made here: it can no longer sign in (its rows stay)."""
    if not name.startswith("peersim_") or name in (TRAINER_GROUP, TRAINEE_GROUP):
        raise StoreError(f"{name!r} is not an account peersim records grant made")
    if not _role_exists(store, name):
        raise StoreError(f"there is no database account {name!r}")
    with store.write():
        store.execute(f"ALTER ROLE {_ident(name)} WITH NOLOGIN PASSWORD NULL")
        store.execute(FORGET, {"name": name})
