"""This machine's pseudonymous trainee id: random, made once, kept in the data folder.

On PostgreSQL with an account of one's own (``peersim records grant``), the account
decides: the database would refuse any other id's rows, so the app plays as the
account's trainee and cannot be switched to another.
"""

from __future__ import annotations

from simulator.paths import data_dir, write_private
from simulator.records.api import StoreError
from simulator.records.sql_store import SqlStore


def _account_trainee(store: SqlStore) -> str | None:
    """The account's own trainee on PostgreSQL (``records grant``), or None. The roles'
    module is loaded only there: it brings hashlib and the access codes, which an app on
    SQLite never uses at launch."""
    if store.kind != "postgresql":
        return None
    from simulator.records.authority import db_trainee as bound

    return bound(store)

TRAINEE_FILE = "trainee-id"  # read by simulator.owndecks too (whose decks are shown)


def remembered_trainee(store: SqlStore) -> str:
    """The id this machine uses for its trainee (created and recorded on first use)."""
    bound = _account_trainee(store)
    if bound is not None:
        return bound
    path = data_dir() / TRAINEE_FILE
    if path.exists():
        known = path.read_text(encoding="utf-8").strip()
        if known:
            # recorded when the file was written; ensure_trainee is idempotent, but it is a
            # committed write, and start-up should not wait on a disk sync every time
            return known
    trainee = store.ensure_trainee()
    write_private(path, trainee + "\n")  # private before a byte of it is written
    return trainee


def remember_trainee(store: SqlStore, trainee_id: str) -> str:
    """Make ``trainee_id`` (one a trainer handed out, say) this machine's trainee."""
    bound = _account_trainee(store)
    if bound is not None and bound != trainee_id.strip():
        raise StoreError(f"this database account is trainee {bound}'s; to train as someone"
                         " else, connect with their own account")
    trainee = store.ensure_trainee(trainee_id.strip())
    write_private(data_dir() / TRAINEE_FILE, trainee + "\n")
    return trainee
