"""Who may use a served classroom, and what a served trainee keeps in the store.

Why it lives in the store: a classroom server may run as several instances (behind a
reverse proxy, on one PostgreSQL database), so join codes, signed-in web sessions, the
cookie-signing key and each trainee's own story deck must be shared by all of them,
and a trainee's deck must never sit in a folder other people's app processes can read.

Join codes are shown once and stored only as argon2id hashes (a slow key-derivation
function, so a stolen database does not give the codes away). Each code starts with a
short public *selector* that finds its row, so checking a code costs one hash, not one
per trainee. Web-session tokens are long random strings stored as SHA-256 digests:
they are not guessable, so a fast digest is enough and a lookup stays cheap.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Literal

from simulator.records.signin_limits import clear, person_key
from simulator.records.sql_store import SqlStore, StoreError, iso

if TYPE_CHECKING:
    from argon2 import PasswordHasher

Role = Literal["trainee", "trainer"]
ROLES: tuple[Role, ...] = ("trainee", "trainer")
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read aloud
CODE_GROUPS, GROUP_LEN = 4, 5  # 20 symbols: about 98 bits, the first group is the selector
TRAINER_PREFIX = "trainer-"


KEY_SETTING = "serve_cookie_key"
REVOKE = ("UPDATE join_codes SET revoked_at = :now WHERE cohort_id = :cohort_id AND"
          " person = :person AND role = :role AND revoked_at IS NULL")


@dataclass(frozen=True)
class Grant:
    """What a signed-in person may do: one role, in one cohort, as one person."""

    role: Role
    cohort_id: str
    person: str  # a trainee id, or a trainer's label


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()  # argon2id with the library's current recommended costs


@cache
def _decoy() -> str:
    """A hash to verify against when no row matches, so a miss costs what a hit costs."""
    return _hasher().hash(secrets.token_hex(16))


def new_code() -> str:
    """A fresh join code, like ``K7QFM-2XP9R-TABC4-HJKMN``."""
    symbols = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * GROUP_LEN))
    return "-".join(symbols[i:i + GROUP_LEN] for i in range(0, len(symbols), GROUP_LEN))


def normalise_code(typed: str) -> str | None:
    """A code as typed (any case, spaces or hyphens) in its canonical form, or None."""
    symbols = "".join(ch for ch in typed.upper() if ch not in " -\t")
    if len(symbols) != CODE_GROUPS * GROUP_LEN or any(c not in CODE_ALPHABET for c in symbols):
        return None
    return "-".join(symbols[i:i + GROUP_LEN] for i in range(0, len(symbols), GROUP_LEN))


def issue_code(store: SqlStore, cohort_id: str, role: Role, person: str) -> str:
    """A new join code for ``person`` in a cohort; any earlier code of theirs stops working
    and every session signed in with it ends at once.

    The plain code is returned once and never stored.
    """
    if role not in ROLES:
        raise StoreError(f"unknown role {role!r}")
    which = {"cohort_id": cohort_id, "person": person, "role": role}
    if store.execute("SELECT 1 FROM cohorts WHERE id = :cohort_id", which).fetchone() is None:
        raise StoreError(f"no cohort {cohort_id!r} (peersim cohort list shows them)")
    if role == "trainee" and store.execute(
            "SELECT 1 FROM cohort_members WHERE cohort_id = :cohort_id AND trainee_id ="
            " :person", which).fetchone() is None:
        raise StoreError(f"{person!r} is not in cohort {cohort_id!r}")
    while True:
        code = new_code()
        selector = code[:GROUP_LEN]
        digest = _hasher().hash(code)
        made = {**which, "selector": selector, "digest": digest, "now": iso(store.clock())}
        with store.write():
            taken = store.execute("SELECT 1 FROM join_codes WHERE selector = :selector",
                                  made).fetchone()
            if taken is not None:
                continue  # a selector clash (rare): draw again
            store.execute(REVOKE, made)
            _end_sessions(store, cohort_id, role, person)  # the old code's sign-ins too
            store.execute("INSERT INTO join_codes (selector, code_hash, role, cohort_id,"
                          " person, created_at) VALUES (:selector, :digest, :role,"
                          " :cohort_id, :person, :now)", made)
        return code


def new_trainer_label() -> str:
    """A trainer's opaque label (trainers are not trainees: they have no records)."""
    return TRAINER_PREFIX + secrets.token_hex(4)


@dataclass(frozen=True)
class CodeRow:
    """A stored, unrevoked join code found by its selector (its hash still to check)."""

    selector: str
    code_hash: str
    grant: Grant


def find_code(store: SqlStore, typed: str) -> CodeRow | None:
    """The unrevoked code row a typed code's selector names, or None (fast: no hashing)."""
    code = normalise_code(typed)
    if code is None:
        return None
    row = store.execute("SELECT selector, code_hash, role, cohort_id, person FROM join_codes"
                        " WHERE selector = :selector AND revoked_at IS NULL",
                        {"selector": code[:GROUP_LEN]}).fetchone()
    if row is None:
        return None
    return CodeRow(row["selector"], row["code_hash"],
                   Grant(row["role"], row["cohort_id"], row["person"]))


