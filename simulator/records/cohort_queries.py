"""What a trainer's cohort dashboard shows, as plain data (no Textual, no HTML).

Why a module of its own: the TUI dashboard and the HTML report draw the same figures,
so they read them from one place and cannot disagree. Every function streams the
cohort's completed sessions once; trainees appear by opaque id only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from simulator.records.api import SessionRecord
from simulator.records.selection import ALL, Selection, selected
from simulator.records.sql_store import SqlStore

LEVELS = 4  # rubric levels 0..3


@dataclass(frozen=True)
class TraineeRow:
    """One trainee's line in the dashboard table."""

    trainee_id: str
    started: int  # sessions begun (finished or not)
    completed: int
    passed: int
    best_overall: float | None  # 0..3
    last_activity: str | None  # ISO 8601 UTC
    gate_events: int


@dataclass(frozen=True)
class CriterionSpread:
    """How one criterion is spread across the cohort's completed sessions."""

    criterion: str
    name: str
    values: tuple[float, ...]  # one session mean each, 0..3
    histogram: tuple[int, ...]  # sessions whose mean rounds to level 0, 1, 2, 3

    @property
    def mean(self) -> float:
        """The cohort mean (0 when nobody has a score yet)."""
        return sum(self.values) / len(self.values) if self.values else 0.0


@dataclass(frozen=True)
class PassRate:
    """Completed and passed sessions of one scenario."""

    scenario_id: str
    completed: int
    passed: int

    @property
    def rate(self) -> float:
        """Passed / completed, 0..1."""
        return self.passed / self.completed if self.completed else 0.0


@dataclass(frozen=True)
class AttemptProgress:
    """Mean overall score on trainees' n-th attempt at a scenario."""

    attempt: int  # 1-based
    sessions: int
    mean_overall: float


@dataclass(frozen=True)
class GateEvent:
    """A safety gate tripped in a completed session."""

    at: str
    trainee_id: str
    session_id: str
    scenario_id: str
    gate: str
    event: str


@dataclass(frozen=True)
class CohortDashboard:
    """Everything the dashboard draws, from one pass over the records."""

    cohort_id: str
    title: str
    members: int
    sessions: int
    trainees: list[TraineeRow] = field(default_factory=list)
    criteria: list[CriterionSpread] = field(default_factory=list)
    pass_rates: list[PassRate] = field(default_factory=list)
    progress: list[AttemptProgress] = field(default_factory=list)
    gates: list[GateEvent] = field(default_factory=list)


def _level(value: float) -> int:
    return min(LEVELS - 1, max(0, int(value + 0.5)))


def dashboard(store: SqlStore, cohort_id: str, selection: Selection = ALL) -> CohortDashboard:
    """All dashboard figures for a cohort (raises StoreError for an unknown cohort), over
    the sessions ``selection`` keeps."""
    cohort = store.cohort(cohort_id)
    records: list[SessionRecord] = list(selected(store.completed_sessions(cohort_id),
                                                 selection))
    return CohortDashboard(
        cohort.cohort_id, cohort.title, len(cohort.members), len(records),
        trainees=_trainees(store, cohort.members, records, selection),
        criteria=_criteria(records), pass_rates=_pass_rates(records),
        progress=_progress(records), gates=_gates(records))


def trainee_rows(store: SqlStore, cohort_id: str) -> list[TraineeRow]:
    """One row per member, in id order."""
    return dashboard(store, cohort_id).trainees


def criterion_spread(store: SqlStore, cohort_id: str) -> list[CriterionSpread]:
    """Per-criterion distribution, in criterion id order."""
    return _criteria(list(store.completed_sessions(cohort_id)))


def pass_rates(store: SqlStore, cohort_id: str) -> list[PassRate]:
    """Per-scenario pass rates, in scenario id order."""
    return _pass_rates(list(store.completed_sessions(cohort_id)))


def progress(store: SqlStore, cohort_id: str) -> list[AttemptProgress]:
    """Mean overall score by attempt number."""
    return _progress(list(store.completed_sessions(cohort_id)))


def gate_events(store: SqlStore, cohort_id: str) -> list[GateEvent]:
    """Safety-gate events, oldest first."""
    return _gates(list(store.completed_sessions(cohort_id)))


def _trainees(store: SqlStore, members: tuple[str, ...], records: list[SessionRecord],
              selection: Selection = ALL) -> list[TraineeRow]:
    gates: dict[str, int] = defaultdict(int)
    for record in records:
        gates[record.trainee_id] += len(record.result.gates)
    rows = []
    for trainee in members:
        summaries = [s for s in store.sessions(trainee)
                     if selection.keeps_at(s.mode, s.completed_at or s.started_at,
                                         s.session_id)]
        done = [s for s in summaries if s.completed_at]
        scores = [s.overall for s in done if s.overall is not None]
        last = max((s.completed_at or s.started_at for s in summaries), default=None)
        rows.append(TraineeRow(trainee, len(summaries), len(done),
                               sum(1 for s in done if s.passed),
                               max(scores) if scores else None, last, gates[trainee]))
    return rows


def _criteria(records: list[SessionRecord]) -> list[CriterionSpread]:
    values: dict[str, list[float]] = defaultdict(list)
    names: dict[str, str] = {}
    for record in records:
        for crit in record.result.criteria:
            values[crit.criterion].append(crit.mean)
            names[crit.criterion] = crit.name or crit.criterion
    out = []
    for criterion, found in sorted(values.items()):
        histogram = [0] * LEVELS
        for value in found:
            histogram[_level(value)] += 1
        out.append(CriterionSpread(criterion, names[criterion], tuple(found), tuple(histogram)))
    return out


def _pass_rates(records: list[SessionRecord]) -> list[PassRate]:
    done: dict[str, int] = defaultdict(int)
    passed: dict[str, int] = defaultdict(int)
    for record in records:
        done[record.scenario_id] += 1
        passed[record.scenario_id] += record.passed
    return [PassRate(s, done[s], passed[s]) for s in sorted(done)]


def _progress(records: list[SessionRecord]) -> list[AttemptProgress]:
    nth: dict[tuple[str, str], int] = defaultdict(int)
    by_attempt: dict[int, list[float]] = defaultdict(list)
    for record in records:  # ordered by trainee, then start time
        nth[(record.trainee_id, record.scenario_id)] += 1
        by_attempt[nth[(record.trainee_id, record.scenario_id)]].append(record.overall)
    return [AttemptProgress(n, len(v), sum(v) / len(v)) for n, v in sorted(by_attempt.items())]


def _gates(records: list[SessionRecord]) -> list[GateEvent]:
    events = [GateEvent(r.completed_at, r.trainee_id, r.session_id, r.scenario_id,
                        g.name or g.gate, g.event)
              for r in records for g in r.result.gates]
    return sorted(events, key=lambda e: (e.at, e.trainee_id, e.session_id))
