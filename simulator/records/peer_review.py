"""Peer review and reviewers' roles: who a comment comes from, and a fellow trainee's
review given only with consent on both sides.

Why: Stefancic et al. (2021) found peer specialists value peer supervisors (who share
lived experience) and input from fellow peers, and that role clarity matters. So every
reviewer says whether they write as a peer supervisor or a non-peer supervisor, and the
stance is stored with the comment and shown beside it. A trainee may review another
trainee's session only when the session's owner has invited them and they have
accepted; either may withdraw at any time, after which the reviewer can neither read
nor write that trainee's reviews. A peer's comments are marked as peer review.

Consent is two rows, one written by each person (``side`` says which): a database
account can write only its own row (simulator/records/db_roles.py), so nobody can
forge the other person's agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from simulator.records.api import Refused
from simulator.records.certify_sql import now
from simulator.records.review import (
    COMMENT_KINDS,
    STANCE,
    Entry,
    ReviewError,
    Reviews,
    insert_entry,
    written,
)
from simulator.records.sql_store import SqlStore
from simulator.records.statements import INSERT_TRAINEE

STANCES = ("peer-supervisor", "non-peer-supervisor", "peer-trainee")
STANCE_WORDS = {"peer-supervisor": "peer supervisor",
                "non-peer-supervisor": "non-peer supervisor",
                "peer-trainee": "peer review (a fellow trainee)"}
SIDES = ("owner", "reviewer")

UPSERT = ("INSERT INTO peer_consents (giver_id, other_id, side, agreed_at, revoked_at)"
          " VALUES (:giver, :other, :side, :now, NULL) ON CONFLICT (giver_id, other_id,"
          " side) DO UPDATE SET agreed_at = excluded.agreed_at, revoked_at = NULL")
REVOKE = ("UPDATE peer_consents SET revoked_at = :now WHERE giver_id = :giver AND"
          " other_id = :other AND revoked_at IS NULL")
SIDE = ("SELECT agreed_at, revoked_at FROM peer_consents WHERE giver_id = :giver AND"
        " other_id = :other AND side = :side")
MINE = ("SELECT giver_id, other_id, side, agreed_at, revoked_at FROM peer_consents WHERE"
        " giver_id = :person OR other_id = :person ORDER BY agreed_at, giver_id, other_id")
STANCES_OF = ("SELECT t.entry_id, t.stance FROM review_stances t JOIN review_entries e ON"
              " e.id = t.entry_id WHERE e.session_id = :session_id")
OWNER = "SELECT trainee_id FROM sessions WHERE id = :session_id"
ALL_STANCES = "SELECT entry_id, stance FROM review_stances"


class PeerError(Refused):
    """Peer review that cannot go ahead as asked; the message says why."""


@dataclass(frozen=True)
class Consent:
    """One person's side of a peer-review agreement about the owner's sessions."""

    owner_id: str
    reviewer_id: str
    side: str  # "owner" (invited) or "reviewer" (accepted)
    agreed_at: str
    revoked_at: str | None


def _consent(row: Any) -> Consent:
    giver, other, side = str(row["giver_id"]), str(row["other_id"]), str(row["side"])
    owner, reviewer = (giver, other) if side == "owner" else (other, giver)
    return Consent(owner, reviewer, side, row["agreed_at"], row["revoked_at"])


def stance_words(stance: str | None) -> str:
    """How a comment's stance is shown (nothing recorded: "role not stated")."""
    return STANCE_WORDS.get(stance or "", "role not stated")


