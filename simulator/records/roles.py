"""The trainer role on a shared records database: a key only trainers hold.

Why: on a shared store (PostgreSQL, or one SQLite file on a shared machine) anyone can
run ``records export-mine``. Without a rule, ``--trainee ID`` would hand out anyone's
records. The rule: a trainee exports only this machine's own trainee; exporting another
trainee needs ``PEERSIM_TRAINER_KEY`` set to the key made by ``peersim records
trainer-key``. The database keeps only the key's SHA-256 digest, compared in constant
time, so reading the database does not reveal the key. (Someone who can write the
database directly can change anything in it; that is the database's own access control.)
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from simulator.records.api import StoreError
from simulator.records.sql_store import SqlStore

KEY_ENV = "PEERSIM_TRAINER_KEY"
SETTING = "trainer_key_sha256"


def _digest(key: str) -> str:
    return hashlib.sha256(key.strip().encode()).hexdigest()


def is_trainer(store: SqlStore) -> bool:
    """True when ``PEERSIM_TRAINER_KEY`` holds this database's trainer key."""
    given = os.environ.get(KEY_ENV, "")
    stored = store.setting(SETTING)
    return bool(given.strip() and stored and hmac.compare_digest(_digest(given), stored))


def new_trainer_key(store: SqlStore) -> str:
    """Make a new trainer key and keep its digest. The first key may be made by anyone
    who can open the database (the trainer who sets it up); a new one replaces it only
    when the current one is given in ``PEERSIM_TRAINER_KEY``."""
    if store.setting(SETTING) is not None and not is_trainer(store):
        raise StoreError(f"this records database already has a trainer key; set {KEY_ENV}"
                         " to it to make a new one")
    key = secrets.token_urlsafe(24)
    store.set_setting(SETTING, _digest(key))
    return key