def verify_code(row: CodeRow | None, typed: str) -> Grant | None:
    """The grant when ``typed`` matches ``row``'s hash, or None: one slow hash either way
    (no store needed, so servers run it apart from their store calls)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    code = normalise_code(typed)
    try:
        _hasher().verify(row.code_hash if row is not None else _decoy(), code or typed)
    except (VerificationError, InvalidHashError):
        return None
    return row.grant if row is not None and code is not None else None


def check_code(store: SqlStore, typed: str) -> Grant | None:
    """The grant of a valid, unrevoked join code, or None (one slow hash either way)."""
    return verify_code(find_code(store, typed), typed)


def revoke_code(store: SqlStore, cohort_id: str, role: Role, person: str) -> int:
    """Stop ``person``'s code working and end their signed-in sessions at once; returns
    how many codes were revoked (0 when they had none)."""
    with store.write():
        revoked = store.execute(REVOKE, {"now": iso(store.clock()), "cohort_id": cohort_id,
                                         "person": person, "role": role}).rowcount
        _end_sessions(store, cohort_id, role, person)
    return int(revoked or 0)


def _end_sessions(store: SqlStore, cohort_id: str, role: Role, person: str) -> None:
    """Inside a write: every web session of ``person`` ends (their open apps close at the
    server's next check), and the count of sign-in attempts at their code starts afresh."""
    store.execute("DELETE FROM web_sessions WHERE cohort_id = :cohort_id AND role = :role"
                  " AND person = :person", {"cohort_id": cohort_id, "role": role,
                                            "person": person})
    clear(store, person_key(role, cohort_id, person))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_web_session(store: SqlStore, grant: Grant, lifetime: timedelta) -> str:
    """Record a signed-in browser session; returns its token (kept only as a digest)."""
    token = secrets.token_urlsafe(32)
    now = store.clock()
    with store.write():
        store.execute("DELETE FROM web_sessions WHERE expires_at <= :now", {"now": iso(now)})
        store.execute("INSERT INTO web_sessions (token_hash, role, cohort_id, person,"
                      " created_at, expires_at) VALUES (:digest, :role, :cohort_id, :person,"
                      " :now, :expires)",
                      {"digest": _digest(token), **grant.__dict__, "now": iso(now),
                       "expires": iso(now + lifetime)})
    return token


def web_session(store: SqlStore, token: str) -> tuple[Grant, datetime] | None:
    """The grant and expiry of a live session, or None when unknown or expired."""
    row = store.execute("SELECT role, cohort_id, person, expires_at FROM web_sessions"
                        " WHERE token_hash = :digest AND expires_at > :now",
                        {"digest": _digest(token), "now": iso(store.clock())}).fetchone()
    if row is None:
        return None
    expires = datetime.fromisoformat(row["expires_at"].replace("Z", "+00:00"))
    return Grant(row["role"], row["cohort_id"], row["person"]), expires


def close_web_session(store: SqlStore, token: str) -> None:
    """Sign out: the token stops working at once."""
    with store.write():
        store.execute("DELETE FROM web_sessions WHERE token_hash = :digest",
                      {"digest": _digest(token)})


def signing_key(store: SqlStore) -> bytes:
    """The cookie-signing key, made once and shared by every server on this store."""
    with store.write():  # the first server to ask makes it; every later one reads it
        store.execute("INSERT INTO settings (name, value) VALUES (:name, :value)"
                      " ON CONFLICT (name) DO NOTHING",
                      {"name": KEY_SETTING, "value": secrets.token_hex(32)})
    stored = store.setting(KEY_SETTING)
    assert stored is not None
    return bytes.fromhex(stored)


# -- a served trainee's own decks --------------------------------------------------------------
DROP_DECK = "DELETE FROM own_decks WHERE trainee_id = :trainee_id AND deck_id = :deck_id"

def own_deck_texts(store: SqlStore, trainee_id: str) -> dict[str, str]:
    """The YAML text of each of this trainee's own decks, by deck id."""
    rows = store.execute("SELECT deck_id, yaml_text FROM own_decks WHERE trainee_id ="
                         " :trainee_id ORDER BY deck_id", {"trainee_id": trainee_id})
    return {r["deck_id"]: r["yaml_text"] for r in rows}


def put_own_deck(store: SqlStore, trainee_id: str, deck_id: str, text: str) -> None:
    """Keep (or replace) one of this trainee's own decks."""
    store.ensure_trainee(trainee_id)
    with store.write():
        store.execute(DROP_DECK, {"trainee_id": trainee_id, "deck_id": deck_id})
        store.execute("INSERT INTO own_decks (trainee_id, deck_id, yaml_text, updated_at)"
                      " VALUES (:trainee_id, :deck_id, :text, :now)",
                      {"trainee_id": trainee_id, "deck_id": deck_id, "text": text,
                       "now": iso(store.clock())})


def drop_own_deck(store: SqlStore, trainee_id: str, deck_id: str) -> None:
    """Remove one of this trainee's own decks."""
    with store.write():
        store.execute(DROP_DECK, {"trainee_id": trainee_id, "deck_id": deck_id})
