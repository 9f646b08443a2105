"""Sign-off: a trainer's verdict on an assessed session, beside the mechanical one.

Why both are kept: the rubric's pass is mechanical; a trainer who watched the whole
conversation may see what it missed (or agree with a trainee's "I disagree" flag). A
sign-off records the trainer's verdict ("pass" or "not yet") with a reason, and the
mechanical verdict as it stood, so an override is visible as one and nothing is
rewritten. Signing again adds a new sign-off; the latest is the one that counts, and the
earlier ones stay in the record.

The reason is the trainer's own words: like every review entry it must not quote the
trainee's story (checked with :meth:`Reviews.story`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from simulator.records.api import Refused, StoreError
from simulator.records.certify_sql import new_id, next_seq, now, session_row
from simulator.records.review import WITHHELD, Reviews, named, written
from simulator.records.sql_store import SqlStore
from simulator.records.statements import COHORT_MEMBERS
from simulator.storyquote import StoryQuotes

VERDICTS = ("pass", "not-yet")
_COLUMNS = "id, session_id, verdict, mechanical, reason, trainer, created_at"
INSERT = (f"INSERT INTO signoffs (seq, {_COLUMNS}) VALUES ({next_seq('signoffs')},"
          f" {', '.join(':' + c for c in _COLUMNS.split(', '))})")
OF_SESSION = f"SELECT {_COLUMNS} FROM signoffs WHERE session_id = :session_id ORDER BY seq"
_WITH = (f"SELECT {', '.join('g.' + c for c in _COLUMNS.split(', '))}, s.trainee_id,"
         " s.scenario_id FROM signoffs g JOIN sessions s ON s.id = g.session_id")
ALL = f"{_WITH} ORDER BY s.trainee_id, g.session_id, g.seq"
ALL_COHORT = (f"{_WITH} JOIN cohort_members m ON m.trainee_id = s.trainee_id"
              " WHERE m.cohort_id = :cohort_id ORDER BY s.trainee_id, g.session_id, g.seq")
OF_COHORT = (f"SELECT {', '.join('g.' + c for c in _COLUMNS.split(', '))} FROM signoffs g"
             " JOIN sessions s ON s.id = g.session_id JOIN cohort_members m"
             " ON m.trainee_id = s.trainee_id WHERE m.cohort_id = :cohort_id ORDER BY g.seq")
ASSESSED = ("SELECT s.id, s.trainee_id, s.scenario_id, s.completed_at, s.passed, s.overall"
            " FROM sessions s JOIN cohort_members m ON m.trainee_id = s.trainee_id"
            " WHERE m.cohort_id = :cohort_id AND s.mode = 'assessment'"
            " AND s.completed_at IS NOT NULL"
            " ORDER BY s.trainee_id, s.completed_at, s.id")


class SignOffError(Refused):
    """A sign-off that cannot be recorded as given; the message says what to change."""


def verdict_words(verdict: str) -> str:
    """"pass" or "not yet", as people say them."""
    return "not yet" if verdict == "not-yet" else verdict


@dataclass(frozen=True)
class SignOff:
    """One trainer's verdict on one session, with the mechanical verdict it stood beside."""

    id: str
    session_id: str
    verdict: str  # "pass" or "not-yet"
    mechanical: bool | None  # the rubric's pass when signed (None: not recorded)
    reason: str
    trainer: str
    created_at: str

    @property
    def overrides(self) -> bool:
        """True when the trainer's verdict differs from the mechanical one."""
        return self.mechanical is not None and (self.verdict == "pass") != self.mechanical

    def describe(self) -> str:
        """One line for the review and the debrief."""
        mech = "not recorded" if self.mechanical is None else \
            "pass" if self.mechanical else "not passed"
        head = f"Signed off by {self.trainer}: {verdict_words(self.verdict)}"
        what = f" (overriding the scored verdict: {mech})" if self.overrides else \
            f" (the scored verdict: {mech})"
        return f"{head}{what}. {self.reason}"

    def as_dict(self) -> dict[str, object]:
        """Plain data for exports."""
        return {**self.__dict__, "overrides": self.overrides}


def _signoff(row: Any) -> SignOff:
    mech = None if row["mechanical"] is None else bool(row["mechanical"])
    return SignOff(row["id"], row["session_id"], row["verdict"], mech, row["reason"],
                   row["trainer"], row["created_at"])


