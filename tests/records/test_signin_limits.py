"""Sign-in attempt counts in the store, on SQLite and PostgreSQL (see conftest.py): the
count is bumped in one statement, so attempts made at the same moment through separate
connections (separate classroom servers) are never let through past the limit; a
window that has passed starts again; a reissued or revoked code starts its person's
count afresh; and a right code is taken back off."""

from __future__ import annotations

import threading
from datetime import timedelta

from simulator.records import open_store
from simulator.records.access import issue_code, revoke_code
from simulator.records.cohorts import add_members, create_cohort
from simulator.records.signin_limits import count_attempt, forget_old, person_key, uncount
from simulator.records.sql_store import SqlStore

WINDOW = timedelta(minutes=10)


def test_simultaneous_attempts_through_many_connections_stop_at_the_limit(
        store: SqlStore) -> None:
    results: list[int] = []
    start = threading.Barrier(8)

    def guesser() -> None:
        mine = open_store()  # a connection of its own, as another server would have
        try:
            start.wait()
            for _ in range(5):
                results.append(count_attempt(mine, "address:203.0.113.7", 10, WINDOW))
        finally:
            mine.close()

    threads = [threading.Thread(target=guesser) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 40
    assert results.count(0) == 10  # exactly the limit got through, whatever the timing
    assert all(0 < wait <= 601 for wait in results if wait)


def test_a_window_that_has_passed_starts_again(store: SqlStore) -> None:
    for _ in range(3):
        assert count_attempt(store, "address:x", 3, WINDOW) == 0
    assert count_attempt(store, "address:x", 3, WINDOW) > 0
    real = store.clock
    store.clock = lambda: real() + WINDOW + timedelta(seconds=1)
    assert count_attempt(store, "address:x", 3, WINDOW) == 0
    forget_old(store, WINDOW)
    names = [r[0] for r in store.execute("SELECT name FROM signin_limits")]
    assert names == ["address:x"]  # the fresh window is kept


def test_a_right_code_is_taken_back_off_the_count(store: SqlStore) -> None:
    for _ in range(2):
        assert count_attempt(store, "address:y", 2, WINDOW) == 0
        uncount(store, "address:y")
    assert count_attempt(store, "address:y", 2, WINDOW) == 0


def test_reissuing_or_revoking_a_code_starts_the_persons_count_afresh(
        store: SqlStore) -> None:
    create_cohort(store, "spring", "Spring")
    [trainee] = add_members(store, "spring", trainee_ids=["t-aaaaaaaaaaaa"])
    key = person_key("trainee", "spring", trainee)
    for undo in (lambda: issue_code(store, "spring", "trainee", trainee),
                 lambda: revoke_code(store, "spring", "trainee", trainee)):
        for _ in range(3):
            count_attempt(store, key, 2, WINDOW)
        assert count_attempt(store, key, 2, WINDOW) > 0
        undo()
        assert count_attempt(store, key, 2, WINDOW) == 0
