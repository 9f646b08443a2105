"""Supervision entries as files: every comment of a cohort (csv, jsonl), and the lines
trainees proposed, for the scenario's author.

Entries hold reviewers' and trainees' own words about a conversation, never the story
pieces shared in it: the records refuse a comment that quotes one, and an entry that
got in anyway (written before the check held, or imported) is withheld here, its body
replaced and its xAPI statement never sent.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from simulator.exports.files import atomic_file
from simulator.exports.names import NO_NAMES, Names, titled
from simulator.exports.sanitise import cell, cells, json_line, markup
from simulator.records.review import WITHHELD, Reviews
from simulator.records.sql_store import SqlStore
from simulator.storyquote import StoryQuotes

COLUMNS = ("trainee_id", "session_id", "scenario_id", "turn", "beat", "kind", "criterion",
           "author", "role", "body", "id", "parent_id", "created_at", "resolution",
           "resolution_reason", "resolution_level", "resolved_by", "stance")
_COUNTED = ("comments", "reply", "prompt", "answer", "flag", "proposal")
PROPOSAL_COLUMNS = ("scenario_id", "beat", "turn", "body", "trainee_id", "session_id",
                    "created_at", "resolution", "resolution_reason", "resolved_by")


def _cell(name: str, value: object) -> object:
    if name == "turn" and isinstance(value, int):
        return value + 1  # people count turns from 1
    return "" if value is None else cell(value)


def write_entries(rows: Sequence[dict[str, object]], target: Path,
                  columns: Sequence[str] = COLUMNS) -> int:
    """Write ``rows`` as CSV (a ``.csv`` target) or JSON Lines (anything else)."""
    with atomic_file(target) as handle:
        if target.suffix.lower() == ".csv":
            writer = csv.writer(handle)
            writer.writerow(cells(columns))
            for row in rows:
                writer.writerow([_cell(c, row.get(c)) for c in columns])
        else:
            for row in rows:
                data = {c: row.get(c) for c in columns}
                if isinstance(data.get("turn"), int):
                    data["turn"] = int(str(data["turn"])) + 1
                handle.write(json_line(data))
    return len(rows)


def with_resolutions(store: SqlStore, rows: Sequence[dict[str, object]],
                     story: Iterable[str] = ()) -> list[dict[str, object]]:
    """``rows`` with what became of each flag and proposed line (the latest decision:
    ``resolution``, its reason, the trainer's level and who decided); a reason that
    quotes a story piece is withheld like a comment's body."""
    from simulator.records.resolutions import Resolutions

    latest: dict[str, dict[str, object]] = {}
    for row in Resolutions(store).export_rows():
        latest[str(row["entry_id"])] = row
    shared = list(story)
    checks: dict[str, StoryQuotes] = {}
    out: list[dict[str, object]] = []
    for row in rows:
        found = latest.get(str(row["id"]))
        if found is None:
            out.append(dict(row))
            continue
        trainee = str(row["trainee_id"])
        if trainee not in checks:
            checks[trainee] = Reviews(store).story(trainee, shared)
        reason = str(found["reason"])
        out.append({**row, "resolution": found["state"],
                    "resolution_reason": WITHHELD if checks[trainee].quoted(reason)
                    else reason, "resolution_level": found["level"],
                    "resolved_by": found["resolved_by"]})
    return out


def with_stances(store: SqlStore, rows: Sequence[dict[str, object]]
                 ) -> list[dict[str, object]]:
    """``rows`` with the role each entry's writer stated (``stance``: peer-supervisor,
    non-peer-supervisor or peer-trainee; blank when none was stated)."""
    from simulator.records.peer_review import PeerReviews

    stated = PeerReviews(store).all_stances()
    return [{**row, "stance": stated.get(str(row["id"]))} for row in rows]


def proposals(rows: Sequence[dict[str, object]], scenario_id: str | None = None
              ) -> list[dict[str, object]]:
    """The proposed lines among ``rows`` (of one scenario, if given), by scenario and beat."""
    found = [r for r in rows if r.get("kind") == "proposal"
             and (scenario_id is None or r.get("scenario_id") == scenario_id)]
    return sorted(found, key=lambda r: (str(r["scenario_id"]), str(r["beat"]),
                                        str(r["created_at"])))


def by_session(store: SqlStore, cohort_id: str, story: Iterable[str] = ()
               ) -> dict[str, list[dict[str, object]]]:
    """The cohort's entries grouped by session (for the JSON Lines export)."""
    out: dict[str, list[dict[str, object]]] = {}
    for row in Reviews(store).export_rows(cohort_id, story):
        entry = {k: v for k, v in row.items() if k not in ("trainee_id", "scenario_id")}
        out.setdefault(str(row["session_id"]), []).append(entry)
    return out


def statements(store: SqlStore, cohort_id: str, home: str,
               statement_id: Callable[..., str], accounts: str = "",
               story: Iterable[str] = ()) -> Iterator[dict[str, Any]]:
    """One xAPI ``commented`` statement per entry: the writer is the actor (an opaque
    account: a reviewer's name as they signed, or the trainee's id), the turn's beat
    (or the scenario) is the object, the words are the response. An entry that quotes
    a story piece is never sent (statements cannot be taken back)."""
    for row in Reviews(store).export_rows(cohort_id, story):
        if row.get("withheld"):
            continue
        scenario = f"{home}/scenarios/{row['scenario_id']}"
        target = f"{scenario}/beats/{row['beat']}" if row["beat"] else scenario
        extensions: dict[str, object] = {f"{home}/xapi/extensions/review-kind": row["kind"],
                                         f"{home}/xapi/extensions/review-role": row["role"]}
        if row["criterion"]:
            extensions[f"{home}/xapi/extensions/criterion"] = row["criterion"]
        if row["parent_id"]:
            extensions[f"{home}/xapi/extensions/in-reply-to"] = statement_id(
                "review", row["parent_id"])
        yield {
            "id": statement_id("review", row["id"]),
            "actor": {"objectType": "Agent",
                      "account": {"homePage": accounts or home,
                                  "name": str(row["author"])}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/commented",
                     "display": {"en": "commented"}},
            "object": {"objectType": "Activity", "id": target},
            "result": {"response": str(row["body"])},
            "context": {"registration": statement_id("session", row["session_id"]),
                        "contextActivities": {"grouping": [
                            {"id": f"{home}/cohorts/{cohort_id}", "objectType": "Activity"}]},
                        "platform": "peersim", "extensions": extensions},
            "timestamp": row["created_at"],
        }


def _criterion(names: Names, criterion: object) -> str:
    """A disputed criterion by name ("the turn" for the turn as a whole)."""
    if not criterion:
        return "the turn"
    name = names.criterion(str(criterion))
    return name if name == criterion else f"{name} ({criterion})"


def report_section(store: SqlStore, cohort_id: str, story: Iterable[str] = (),
                   names: Names = NO_NAMES) -> str:
    """The report's supervision section: what each trainee received and wrote, and
    every "I disagree" flag with its reason (where the rubric may need a second look),
    each scenario and criterion by its title or name (``names``) beside its id."""
    rows = Reviews(store).export_rows(cohort_id, story)
    if not rows:
        return "<h2>Supervision</h2>\n<p>No comments yet.</p>"
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        mine = counts.setdefault(str(row["trainee_id"]), dict.fromkeys(_COUNTED, 0))
        key = "comments" if row["kind"] in ("strength", "question", "suggestion", "note") \
            else str(row["kind"])
        if key in mine:
            mine[key] += 1
    table = "".join(f"<tr><td>{markup(t)}</td>" + "".join(f"<td>{c[k]}</td>" for k in _COUNTED)
                    + "</tr>" for t, c in sorted(counts.items()))
    flags = "".join(
        f"<tr><td>{markup(r['trainee_id'])}</td><td>{markup(titled(names, str(r['scenario_id'])))}"
        f"</td><td>{_cell('turn', r['turn'])}</td><td>{markup(_criterion(names, r['criterion']))}"
        f"</td><td>{markup(r['author'])} ({markup(r['role'])})</td>"
        f"<td>{markup(r['body'])}</td></tr>" for r in rows if r["kind"] == "flag")
    head = "".join(f"<th>{markup(k)}</th>" for k in _COUNTED)
    return (f"<h2>Supervision</h2>\n<table><tr><th>Trainee</th>{head}</tr>{table}</table>\n"
            "<h3>Scores someone disagreed with</h3>\n"
            + ("<table><tr><th>Trainee</th><th>Scenario</th><th>Turn</th><th>Criterion</th>"
               f"<th>By</th><th>Reason</th></tr>{flags}</table>" if flags else "<p>None.</p>"))