@dataclass(frozen=True)
class Standing:
    """One trainee's assessed sessions: signed off (latest sign-off each) and still open."""

    trainee_id: str
    signed: list[tuple[dict[str, Any], SignOff]]
    open: list[dict[str, Any]]


class SignOffs:
    """Sign-offs in a records store."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def sign(self, session_id: str, *, verdict: str, reason: str, trainer: str,
             story_texts: Iterable[str] = ()) -> SignOff:
        """Record a trainer's verdict on a finished assessment session."""
        if verdict not in VERDICTS:
            raise SignOffError(f"the verdict is pass or not-yet, not {verdict!r}")
        trainer = named(trainer, SignOffError, "signing off")
        reason = written(reason, SignOffError, "the reason",
                         empty="give the reason for the verdict; the trainee reads it")
        row = session_row(self.store, session_id)
        if row is None:
            raise StoreError(f"no session {session_id}")
        if row["completed_at"] is None:
            raise SignOffError("this session is not finished; sign off once it is")
        if row["mode"] != "assessment":
            raise SignOffError("only an assessed session is signed off; this one was"
                               " practice")
        if Reviews(self.store).story(row["trainee_id"], story_texts).quoted(reason):
            raise SignOffError("this quotes the story the trainee shared; describe what they"
                               " did in your own words instead")
        mech = None if row["passed"] is None else bool(row["passed"])
        made = SignOff(new_id("g"), session_id, verdict, mech, reason, trainer,
                       now(self.store))
        with self.store.write():
            self.store.execute(INSERT, {**made.__dict__,
                                        "mechanical": None if mech is None else int(mech)})
        return made

    def history(self, session_id: str) -> list[SignOff]:
        """Every sign-off of a session, oldest first."""
        return [_signoff(r)
                for r in self.store.execute(OF_SESSION, {"session_id": session_id})]

    def latest(self, session_id: str) -> SignOff | None:
        """The sign-off that counts (the latest), or None."""
        found = self.history(session_id)
        return found[-1] if found else None

    def export_rows(self, cohort_id: str | None = None, story_texts: Iterable[str] = ()
                    ) -> list[dict[str, object]]:
        """Every sign-off (of a cohort, or of the whole store) with its trainee and
        scenario, for exports. A reason that
        quotes a story piece (one that got in before the check, or by an import) is
        replaced by :data:`WITHHELD` and ``withheld`` set."""
        shared = list(story_texts)
        checks: dict[str, StoryQuotes] = {}
        out: list[dict[str, object]] = []
        found = (self.store.execute(ALL_COHORT, {"cohort_id": cohort_id}) if cohort_id
                 else self.store.execute(ALL)).fetchall()
        for r in found:
            trainee = str(r["trainee_id"])
            if trainee not in checks:
                checks[trainee] = Reviews(self.store).story(trainee, shared)
            row: dict[str, object] = {"trainee_id": trainee, "scenario_id": r["scenario_id"],
                                      **_signoff(r).as_dict(), "withheld": False}
            if checks[trainee].quoted(str(row["reason"])):
                row.update(reason=WITHHELD, withheld=True)
            out.append(row)
        return out

    def by_session(self, cohort_id: str) -> dict[str, list[SignOff]]:
        """Every sign-off of the cohort's sessions, oldest first, by session (one query)."""
        found: dict[str, list[SignOff]] = {}
        for row in self.store.execute(OF_COHORT, {"cohort_id": cohort_id}).fetchall():
            found.setdefault(str(row["session_id"]), []).append(_signoff(row))
        return found

    def certification(self, cohort_id: str) -> list[Standing]:
        """Per trainee of the cohort: assessed sessions signed off and those still open."""
        self.store.cohort(cohort_id)  # StoreError naming the cohort when there is none
        which = {"cohort_id": cohort_id}
        members = [str(r[0]) for r in self.store.execute(COHORT_MEMBERS, which).fetchall()]
        by_trainee: dict[str, Standing] = {t: Standing(t, [], []) for t in members}
        for row in self.store.execute(ASSESSED, which).fetchall():
            session = {k: row[k] for k in ("id", "trainee_id", "scenario_id", "completed_at",
                                           "passed", "overall")}
            standing = by_trainee.setdefault(row["trainee_id"],
                                             Standing(row["trainee_id"], [], []))
            last = self.latest(row["id"])
            if last is None:
                standing.open.append(session)
            else:
                standing.signed.append((session, last))
        return list(by_trainee.values())
