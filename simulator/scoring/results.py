"""Session results: per-criterion averages, the weighted overall, pass or fail, gates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.model.rubric import Rubric
from simulator.scoring.types import TurnScore


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One criterion over a whole session.

    ``passed`` is True or False only when there is a verdict: the criterion has a pass
    mark and was scored on at least the rubric's ``evidence_turns``. Otherwise it is
    None (shown and exported blank), and ``verdict`` says why: ``no-mark`` or
    ``too-few``; with a verdict it is ``met`` or ``not-met``.
    """

    criterion: str
    name: str
    mean: float
    turns: int
    pass_mark: float | None
    passed: bool | None
    verdict: str = "no-mark"


@dataclass(frozen=True, slots=True)
class GateResult:
    """A safety gate that tripped, with what to do about it."""

    gate: str
    name: str
    event: str
    turn: int
    feedback: str
    route: str


@dataclass(frozen=True, slots=True)
class SessionResult:
    """The verdict on a session, explainable criterion by criterion."""

    criteria: tuple[CriterionResult, ...]
    overall: float
    pass_mark: float
    passed: bool
    gates: tuple[GateResult, ...]
    turns: int
    shares: int = 0  # turns that shared at least one piece of the story

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        """The result for one criterion, if it was scored."""
        for result in self.criteria:
            if result.criterion == criterion_id:
                return result
        return None


def gates_for(rubric: Rubric, events: Iterable[tuple[int, str]]) -> list[GateResult]:
    """The gates that the (turn, event) pairs trip, first trip per gate."""
    out: list[GateResult] = []
    tripped: set[str] = set()
    for turn, event in events:
        for gate_id, gate in rubric.gates.items():
            if gate_id not in tripped and event in {e.value for e in gate.trips_on}:
                tripped.add(gate_id)
                out.append(GateResult(gate_id, gate.name, event, turn, gate.feedback, gate.route))
    return out


def summarise(rubric: Rubric, turns: list[TurnScore]) -> SessionResult:
    """Aggregate turn scores by the rubric's weights and pass marks."""
    levels: dict[str, list[int]] = {}
    for turn in turns:
        for score in turn.scores:
            levels.setdefault(score.criterion, []).append(score.level)
    criteria: list[CriterionResult] = []
    total = weight = 0.0
    all_pass = True
    for crit_id, criterion in rubric.criteria.items():
        got = levels.get(crit_id)
        if not got:
            continue
        mean = sum(got) / len(got)
        passed, verdict = _verdict(criterion.pass_mark, mean, len(got), rubric.evidence_turns)
        all_pass &= passed is not False
        criteria.append(CriterionResult(crit_id, criterion.name, round(mean, 4), len(got),
                                        criterion.pass_mark, passed, verdict))
        total += criterion.weight * mean
        weight += criterion.weight
    overall = round(total / weight, 4) if weight else 0.0
    events = [(i, e) for i, turn in enumerate(turns) for e in turn.events]
    gates = gates_for(rubric, events)
    passed = bool(criteria) and overall >= rubric.pass_mark and all_pass and not gates
    shares = sum(1 for turn in turns if turn.kind == "share")
    return SessionResult(tuple(criteria), overall, rubric.pass_mark, passed, tuple(gates),
                         len(turns), shares)


def _verdict(mark: float | None, mean: float, turns: int,
             needed: int) -> tuple[bool | None, str]:
    """Pass or fail only with a mark and enough evidence; else None and why not."""
    if mark is None:
        return None, "no-mark"
    if turns < needed:
        return None, "too-few"
    return (True, "met") if mean >= mark else (False, "not-met")
