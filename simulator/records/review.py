"""Supervision: comments, flags, co-reflection prompts and proposed lines on a session.

Why a thread of entries and not one comment box: the supervisors peers value name each
person's specific skills, explain their reasoning and ask for the peer's view
(Stefancic et al. 2021). So a trainer marks each comment as a strength, a question or
a suggestion; anyone can reply; several reviewers may write on one session; trainer
and trainee can flag a score they disagree with, with a reason; a trainer can ask
co-reflection prompts the trainee answers; and a trainee can propose the line they
would rather have said at a beat, which authors can collect.

Entries are the reviewers' and the trainee's own words about the conversation. They
must never carry story text (the fragments a trainee shared from a deck), so a body
that quotes a fragment (its words or its title, from a practice deck or the trainee's
own) is refused, and one that got in before the check (or from an older version) is
withheld from every export: see :mod:`simulator.storyquote`.

The statements are written once with named placeholders, like every records statement
(:mod:`simulator.records.sql`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from simulator.records.api import Refused, StoreError
from simulator.records.served_decks import stored_story_texts
from simulator.records.sql_store import SqlStore, iso
from simulator.storyquote import StoryQuotes

if TYPE_CHECKING:
    from simulator.engine.session import Turn

#: what a trainer's comment is (the three the research names)
COMMENT_KINDS = ("strength", "question", "suggestion")
#: every kind of entry
KINDS = (*COMMENT_KINDS, "note", "reply", "flag", "prompt", "answer", "proposal")
ROLES = ("trainer", "trainee")
#: the default co-reflection prompts
PROMPTS = ("What did you notice in yourself at this point?",
           "What would you share differently now?")
#: who writes each kind (replies and flags: either)
_WRITTEN_BY = {**dict.fromkeys((*COMMENT_KINDS, "note", "prompt"), "trainer"),
               "answer": "trainee", "proposal": "trainee"}
_NAMES = {**{k: f"{k} comment" for k in COMMENT_KINDS}, "note": "overall note",
          "reply": "reply", "flag": "flag", "prompt": "co-reflection prompt",
          "answer": "answer", "proposal": "proposed line"}
MAX_BODY = 4000
#: what an export shows instead of an entry that quotes a story piece
WITHHELD = "(withheld: this entry quotes a story piece)"

_FIELDS = ("id", "session_id", "seq", "parent_id", "turn_idx", "beat", "criterion", "kind",
           "author", "role", "body", "created_at")
_COLUMNS = ", ".join(_FIELDS)

_E = ", ".join("e." + f for f in _FIELDS)
NEXT_SEQ = "SELECT COALESCE(MAX(seq), 0) + 1 FROM review_entries"
INSERT = (f"INSERT INTO review_entries ({_COLUMNS}) VALUES"
          f" ({', '.join(':' + f for f in _FIELDS)})")
ENTRY = f"SELECT {_COLUMNS} FROM review_entries WHERE id = :id"
OF_SESSION = f"SELECT {_COLUMNS} FROM review_entries WHERE session_id = :session_id ORDER BY seq"
STATE = "SELECT state_json, trainee_id, scenario_id FROM sessions WHERE id = :session_id"
UNREAD = (f"SELECT {_E} FROM review_entries e JOIN sessions s ON s.id = e.session_id"
          " WHERE s.trainee_id = :trainee_id AND e.author <> :reader AND NOT EXISTS"
          " (SELECT 1 FROM review_reads r WHERE r.entry_id = e.id AND r.reader = :reader)"
          " ORDER BY e.seq")
#: the role a reviewer wrote an entry in (simulator/records/peer_review.py)
STANCE = "INSERT INTO review_stances (entry_id, stance) VALUES (:entry_id, :stance)"
READ = ("INSERT INTO review_reads (entry_id, reader, read_at) VALUES (:entry_id, :reader,"
        " :now) ON CONFLICT (entry_id, reader) DO NOTHING")
_WITH_TRAINEE = (f"SELECT {_E}, s.trainee_id, s.scenario_id FROM review_entries e"
                 " JOIN sessions s ON s.id = e.session_id")
OF_COHORT = (f"{_WITH_TRAINEE} JOIN cohort_members m ON m.trainee_id = s.trainee_id"
             " WHERE m.cohort_id = :cohort_id ORDER BY s.trainee_id, e.session_id, e.seq")
ALL = f"{_WITH_TRAINEE} ORDER BY s.trainee_id, e.session_id, e.seq"
COHORT_SESSIONS = ("SELECT s.id, s.trainee_id, s.scenario_id, s.mode, s.started_at,"
                   " s.completed_at, s.overall, s.passed, s.turns,"
                   " (SELECT COUNT(*) FROM review_entries e WHERE e.session_id = s.id)"
                   " AS entries FROM sessions s JOIN cohort_members m"
                   " ON m.trainee_id = s.trainee_id WHERE m.cohort_id = :cohort_id"
                   " AND s.abandoned_at IS NULL ORDER BY s.started_at DESC, s.seq DESC, s.id")


class ReviewError(Refused):
    """An entry that cannot be recorded as given; the message says what to change."""


def written(text: str, error: type[ValueError], what: str, *, empty: str | None = None
            ) -> str:
    """Words someone wrote, without outer spaces; ``error`` when they run past
    :data:`MAX_BODY` ("keep ``what`` under ..."), or are missing and ``empty`` says what
    to write. Every comment, reason and goal is checked the same way."""
    text = text.strip()
    if empty is not None and not text:
        raise error(empty)
    if len(text) > MAX_BODY:
        raise error(f"keep {what} under {MAX_BODY} characters")
    return text


def named(name: str, error: type[ValueError], doing: str) -> str:
    """Who is ``doing`` something (a name or initials), or ``error`` asking for it."""
    name = name.strip()
    if not name:
        raise error(f"say who is {doing} (a name or initials)")
    return name


@dataclass(frozen=True)
class Entry:
    """One comment, reply, flag, prompt, answer, note or proposed line."""

    id: str
    session_id: str
    seq: int
    parent_id: str | None
    turn: int | None  # 0-based turn index; None for the whole session
    beat: str | None  # the beat of that turn, so authors can find it
    criterion: str | None  # for a flag: the criterion whose score is disputed
    kind: str
    author: str
    role: str
    body: str
    created_at: str
    replies: list[Entry] = field(default_factory=list, compare=False)

    def as_dict(self) -> dict[str, object]:
        """Plain data for exports (replies are entries of their own)."""
        return {name: getattr(self, name) for name in (
            "id", "session_id", "parent_id", "turn", "beat", "criterion", "kind", "author",
            "role", "body", "created_at")}


def _entry(row: Any) -> Entry:
    return Entry(row["id"], row["session_id"], int(row["seq"]), row["parent_id"],
                 row["turn_idx"], row["beat"], row["criterion"], row["kind"], row["author"],
                 row["role"], row["body"], row["created_at"])


def threads(entries: Sequence[Entry]) -> list[Entry]:
    """Top-level entries in order, each with its replies (and answers) in order."""
    by_id = {e.id: Entry(**{**e.__dict__, "replies": []}) for e in entries}
    roots: list[Entry] = []
    for entry in sorted(by_id.values(), key=lambda e: e.seq):
        parent = by_id.get(entry.parent_id or "")
        if parent is None:
            roots.append(entry)
        else:
            parent.replies.append(entry)
    return roots


class Reviews:
    """Supervision entries in a records store."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def session_info(self, session_id: str) -> tuple[str, str, list[Turn]]:
        """(trainee id, scenario id, recorded turns) of a session."""
        row = self.store.execute(STATE, {"session_id": session_id}).fetchone()
        if row is None:
            raise StoreError(f"no session {session_id}")
        return row["trainee_id"], row["scenario_id"], self.store.turns(session_id)

    def add(self, session_id: str, *, kind: str, author: str, role: str, body: str,
            turn: int | None = None, criterion: str | None = None,
            parent_id: str | None = None, story_texts: Iterable[str] = ()) -> Entry:
        """Record one entry, checked first; :class:`ReviewError` says what to change."""
        if kind not in KINDS:
            raise ReviewError(f"a comment is one of {', '.join(KINDS)}, not {kind!r}")
        if role not in ROLES:
            raise ReviewError(f"the role is trainer or trainee, not {role!r}")
        author = named(author, ReviewError, "writing")
        body = written(body, ReviewError, "it", empty="the comment is empty")
        trainee, _scenario, turns = self.session_info(session_id)
        if self.story(trainee, story_texts).quoted(body):
            raise ReviewError("this quotes the story the trainee shared; describe what they"
                              " did in your own words instead")
        parent = self.entry(parent_id) if parent_id else None
        if kind in ("reply", "answer") and parent is None:
            raise ReviewError(f"a {kind} needs the comment it answers")
        if parent is not None:
            if parent.session_id != session_id:
                raise ReviewError("that comment belongs to another session")
            if kind == "answer" and parent.kind != "prompt":
                raise ReviewError("only a co-reflection prompt takes an answer")
            turn = parent.turn if turn is None else turn
        if kind in ("flag", "proposal") and turn is None:
            raise ReviewError(f"a {_NAMES[kind]} is about one turn: give its number")
        writer = _WRITTEN_BY.get(kind)
        if writer is not None and role != writer:
            raise ReviewError(f"a {_NAMES[kind]} is written by the {writer}")
        beat = None
        if turn is not None:
            found = next((t for t in turns if t.index == turn), None)
            if found is None:
                raise ReviewError(f"this session has no turn {turn + 1}")
            beat = found.beat
            scored = {s.criterion for s in found.score.scores}
            if criterion is not None and criterion not in scored:
                raise ReviewError(f"turn {turn + 1} was not scored on {criterion!r}; it was"
                                  f" scored on {', '.join(sorted(scored)) or 'nothing'}")
        return insert_entry(self.store, session_id, parent.id if parent else None, turn, beat,
                            criterion, kind, author, role, body)

    def entry(self, entry_id: str | None) -> Entry:
        """One entry; ReviewError when there is none."""
        row = self.store.execute(ENTRY, {"id": entry_id}).fetchone()
        if row is None:
            raise ReviewError(f"no comment {entry_id}")
        return _entry(row)

    def entries(self, session_id: str) -> list[Entry]:
        """Every entry on a session, in the order written."""
        return [_entry(r) for r in self.store.execute(OF_SESSION, {"session_id": session_id})]

    def unread(self, trainee_id: str, reader: str | None = None) -> list[Entry]:
        """Entries on ``trainee_id``'s sessions that ``reader`` (the trainee, by default)
        did not write and has not yet read."""
        who = reader or trainee_id
        return [_entry(r) for r in self.store.execute(UNREAD, {"trainee_id": trainee_id,
                                                                "reader": who})]

    def mark_read(self, reader: str, entries: Iterable[Entry]) -> None:
        """Remember that ``reader`` has seen these entries."""
        now = iso(self.store.clock())
        with self.store.write():
            for entry in entries:
                self.store.execute(READ, {"entry_id": entry.id, "reader": reader, "now": now})

    def cohort_sessions(self, cohort_id: str) -> list[dict[str, Any]]:
        """A cohort's sessions (newest first, set-aside ones left out) with entry counts."""
        return [{k: row[k] for k in ("id", "trainee_id", "scenario_id", "mode", "started_at",
                                     "completed_at", "overall", "passed", "turns", "entries")}
                for row in self.store.execute(COHORT_SESSIONS, {"cohort_id": cohort_id})]

    def story(self, trainee_id: str, story_texts: Iterable[str] = ()) -> StoryQuotes:
        """What an entry on ``trainee_id``'s sessions must not quote: ``story_texts``
        (the practice decks' and this machine's own decks' titles and words) and the
        trainee's own decks kept in the store."""
        return StoryQuotes([*story_texts, *stored_story_texts(self.store, trainee_id)])

    def export_rows(self, cohort_id: str | None = None, story_texts: Iterable[str] = ()
                    ) -> list[dict[str, object]]:
        """Every entry (of a cohort, or of the whole store) with its trainee and scenario.
        An entry that quotes a story piece (``story_texts`` or the trainee's stored own
        decks) has its body replaced by :data:`WITHHELD` and ``withheld`` set, so no
        export, report or xAPI statement carries it."""
        rows = list(self.store.execute(OF_COHORT, {"cohort_id": cohort_id}) if cohort_id
                    else self.store.execute(ALL))
        shared = list(story_texts)
        everyone = StoryQuotes(shared)  # built once; a trainee with stored decks adds theirs
        checks: dict[str, StoryQuotes] = {}
        out: list[dict[str, object]] = []
        for r in rows:
            row: dict[str, object] = {"trainee_id": r["trainee_id"],
                                      "scenario_id": r["scenario_id"], **_entry(r).as_dict()}
            trainee = str(r["trainee_id"])
            if trainee not in checks:
                own = stored_story_texts(self.store, trainee)
                checks[trainee] = StoryQuotes([*shared, *own]) if own else everyone
            if checks[trainee].quoted(str(row["body"])):
                row.update(body=WITHHELD, withheld=True)
            out.append(row)
        return out


def insert_entry(store: SqlStore, session_id: str, parent_id: str | None, turn: int | None,
                 beat: str | None, criterion: str | None, kind: str, author: str, role: str,
                 body: str, stance: str | None = None) -> Entry:
    """Write one checked entry, read by its writer, with the role they wrote it in when
    given (one transaction; the checks are the caller's)."""
    entry = Entry("r-" + uuid.uuid4().hex[:16], session_id, 0, parent_id, turn, beat,
                  criterion, kind, author, role, body, iso(store.clock()))
    with store.write():
        entry = replace(entry, seq=int(store.execute(NEXT_SEQ).fetchone()[0]))
        store.execute(INSERT, {**{f: getattr(entry, f) for f in _FIELDS if f != "turn_idx"},
                               "turn_idx": turn})
        # what you write yourself is read
        store.execute(READ, {"entry_id": entry.id, "reader": author, "now": entry.created_at})
        if stance is not None:
            store.execute(STANCE, {"entry_id": entry.id, "stance": stance})
    return entry
