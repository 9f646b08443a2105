"""Who may act as a cohort's trainer on this records store, and how that is proven.

Why one gate: every action that reads or writes another person's records (review,
comments and flags, exports, the report, the dashboard, cohorts, join codes, serving a
cohort) asks here first, so no command can forget the rule, and a comment's role comes
from the :class:`Authority` this returns, never from a name typed with ``--by``.

How it is proven, strongest first:

- **a database role** (PostgreSQL after ``peersim records grant``): the account that
  connected is a member of ``peersim_trainer``. An account mapped to a trainee is never a
  trainer here, whatever key it holds, and the database itself refuses it other people's
  rows (row-level security, :mod:`simulator.records.db_roles`).
- **the trainer key** (``PEERSIM_TRAINER_KEY``, :mod:`simulator.records.roles`): the
  rule of peersim's own commands. It does not stop someone who can write the database
  directly; :func:`store_caveat` says so in words the CLI prints.
- **an unclaimed store**: a database with no trainer key yet belongs to whoever set it
  up (on SQLite, the file is 0600 in their own folder). Anyone who can connect may act
  as its trainer until ``peersim records trainer-key`` claims it, and the CLI says so.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from simulator.records.access import Role
from simulator.records.api import StoreError
from simulator.records.roles import KEY_ENV, SETTING, is_trainer
from simulator.records.sql_store import SqlStore

TRAINER_GROUP = "peersim_trainer"
ROLE_MAP = "peersim_db_roles"  # which database account is which trainee


class NotTrainer(StoreError):
    """The action needs the trainer's authority and it was not proven."""


@dataclass(frozen=True)
class Authority:
    """A proven right to act on other people's records."""

    role: Role
    proof: str  # "database role", "trainer key" or "unclaimed store"
    caveat: str = ""  # what protects this store and what does not, when it needs saying


def db_trainee(store: SqlStore) -> str | None:
    """The trainee whose database account this connection uses (PostgreSQL after
    ``records grant``), or None."""
    if store.kind != "postgresql":
        return None
    if store.execute("SELECT to_regclass(:table)", {"table": ROLE_MAP}).fetchone()[0] is None:
        return None
    row = store.execute(f"SELECT trainee_id FROM {ROLE_MAP} WHERE role_name = current_user"
                        ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def db_trainer(store: SqlStore) -> bool:
    """True when this PostgreSQL connection's account is a member of ``peersim_trainer``."""
    if store.kind != "postgresql":
        return False
    # membership granted, directly or through other roles (not pg_has_role, which says
    # yes to every superuser: a superuser proves the trainer's authority like anyone else)
    row = store.execute(
        "WITH RECURSIVE mine(id) AS (SELECT oid FROM pg_roles WHERE rolname = current_user"
        " UNION SELECT a.roleid FROM pg_auth_members a JOIN mine ON a.member = mine.id)"
        " SELECT EXISTS (SELECT 1 FROM mine JOIN pg_roles r ON r.oid = mine.id"
        " WHERE r.rolname = :group)", {"group": TRAINER_GROUP}).fetchone()
    return bool(row and row[0])


def file_open_to_others(store: SqlStore) -> bool:
    """True when a SQLite store's file, or its folder, can be changed by other accounts."""
    path = getattr(store, "path", None)
    if store.kind != "sqlite" or path is None:
        return False
    me = os.geteuid()
    for place in (path, path.parent):
        try:
            info = place.stat()
        except OSError:
            continue
        if info.st_uid != me or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return True
    return False


def store_caveat(store: SqlStore, *, claimed: bool) -> str:
    """What protects this store and what does not, said plainly ('' when nothing needs
    saying: a claimed PostgreSQL store, or an unclaimed file only its owner can open)."""
    said: list[str] = []
    if file_open_to_others(store):
        said.append(f"the records file {store.where} (or its folder) can be changed by other"
                    " accounts on this machine: the trainer key stops peersim's own"
                    " commands, not someone who opens the file directly. Keep it 0600 in a"
                    " folder of your own, or use PostgreSQL with peersim records grant")
    if not claimed and store.kind == "postgresql":
        said.append("this records database has no trainer key yet, so anyone who can"
                    " connect to it may act as its trainer; claim it with peersim records"
                    " trainer-key (docs/records.md)")
    return "; ".join(said)


def trainer_authority(store: SqlStore, doing: str, *,
                      allow_unclaimed: bool = True) -> Authority:
    """The trainer's authority to ``doing`` (words like "review a cohort's sessions"), or
    :class:`NotTrainer` saying how to prove it."""
    trainee = db_trainee(store)
    if trainee is not None:
        raise NotTrainer(f"only the trainer may {doing}: this database account is trainee"
                         f" {trainee}'s, and the database refuses it other people's records")
    if db_trainer(store):
        return Authority("trainer", "database role")
    claimed = store.setting(SETTING) is not None
    if claimed and is_trainer(store):
        return Authority("trainer", "trainer key", store_caveat(store, claimed=True))
    if not claimed and allow_unclaimed:
        return Authority("trainer", "unclaimed store", store_caveat(store, claimed=False))
    if not claimed:
        raise NotTrainer(f"only the trainer may {doing}, and this records database has no"
                         " trainer key yet: the trainer who set it up makes one with"
                         " peersim records trainer-key (docs/records.md)")
    given = (f"the key in {KEY_ENV} is not this database's trainer key"
             if os.environ.get(KEY_ENV, "").strip() else f"set {KEY_ENV} to the trainer key")
    raise NotTrainer(f"only the trainer may {doing}: {given} (docs/records.md)")