class PeerReviews:
    """Consent between trainees, peer comments, and every reviewer's stated role."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    # -- consent ---------------------------------------------------------------------------

    def _agree(self, giver: str, other: str, side: str) -> None:
        if giver == other:
            raise PeerError("a trainee reviews their own sessions already; choose a fellow"
                            " trainee")
        stamp = now(self.store)
        with self.store.write():
            self.store.execute(INSERT_TRAINEE, {"trainee_id": giver, "now": stamp})
            self.store.execute(UPSERT, {"giver": giver, "other": other, "side": side,
                                        "now": stamp})

    def invite(self, owner_id: str, reviewer_id: str) -> None:
        """The owner agrees that ``reviewer_id`` may review their sessions."""
        self._agree(owner_id, reviewer_id, "owner")

    def accept(self, reviewer_id: str, owner_id: str) -> None:
        """The reviewer agrees to review the owner's sessions."""
        self._agree(reviewer_id, owner_id, "reviewer")

    def withdraw(self, person: str, other: str) -> None:
        """Either person ends the agreement (their own side; the record of it stays)."""
        with self.store.write():
            self.store.execute(REVOKE, {"now": now(self.store), "giver": person,
                                        "other": other})

    def _side(self, giver: str, other: str, side: str) -> bool:
        row = self.store.execute(SIDE, {"giver": giver, "other": other, "side": side}
                                 ).fetchone()
        return row is not None and row["revoked_at"] is None

    def agreed(self, owner_id: str, reviewer_id: str) -> bool:
        """Whether both have agreed and neither has withdrawn."""
        return self._side(owner_id, reviewer_id, "owner") and \
            self._side(reviewer_id, owner_id, "reviewer")

    def consents(self, person: str) -> list[Consent]:
        """Every side of every agreement ``person`` is part of."""
        return [_consent(r) for r in self.store.execute(MINE, {"person": person})]

    # -- reading and writing -----------------------------------------------------------------

    def _owner(self, session_id: str) -> str:
        # a trainee's database account cannot see a session it may not review at all
        row = self.store.execute(OWNER, {"session_id": session_id}).fetchone()
        if row is None:
            raise PeerError(f"there is no session {session_id} that you may review")
        return str(row[0])

    def may_review(self, trainee_id: str, session_id: str) -> bool:
        """A trainee may see and write a session's reviews if it is theirs, or its owner and
        they have both agreed to peer review."""
        owner = self._owner(session_id)
        return owner == trainee_id or self.agreed(owner, trainee_id)

    def entries_for(self, trainee_id: str, session_id: str) -> list[Entry]:
        """A session's review entries as ``trainee_id`` may read them."""
        if not self.may_review(trainee_id, session_id):
            raise PeerError("this session's owner has not agreed to your peer review")
        return Reviews(self.store).entries(session_id)

    def comment(self, reviewer_id: str, session_id: str, *, kind: str, body: str,
                turn: int | None = None) -> Entry:
        """A fellow trainee's strength, question or suggestion, marked as peer review."""
        owner = self._owner(session_id)
        if owner == reviewer_id:
            raise PeerError("this is your own session: reply to your supervisor instead")
        if not self.agreed(owner, reviewer_id):
            raise PeerError("peer review needs you both to agree: the session's owner"
                            " invites you and you accept")
        if kind not in COMMENT_KINDS:
            raise ReviewError(f"a peer comment is one of {', '.join(COMMENT_KINDS)}")
        return self._insert(session_id, owner, kind, reviewer_id, "trainee", body, turn,
                            "peer-trainee")

    def supervise(self, session_id: str, *, kind: str, author: str, body: str, stance: str,
                  turn: int | None = None, criterion: str | None = None) -> Entry:
        """A supervisor's comment with the role they write in (peer or non-peer)."""
        if stance not in STANCES[:2]:
            raise PeerError("say whether you write as a peer supervisor or a non-peer"
                            " supervisor")
        entry = Reviews(self.store).add(session_id, kind=kind, author=author,
                                        role="trainer", body=body, turn=turn,
                                        criterion=criterion)
        self.state_role(entry.id, stance)
        return entry

    def state_role(self, entry_id: str, stance: str) -> None:
        """Store the role a supervisor wrote an entry in (once; it is not rewritten)."""
        if stance not in STANCES[:2]:
            raise PeerError("say whether you write as a peer supervisor or a non-peer"
                            " supervisor")
        with self.store.write():
            self.store.execute(STANCE, {"entry_id": entry_id, "stance": stance})

    def _insert(self, session_id: str, owner: str, kind: str, author: str, role: str,
                body: str, turn: int | None, stance: str) -> Entry:
        reviews = Reviews(self.store)
        body = written(body, ReviewError, "it", empty="the comment is empty")
        if reviews.story(owner).quoted(body):
            raise ReviewError("this quotes the story your fellow trainee shared; describe"
                              " what they did in your own words instead")
        beat = None
        if turn is not None:
            found = next((t for t in self.store.turns(session_id) if t.index == turn), None)
            if found is None:
                raise ReviewError(f"this session has no turn {turn + 1}")
            beat = found.beat
        return insert_entry(self.store, session_id, None, turn, beat, None, kind, author,
                            role, body, stance)

    def all_stances(self) -> dict[str, str]:
        """Every entry's stated role in the store, by entry id (for exports)."""
        return {str(r["entry_id"]): str(r["stance"]) for r in self.store.execute(ALL_STANCES)}

    def stances(self, session_id: str) -> dict[str, str]:
        """Each entry's stated role on a session, by entry id (absent: not stated)."""
        return {str(r["entry_id"]): str(r["stance"])
                for r in self.store.execute(STANCES_OF, {"session_id": session_id})}
