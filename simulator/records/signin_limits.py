"""Sign-in attempt limits for a served classroom, kept in the records store.

Why in the store: several ``peersim serve`` instances may share one database, and a
guesser must not get a fresh allowance from each. Why a counter bumped in one
statement: the attempt is counted *before* the code is checked, atomically, so a burst
of simultaneous guesses cannot all slip in under the limit (each one sees the count
the others left). Only addresses and join codes are counted, never the class as a
whole, so one attacker can use up their own allowance, or the allowance of one person
whose code they somehow know the start of (its selector), and nobody else's: a trainer
who reissues that person's code gives them a fresh allowance.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from simulator.records.sql_store import SqlStore, iso

# one statement, so simultaneous attempts each see the count the others left
COUNT = ("INSERT INTO signin_limits (name, window_start, attempts) VALUES (:name, :now, 1)"
         " ON CONFLICT (name) DO UPDATE SET"
         " attempts = CASE WHEN signin_limits.window_start <= :cutoff THEN 1"
         " ELSE signin_limits.attempts + 1 END,"
         " window_start = CASE WHEN signin_limits.window_start <= :cutoff THEN :now"
         " ELSE signin_limits.window_start END"
         " RETURNING attempts, window_start")


def person_key(role: str, cohort_id: str, person: str) -> str:
    """The counter name for attempts at one person's code."""
    return f"person:{role}:{cohort_id}:{person}"


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def count_attempt(store: SqlStore, name: str, limit: int, window: timedelta) -> int:
    """Count one attempt against ``name``; return 0 when it is within ``limit`` for the
    current window, or the seconds until the window ends when it is not.

    One upsert: a counter whose window has passed starts again at 1.
    """
    now = store.clock()
    cutoff = iso(now - window)
    with store.write():
        row = store.execute(COUNT, {"name": name, "now": iso(now), "cutoff": cutoff}
                            ).fetchone()
    if int(row["attempts"]) <= limit:
        return 0
    left = (_when(row["window_start"]) + window - now).total_seconds()
    return max(1, int(left) + 1)


def uncount(store: SqlStore, *names: str) -> None:
    """Take back one counted attempt for each name (a sign-in that succeeded does not
    count against anyone)."""
    with store.write():
        for name in names:
            store.execute("UPDATE signin_limits SET attempts = attempts - 1"
                          " WHERE name = :name AND attempts > 0", {"name": name})


def clear(store: SqlStore, name: str) -> None:
    """Inside a write: start ``name``'s count afresh (a reissued or revoked code)."""
    store.execute("DELETE FROM signin_limits WHERE name = :name", {"name": name})


def forget_old(store: SqlStore, window: timedelta) -> None:
    """Drop counters whose window has passed (so the table stays small)."""
    with store.write():
        store.execute("DELETE FROM signin_limits WHERE window_start <= :cutoff",
                      {"cutoff": iso(store.clock() - window)})
