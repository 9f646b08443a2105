"""A record of growth: per trainee, each criterion over time, named strengths and the
development goals they and their trainer agreed on.

Why: a certification programme looks at how a trainee grows, not at one session
(Stefancic et al. 2021: professional development). Each finished session gives one
point per criterion (the mean level over its scored turns), marked as practice or
assessment, with the trainer's latest sign-off beside it. Strengths are the words of
the strength comments reviewers wrote (never the trainee's story: those comments are
checked against it when written), each with the reviewer's stated role. Goals come from
:mod:`simulator.records.goals`.

Headless: the report page and the app's screen both render :func:`growth_lines`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from simulator.records.goals import Goal, Goals
from simulator.records.peer_review import PeerReviews, stance_words
from simulator.records.review import Reviews
from simulator.records.signoff import SignOffs, verdict_words
from simulator.records.sql_store import SqlStore


@dataclass(frozen=True)
class Point:
    """One finished session's level on one criterion."""

    session_id: str
    scenario_id: str
    started_at: str
    mode: str  # practice or assessment
    level: float
    signed: str | None  # the latest sign-off's verdict, or None


@dataclass(frozen=True)
class Strength:
    """A strength a reviewer named, in their words, with their stated role."""

    session_id: str
    author: str
    stance: str
    body: str
    created_at: str


@dataclass(frozen=True)
class Growth:
    """Everything on a trainee's record of growth."""

    trainee_id: str
    criteria: dict[str, list[Point]]  # oldest first
    strengths: list[Strength]
    goals: list[Goal]


def growth_of(store: SqlStore, trainee_id: str) -> Growth:
    """The record of growth of one trainee (finished sessions, oldest first)."""
    criteria: dict[str, list[Point]] = {}
    strengths: list[Strength] = []
    reviews, peers, signoffs = Reviews(store), PeerReviews(store), SignOffs(store)
    finished = [s for s in store.sessions(trainee_id) if s.completed_at]
    for summary in sorted(finished, key=lambda s: (s.started_at, s.session_id)):
        levels: dict[str, list[int]] = {}
        for turn in store.turns(summary.session_id):
            for score in turn.score.scores:
                levels.setdefault(score.criterion, []).append(score.level)
        last = signoffs.latest(summary.session_id)
        for criterion, found in levels.items():
            criteria.setdefault(criterion, []).append(Point(
                summary.session_id, summary.scenario_id, summary.started_at, summary.mode,
                round(sum(found) / len(found), 2), last.verdict if last else None))
        stances = peers.stances(summary.session_id)
        strengths += [Strength(e.session_id, e.author, stances.get(e.id, ""), e.body,
                               e.created_at)
                      for e in reviews.entries(summary.session_id) if e.kind == "strength"]
    return Growth(trainee_id, dict(sorted(criteria.items())), strengths,
                  Goals(store).of_trainee(trainee_id))


def _trend(points: list[Point]) -> str:
    if len(points) < 2:
        return "one session so far"
    change = points[-1].level - points[0].level
    return "rising" if change > 0 else "holding steady" if change == 0 else "lower lately"


def growth_lines(growth: Growth, names: Mapping[str, str] | None = None) -> list[str]:
    """The record as plain lines (shown as text, never as markup); ``names`` gives each
    criterion's name by its id, where the library is at hand."""
    out = [f"Record of growth: {growth.trainee_id}", "", "Each criterion over time"]
    if not growth.criteria:
        out.append("  No finished sessions yet.")
    for criterion, points in growth.criteria.items():
        marks = " ".join(
            f"{p.level:g}{'A' if p.mode == 'assessment' else ''}"
            f"{'+' if p.signed == 'pass' else '-' if p.signed else ''}" for p in points)
        out.append(f"  {(names or {}).get(criterion, criterion)}: {marks} ({_trend(points)})")
    out += ["  (A: assessment; +/-: signed off as pass / not yet)", "", "Named strengths"]
    out += [f"  {s.body} ({s.author}, {stance_words(s.stance)})" for s in growth.strengths] \
        or ["  None named yet."]
    out += ["", "Development goals"]
    out += [f"  {g.describe()}" for g in growth.goals] or ["  No goals set yet."]
    return out


def signed_words(point: Point) -> str:
    """How a point's sign-off reads in full (for tables)."""
    return verdict_words(point.signed) if point.signed else "not signed off"
