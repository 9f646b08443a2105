"""Build the cohort report: spread of each criterion, progress over attempts, pass
rates by scenario, and safety-gate events, in one HTML file that fetches nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from simulator.exports import growth, review, signoffs
from simulator.exports.files import atomic_file
from simulator.exports.rows import sessions
from simulator.exports.sanitise import markup, shown
from simulator.exports.tables import PLAIN, Gradebook
from simulator.records.cohort_queries import CohortDashboard, dashboard
from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore
from simulator.report.charts import bar_chart, line_chart, strip_chart

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 60rem; color: #1d1d1f; }
h1, h2 { font-weight: 600; } table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #ccc; padding: .2rem .6rem; text-align: left; }
.grid { stroke: #ddd; } .tick, .value { font-size: 11px; fill: #444; }
.label { font-size: 12px; fill: #1d1d1f; } .dot { fill: #2a6fb0; opacity: .6; }
.mean { stroke: #1d1d1f; stroke-width: 3; } .bar { fill: #2a6fb0; }
.line { fill: none; stroke: #2a6fb0; stroke-width: 2; }
.note { color: #555; } .axis { stroke: #444; }
.passmark { stroke: #b0402a; stroke-width: 2; stroke-dasharray: 4 3; }
"""


def _pass_marks(store: SqlStore, cohort_id: str, book: Gradebook
                ) -> tuple[dict[str, float], float | None]:
    """Each criterion's pass mark by its name, and the overall pass mark (the rubric's,
    as recorded with the results; None when sessions disagree)."""
    marks: dict[str, float] = {}
    overall: set[float] = set()
    for record in sessions(store, cohort_id, book.selection):
        overall.add(record.result.pass_mark)
        for crit in record.result.criteria:
            if crit.pass_mark is not None:
                marks[crit.name or crit.criterion] = crit.pass_mark
    return marks, (overall.pop() if len(overall) == 1 else None)


def _trainee_table(board: CohortDashboard) -> str:
    rows = "".join(
        f"<tr><td>{markup(t.trainee_id)}</td><td>{t.started}</td><td>{t.completed}</td>"
        f"<td>{t.passed}</td><td>{'' if t.best_overall is None else f'{t.best_overall:.2f}'}"
        f"</td><td>{markup(t.last_activity or '')}</td><td>{t.gate_events}</td></tr>"
        for t in board.trainees)
    return ("<table><tr><th>Trainee</th><th>Started</th><th>Completed</th><th>Passed</th>"
            "<th>Best overall (0-3)</th><th>Last activity (UTC)</th><th>Safety gates</th>"
            f"</tr>{rows}</table>")


def build_report(store: SqlStore, cohort_id: str, target: Path,
                 book: Gradebook = PLAIN) -> int:
    """Write the report over the sessions ``book`` selects; returns how many it covers."""
    board = dashboard(store, cohort_id, book.selection)
    count = board.sessions
    marks, overall_mark = _pass_marks(store, cohort_id, book)
    spread = strip_chart([(c.name, list(c.values)) for c in board.criteria], marks=marks)
    rates = bar_chart([(book.names.title(r.scenario_id), r.rate,
                        f"{r.passed} of {r.completed} passed") for r in board.pass_rates])
    progress = line_chart([(p.attempt, p.mean_overall) for p in board.progress],
                          pass_mark=overall_mark)
    gates = board.gates
    gate_rows = "".join(f"<tr><td>{markup(g.at)}</td><td>{markup(g.trainee_id)}</td>"
                        f"<td>{markup(book.names.title(g.scenario_id))}</td>"
                        f"<td>{markup(g.gate)}</td></tr>" for g in gates)
    means = "".join(f"<tr><td>{markup(c.name)}</td><td>{c.mean:.2f}</td>"
                    f"<td>{'' if c.name not in marks else f'{marks[c.name]:g}'}</td>"
                    f"<td>{len(c.values)}</td></tr>" for c in board.criteria)
    cohort = get_cohort(store, cohort_id)
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>peersim report: {markup(cohort.title)}</title><style>{STYLE}</style></head><body>
<h1>Cohort {markup(cohort.title)}</h1>
<p class="note">Made {made}, counting {markup(book.selection.describe())}.
{len(cohort.members)} trainees, {count} completed sessions. Trainees appear by their
opaque ids only; scores are on the 0-3 rubric scale.</p>
<h2>Trainees</h2>
{_trainee_table(board)}
<h2>Spread of each criterion</h2>
<p class="note">Each dot is one session's mean on that criterion; the dark bar is the
cohort mean and the dashed line the criterion's pass mark, where it has one.</p>
{spread}
<table><tr><th>Criterion</th><th>Mean</th><th>Pass mark</th><th>Sessions</th></tr>{means}</table>
<h2>Progress over attempts</h2>
<p class="note">Mean overall score on a trainee's first, second, ... attempt at a
scenario; the dashed line is the pass mark.</p>
{progress or '<p>No sessions yet.</p>'}
<h2>Pass rates by scenario</h2>
{rates}
<h2>Safety-gate events</h2>
{'<table><tr><th>When</th><th>Trainee</th><th>Scenario</th><th>Gate</th></tr>'
 + gate_rows + '</table>' if gates else '<p>None.</p>'}
{signoffs.report_section(store, cohort_id, book.story)}
{review.report_section(store, cohort_id, book.story, book.names)}
{growth.report_section(store, cohort_id, book.story, book.names)}
</body></html>
"""
    with atomic_file(target) as handle:
        handle.write(shown(html))  # whatever a chart or section let through
    return count
