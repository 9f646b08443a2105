"""What became of a flag or a proposed line: open, accepted, declined, taken into the
scenario, or answered, each with a reason the trainee reads.

Why: an "I disagree" that never comes back teaches a trainee their view does not count
(Stefancic et al. 2021: supervisors sought peers' input and solved problems together).
A trainer accepts or declines a flag with a reason, and an accepted flag on one
criterion may carry the trainer's own level for it; a proposed line is marked "taken
into the scenario" or answered. Each resolution is a new row, so a decision can be
revisited (back to open, say) and the earlier ones stay in the record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.records.api import Refused
from simulator.records.certify_sql import Stored, new_id, next_seq, now
from simulator.records.review import Entry, Reviews, named, written
from simulator.records.sql_store import SqlStore

#: what each kind of entry may become
STATES = {"flag": ("open", "accepted", "declined"),
          "proposal": ("open", "taken", "answered", "declined")}
WORDS = {"open": "open", "accepted": "accepted", "declined": "declined",
         "taken": "taken into the scenario", "answered": "answered"}
_COLUMNS = "id, entry_id, state, reason, level, resolved_by, created_at"
INSERT = (f"INSERT INTO resolutions (seq, {_COLUMNS}) VALUES ({next_seq('resolutions')},"
          f" {', '.join(':' + c for c in _COLUMNS.split(', '))})")
OF_SESSION = (f"SELECT {', '.join('r.' + c for c in _COLUMNS.split(', '))} FROM resolutions r"
              " JOIN review_entries e ON e.id = r.entry_id WHERE e.session_id = :session_id"
              " ORDER BY r.seq")
ALL = (f"SELECT {', '.join('r.' + c for c in _COLUMNS.split(', '))}, s.trainee_id,"
       " e.session_id, e.kind FROM resolutions r JOIN review_entries e ON e.id = r.entry_id"
       " JOIN sessions s ON s.id = e.session_id ORDER BY s.trainee_id, r.seq")


class ResolutionError(Refused):
    """A resolution that cannot be recorded as given; the message says what to change."""


@dataclass(frozen=True)
class Resolution(Stored):
    """One decision on a flag or a proposed line."""

    id: str
    entry_id: str
    state: str
    reason: str
    level: int | None  # an accepted flag on a criterion: the trainer's own level
    resolved_by: str
    created_at: str

    def describe(self) -> str:
        """One line the trainee reads under their flag or line."""
        level = f" (the trainer's level: {self.level}/3)" if self.level is not None else ""
        reason = f": {self.reason}" if self.reason else ""
        return f"{WORDS[self.state].capitalize()} by {self.resolved_by}{level}{reason}"


class Resolutions:
    """Resolutions of flags and proposed lines in a records store."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def resolve(self, entry_id: str, *, state: str, reason: str, by: str,
                level: int | None = None, story_texts: Iterable[str] = ()) -> Resolution:
        """Record what became of a flag or a proposed line."""
        reviews = Reviews(self.store)
        entry: Entry = reviews.entry(entry_id)
        allowed = STATES.get(entry.kind)
        if allowed is None:
            raise ResolutionError("only a flag or a proposed line is resolved; reply to"
                                  " other comments instead")
        if state not in allowed:
            raise ResolutionError(f"a {'flag' if entry.kind == 'flag' else 'proposed line'}"
                                  f" is {', '.join(allowed)}, not {state!r}")
        by = named(by, ResolutionError, "deciding")
        reason = written(reason, ResolutionError, "the reason", empty=None if state == "open"
                         else "give the reason; the trainee reads it")
        if level is not None:
            if state != "accepted" or entry.criterion is None:
                raise ResolutionError("a level goes with an accepted flag on one criterion")
            if not 0 <= level <= 3:
                raise ResolutionError(f"a level is 0 to 3, not {level}")
        trainee, _scenario, _turns = reviews.session_info(entry.session_id)
        if reason and reviews.story(trainee, story_texts).quoted(reason):
            raise ResolutionError("this quotes the story the trainee shared; say it in your"
                                  " own words instead")
        made = Resolution(new_id("d"), entry.id, state, reason, level, by, now(self.store))
        with self.store.write():
            self.store.execute(INSERT, made.__dict__)
        return made

    def of_session(self, session_id: str) -> dict[str, Resolution]:
        """The latest resolution of each resolved entry of a session, by entry id."""
        latest: dict[str, Resolution] = {}
        for row in self.store.execute(OF_SESSION, {"session_id": session_id}):
            found = Resolution.of_row(row)
            latest[found.entry_id] = found
        return latest

    def export_rows(self) -> list[dict[str, object]]:
        """Every resolution (the history, not only the latest), for exports."""
        return [{"trainee_id": r["trainee_id"], "session_id": r["session_id"],
                 "kind": r["kind"], **Resolution.of_row(r).as_dict()}
                for r in self.store.execute(ALL)]
