"""Join codes, web sessions and served own decks in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.records.access import (
    Grant,
    check_code,
    close_web_session,
    drop_own_deck,
    issue_code,
    new_code,
    normalise_code,
    open_web_session,
    own_deck_texts,
    put_own_deck,
    signing_key,
    web_session,
)
from simulator.records.cohorts import add_members, create_cohort
from simulator.records.sql_store import SqlStore, StoreError


@pytest.fixture
def members(store: SqlStore) -> list[str]:
    create_cohort(store, "spring", "Spring")
    create_cohort(store, "autumn", "Autumn")
    return add_members(store, "spring", count=2)


def test_a_code_signs_in_its_own_person_only(store: SqlStore, members: list[str]) -> None:
    first, second = members
    code_a = issue_code(store, "spring", "trainee", first)
    code_b = issue_code(store, "spring", "trainee", second)
    assert check_code(store, code_a) == Grant("trainee", "spring", first)
    assert check_code(store, code_b) == Grant("trainee", "spring", second)
    # typed in lower case, with spaces instead of hyphens: still the same code
    assert check_code(store, code_a.lower().replace("-", " ")) == Grant("trainee", "spring", first)
    wrong = code_a[:-1] + ("A" if code_a[-1] != "A" else "B")
    assert check_code(store, wrong) is None
    assert check_code(store, "") is None
    assert check_code(store, "not a code at all") is None


def test_codes_are_kept_only_as_slow_hashes(store: SqlStore, members: list[str]) -> None:
    code = issue_code(store, "spring", "trainee", members[0])
    [row] = list(store.execute("SELECT selector, code_hash FROM join_codes"))
    assert code not in row["code_hash"] and code.replace("-", "") not in row["code_hash"]
    assert row["code_hash"].startswith("$argon2id$")
    assert row["selector"] == code[:5]  # only the public lookup part is plain


def test_a_new_code_replaces_the_old_one(store: SqlStore, members: list[str]) -> None:
    old = issue_code(store, "spring", "trainee", members[0])
    new = issue_code(store, "spring", "trainee", members[0])
    assert check_code(store, old) is None
    assert check_code(store, new) == Grant("trainee", "spring", members[0])


def test_codes_only_for_members_of_existing_cohorts(store: SqlStore, members: list[str]) -> None:
    with pytest.raises(StoreError, match="not in cohort"):
        issue_code(store, "autumn", "trainee", members[0])
    with pytest.raises(StoreError, match="no cohort"):
        issue_code(store, "winter", "trainee", members[0])
    trainer = issue_code(store, "autumn", "trainer", "trainer-ab12")
    assert check_code(store, trainer) == Grant("trainer", "autumn", "trainer-ab12")


def test_code_shape() -> None:
    code = new_code()
    assert len(code) == 23 and code.count("-") == 3
    assert normalise_code(code.lower()) == code
    assert normalise_code("O0O0O-00000-00000-00000") is None  # look-alikes are not symbols
    assert normalise_code(code[:-1]) is None


def test_web_sessions_expire_and_sign_out(store: SqlStore, members: list[str]) -> None:
    now = [datetime(2027, 3, 1, 9, 0, tzinfo=UTC)]
    store.clock = lambda: now[0]
    grant = Grant("trainee", "spring", members[0])
    token = open_web_session(store, grant, timedelta(hours=2))
    found = web_session(store, token)
    assert found is not None and found[0] == grant
    assert web_session(store, token + "x") is None
    now[0] += timedelta(hours=1, minutes=59)
    assert web_session(store, token) is not None
    now[0] += timedelta(minutes=1)
    assert web_session(store, token) is None  # expired exactly at its end
    second = open_web_session(store, grant, timedelta(hours=2))
    close_web_session(store, second)
    assert web_session(store, second) is None
    # tokens are kept only as digests
    assert all(second not in str(tuple(r)) for r in store.execute("SELECT * FROM web_sessions"))


def test_the_signing_key_is_made_once(store: SqlStore) -> None:
    key = signing_key(store)
    assert len(key) == 32 and signing_key(store) == key


def test_own_decks_are_per_trainee(store: SqlStore, members: list[str]) -> None:
    first, second = members
    put_own_deck(store, first, "my-story", "first's words")
    put_own_deck(store, second, "my-story", "second's words")
    put_own_deck(store, first, "my-story", "first's new words")
    assert own_deck_texts(store, first) == {"my-story": "first's new words"}
    assert own_deck_texts(store, second) == {"my-story": "second's words"}
    drop_own_deck(store, first, "my-story")
    assert own_deck_texts(store, first) == {}
    assert own_deck_texts(store, second) == {"my-story": "second's words"}
