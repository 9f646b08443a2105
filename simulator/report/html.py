"""Build the cohort report: spread of each criterion, progress over attempts, pass
rates by scenario, and safety-gate events, in one HTML file that fetches nothing."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from pathlib import Path

from simulator.exports.files import atomic_file
from simulator.exports.rows import sessions
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
.note { color: #555; }
"""


def build_report(store: SqlStore, cohort_id: str, target: Path) -> int:
    """Write the report; returns the number of sessions it covers."""
    cohort = get_cohort(store, cohort_id)
    by_criterion: dict[str, list[float]] = defaultdict(list)
    names: dict[str, str] = {}
    by_scenario: dict[str, list[bool]] = defaultdict(list)
    attempts: dict[tuple[str, str], int] = defaultdict(int)
    by_attempt: dict[int, list[float]] = defaultdict(list)
    gates: list[tuple[str, str, str, str]] = []
    count = 0
    for record in sessions(store, cohort_id):
        count += 1
        for crit in record.result["criteria"]:
            by_criterion[crit["criterion"]].append(crit["mean"])
            names[crit["criterion"]] = crit["name"]
        by_scenario[record.scenario_id].append(record.passed)
        attempts[(record.trainee_id, record.scenario_id)] += 1
        by_attempt[attempts[(record.trainee_id, record.scenario_id)]].append(record.overall)
        for gate in record.result["gates"]:
            gates.append((record.completed_at, record.trainee_id, record.scenario_id,
                          gate["name"]))
    spread = strip_chart([(names[c], v) for c, v in sorted(by_criterion.items())])
    rates = bar_chart([(s, sum(p) / len(p), f"{sum(p)} of {len(p)} passed")
                       for s, p in sorted(by_scenario.items())])
    progress = line_chart([(n, sum(v) / len(v)) for n, v in sorted(by_attempt.items())])
    gate_rows = "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td><td>{escape(c)}</td>"
                        f"<td>{escape(d)}</td></tr>" for a, b, c, d in gates)
    means = "".join(f"<tr><td>{escape(names[c])}</td><td>{sum(v) / len(v):.2f}</td>"
                    f"<td>{len(v)}</td></tr>" for c, v in sorted(by_criterion.items()))
    html = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>peersim report: {escape(cohort.title)}</title><style>{STYLE}</style></head><body>
<h1>Cohort {escape(cohort.title)}</h1>
<p class="note">{len(cohort.members)} trainees, {count} completed sessions. Trainees appear
by their opaque ids only; scores are on the 0-3 rubric scale.</p>
<h2>Spread of each criterion</h2>
<p class="note">Each dot is one session's mean on that criterion; the dark bar is the
cohort mean.</p>
{spread}
<table><tr><th>Criterion</th><th>Mean</th><th>Sessions</th></tr>{means}</table>
<h2>Progress over attempts</h2>
<p class="note">Mean overall score on a trainee's first, second, ... attempt at a
scenario.</p>
{progress or '<p>No sessions yet.</p>'}
<h2>Pass rates by scenario</h2>
{rates}
<h2>Safety-gate events</h2>
{'<table><tr><th>When</th><th>Trainee</th><th>Scenario</th><th>Gate</th></tr>'
 + gate_rows + '</table>' if gates else '<p>None.</p>'}
</body></html>
"""
    with atomic_file(target) as handle:
        handle.write(html)
    return count
