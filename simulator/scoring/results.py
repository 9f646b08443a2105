"""Session results: per-criterion averages, the weighted overall, pass or fail, gates.

A pass is conjunctive, not only compensatory (see ``docs/scoring.md``): the weighted
overall must reach the mark, and so must every criterion with a pass mark; no gate
(a critical action) may trip; the skills the scenario assesses need evidence (a
storytelling scenario cannot be passed without sharing); and the conversation must
have reached an ending that did not go badly. Too little evidence never grants a
pass: a criterion below its mark fails on one turn as on ten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.model.rubric import ReflectMeasure, Rubric, ShareMeasure
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
    reasons: tuple[str, ...] = ()  # why not passed beyond scores: never-shared, bad-ending...
    ending: str = ""  # the ending reached ("" while the conversation goes on)
    ending_tone: str = ""
    ending_title: str = ""
    attempts: int = 1  # practice attempts the session took ("Try another way" adds one)

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


@dataclass(frozen=True, slots=True)
class Assessment:
    """What the scenario asks a pass to show, and where the conversation ended."""

    sharing: bool = False  # a storytelling scenario: a scored share (or skilled hold-back)
    listening: bool = False  # a scored reflection or listening evidence
    skill_holds: bool = False  # some beat marks holding back as the skill
    ending: str = ""
    ending_title: str = ""
    ending_tone: str = ""
    ended: bool = True  # False while the conversation has not reached an ending


def summarise(rubric: Rubric, turns: list[TurnScore],
              assessment: Assessment | None = None) -> SessionResult:
    """Aggregate turn scores by the rubric's weights and pass marks, and judge them
    against what the scenario assesses (``assessment``; None judges scores alone)."""
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
    shares = sum(1 for turn in turns if turn.kind == "share")
    reasons = _missing(rubric, turns, shares, assessment) if assessment else []
    passed = bool(criteria) and overall >= rubric.pass_mark and all_pass and not gates \
        and not reasons
    return SessionResult(tuple(criteria), overall, rubric.pass_mark, passed, tuple(gates),
                         len(turns), shares, tuple(reasons),
                         assessment.ending if assessment else "",
                         assessment.ending_tone if assessment else "",
                         assessment.ending_title if assessment else "")


def _missing(rubric: Rubric, turns: list[TurnScore], shares: int,
             assessment: Assessment) -> list[str]:
    """Reasons a session cannot pass whatever its scores: a skill it assesses shown no
    evidence of, no ending yet, or an ending that went badly."""
    reasons: list[str] = []
    skilled_holds = any(turn.skill for turn in turns)
    if assessment.sharing and not shares:
        if not skilled_holds:
            reasons.append("never-shared-hold" if assessment.skill_holds else "never-shared")
    elif assessment.sharing and not skilled_holds and not _closely_fitted(rubric, turns):
        reasons.append("no-close-fit")
    if assessment.listening:
        listening = [cid for cid, c in rubric.criteria.items()
                     if c.measures.reflect is ReflectMeasure.listening]
        if listening and not any(turn.level(cid) is not None
                                 for turn in turns for cid in listening):
            reasons.append("no-listening")
    if not assessment.ended:
        reasons.append("unfinished")
    elif assessment.ending_tone == "difficult":
        reasons.append("bad-ending")
    return reasons


def _closely_fitted(rubric: Rubric, turns: list[TurnScore]) -> bool:
    """Whether one share at least was the piece that pertains: top marks on selectivity.

    Why: with one share moment and a deck where a few pieces fit, a piece picked at
    random would pass now and then on a share that only half fits; choosing *the* piece
    has to be shown once at its full standard (a conjunctive rule; docs/scoring.md)."""
    chosen = [cid for cid, c in rubric.criteria.items()
              if c.measures.share is ShareMeasure.selectivity]
    if not chosen:
        return True
    return any(turn.kind == "share" and turn.level(cid) == 3
               for turn in turns for cid in chosen)


def _verdict(mark: float | None, mean: float, turns: int,
             needed: int) -> tuple[bool | None, str]:
    """Below its mark a criterion fails, on any number of turns (too little evidence never
    grants a pass); at or above it, on fewer than ``needed`` turns, the verdict is held
    back (``too-few``) rather than declared met."""
    if mark is None:
        return None, "no-mark"
    if mean < mark:
        return False, "not-met"
    if turns < needed:
        return None, "too-few"
    return True, "met"
