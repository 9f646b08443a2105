"""The report's record-of-growth page: per trainee of the cohort, each criterion over
time, the strengths reviewers named, and the development goals agreed.

Why a page of its own: a trainer preparing supervision or certification reads one
trainee's growth across sessions, not one session at a time. Strengths and goals are
people's own words; one that quotes a piece of the trainee's story (it got in before the
check, or by an import) is withheld here, as in every other export.
"""

from __future__ import annotations

from collections.abc import Iterable

from simulator.exports.names import Names
from simulator.exports.sanitise import markup
from simulator.records.growth import Growth, growth_of, signed_words
from simulator.records.peer_review import stance_words
from simulator.records.review import WITHHELD, Reviews
from simulator.records.sql_store import SqlStore


def _criteria(growth: Growth, names: Names) -> str:
    if not growth.criteria:
        return "<p>No finished sessions yet.</p>"
    rows = "".join(
        f"<tr><td>{markup(names.criterion(name))}</td><td>"
        + "; ".join(f"{markup(p.started_at[:10])} {markup(p.scenario_id)} {p.mode}"
                    f" {p.level:g} ({signed_words(p)})" for p in points)
        + "</td></tr>" for name, points in growth.criteria.items())
    return ("<table><tr><th>Criterion</th><th>Each finished session, oldest first"
            f" (mean level 0-3)</th></tr>{rows}</table>")


def _trainee(store: SqlStore, trainee_id: str, story: list[str], names: Names) -> str:
    growth = growth_of(store, trainee_id)
    quotes = Reviews(store).story(trainee_id, story)

    def own(text: str) -> str:
        return markup(WITHHELD if quotes.quoted(text) else text)

    strengths = "".join(f"<li>{own(s.body)} ({markup(s.author)},"
                        f" {stance_words(s.stance)})</li>" for s in growth.strengths)
    goals = "".join(f"<li>{own(g.describe())}</li>" for g in growth.goals)
    return (f"<h3>{markup(trainee_id)}</h3>\n{_criteria(growth, names)}\n<h4>Named strengths</h4>\n"
            + (f"<ul>{strengths}</ul>" if strengths else "<p>None named yet.</p>")
            + "\n<h4>Development goals</h4>\n"
            + (f"<ul>{goals}</ul>" if goals else "<p>No goals set yet.</p>"))


def report_section(store: SqlStore, cohort_id: str, story: Iterable[str] = (),
                   names: Names | None = None) -> str:
    """The record-of-growth page for every trainee of the cohort (criteria by name when
    ``names`` knows them)."""
    names = names or Names()
    shared = list(story)
    members = list(store.cohort(cohort_id).members)
    body = "\n".join(_trainee(store, t, shared, names) for t in members)
    return ("<h2>Record of growth</h2>\n<p class=\"note\">Per trainee: each criterion over"
            " time with the trainer's sign-off, strengths reviewers named (with the role"
            " they wrote in), and the development goals agreed.</p>\n"
            + (body or "<p>No trainees yet.</p>"))
