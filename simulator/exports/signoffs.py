"""Sign-offs in every export: the columns the long layout adds, the "sign-offs" sheet,
the JSON Lines keys, the xAPI statements (the trainer is the actor), and the report's
certification section.

Why both verdicts everywhere: the mechanical verdict stays what the rubric said; the
trainer's sign-off sits beside it, and an override is marked as one, so a gradebook
never silently rewrites a score. A reason that quotes a story piece is withheld, as
for every supervision entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from simulator.exports.sanitise import markup
from simulator.records.signoff import SignOff, SignOffs, verdict_words
from simulator.records.sql_store import SqlStore

#: what the long layout adds to every row of a session (its latest sign-off)
LONG_COLUMNS = ("signoff", "signoff_by", "signoff_overrides")
#: the "sign-offs" sheet (every sign-off, the history kept)
SHEET_COLUMNS = ("trainee_id", "session_id", "scenario_id", "verdict", "mechanical",
                 "overrides", "reason", "trainer", "created_at", "id")


def long_cells(latest: SignOff | None) -> list[object]:
    """The long layout's sign-off cells for one session (blank when not signed off)."""
    if latest is None:
        return ["", "", ""]
    return [verdict_words(latest.verdict), latest.trainer,
            "yes" if latest.overrides else "no"]


def latest_by_session(store: SqlStore, cohort_id: str) -> dict[str, SignOff]:
    """The sign-off that counts for each signed-off session of the cohort."""
    return {sid: found[-1] for sid, found in SignOffs(store).by_session(cohort_id).items()}


def sheet_rows(store: SqlStore, cohort_id: str, story: Iterable[str] = ()
               ) -> list[list[object]]:
    """The "sign-offs" sheet's rows."""
    return [[row.get(c) for c in SHEET_COLUMNS]
            for row in SignOffs(store).export_rows(cohort_id, story)]


def by_session(store: SqlStore, cohort_id: str, story: Iterable[str] = ()
               ) -> dict[str, list[dict[str, object]]]:
    """Every sign-off of the cohort as plain data (reasons that quote a story piece
    withheld), oldest first, by session."""
    found: dict[str, list[dict[str, object]]] = {}
    for row in SignOffs(store).export_rows(cohort_id, story):
        data = {k: v for k, v in row.items() if k not in ("trainee_id", "scenario_id")}
        found.setdefault(str(row["session_id"]), []).append(data)
    return found


def jsonl_keys(history: list[dict[str, object]]) -> dict[str, object]:
    """The JSON Lines keys of one session: the sign-off that counts, and all of them."""
    return {"signoff": history[-1] if history else None, "signoffs": history}


def statements(store: SqlStore, cohort_id: str, home: str,
               statement_id: Callable[..., str], accounts: str = "",
               story: Iterable[str] = ()) -> Iterator[dict[str, Any]]:
    """One xAPI statement per sign-off: the trainer (an account with the name they
    signed with) ``signed off`` the scenario for this session, ``success`` their
    verdict; the mechanical verdict and whether it was overridden are extensions, and
    the trainee is named in the context (an opaque id). A reason that quotes a story
    piece is never sent."""
    for row in SignOffs(store).export_rows(cohort_id, story):
        ext = f"{home}/xapi/extensions"
        result: dict[str, Any] = {"success": row["verdict"] == "pass",
                                  "extensions": {f"{ext}/mechanical-passed": row["mechanical"],
                                                 f"{ext}/overrides": row["overrides"]}}
        if not row["withheld"]:
            result["response"] = str(row["reason"])
        yield {
            "id": statement_id("signoff", row["id"]),
            "actor": {"objectType": "Agent",
                      "account": {"homePage": accounts or home, "name": str(row["trainer"])}},
            "verb": {"id": f"{home}/xapi/verbs/signed-off",
                     "display": {"en": "signed off"}},
            "object": {"objectType": "Activity",
                       "id": f"{home}/scenarios/{row['scenario_id']}"},
            "result": result,
            "context": {"registration": statement_id("session", row["session_id"]),
                        "contextActivities": {"grouping": [
                            {"id": f"{home}/cohorts/{cohort_id}", "objectType": "Activity"}]},
                        "platform": "peersim",
                        "extensions": {f"{ext}/trainee": row["trainee_id"]}},
            "timestamp": row["created_at"],
        }


def report_section(store: SqlStore, cohort_id: str, story: Iterable[str] = ()) -> str:
    """The report's certification section: per trainee, assessments signed off (with
    both verdicts) and those still open."""
    standing = SignOffs(store).certification(cohort_id)
    reasons = {str(r["id"]): str(r["reason"])
               for r in SignOffs(store).export_rows(cohort_id, story)}
    lines: list[str] = []
    for item in standing:
        for session, last in item.signed:
            scored = "pass" if session["passed"] else "not passed"
            lines.append(
                f"<tr><td>{markup(item.trainee_id)}</td><td>{markup(session['scenario_id'])}"
                f"</td><td>{scored}</td><td>{verdict_words(last.verdict)}"
                f"{' (override)' if last.overrides else ''}</td><td>{markup(last.trainer)}"
                f"</td><td>{markup(reasons.get(last.id, ''))}</td></tr>")
        for session in item.open:
            scored = "pass" if session["passed"] else "not passed"
            lines.append(f"<tr><td>{markup(item.trainee_id)}</td><td>"
                         f"{markup(session['scenario_id'])}</td><td>{scored}</td>"
                         "<td>open</td><td></td><td></td></tr>")
    if not lines:
        return "<h2>Certification</h2>\n<p>No assessed sessions yet.</p>"
    return ("<h2>Certification</h2>\n<p>Each assessed session with the scored verdict and"
            " the trainer's sign-off; an override is marked.</p>\n<table><tr><th>Trainee</th>"
            "<th>Scenario</th><th>Scored</th><th>Signed off</th><th>By</th><th>Reason</th>"
            f"</tr>{''.join(lines)}</table>")
