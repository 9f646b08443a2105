"""Safety rules a scenario must meet, and the hold-back rule every share beat must meet.

Why a search rather than trusting the plans: plans prove the paths an author thought
of; a trainee takes the others. So the validator walks every state the engine could
reach (beat, variables, visited beats, safety acts done) and refuses a scenario in
which any way to an ending, other than the safety gate, skips asking directly or
bringing in help.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from simulator.engine.conditions import all_hold, apply_effects, defaults
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.documents import Loaded
from simulator.model.scenario import (
    Beat,
    Effects,
    SafetyAct,
    SafetyResponse,
    Scenario,
    Value,
)

P = tuple[str | int, ...]
_MAX_STATES = 200_000
_ALL_ACTS = frozenset(SafetyAct)
_GATE = "the safety gate"

State = tuple[str, tuple[tuple[str, Value], ...], frozenset[str], frozenset[SafetyAct]]
"""(beat, variables, beats named in conditions that have been visited, safety acts done)."""


def _diag(loaded: Loaded, path: P, code: str, message: str, *, key: bool = False) -> Diagnostic:
    line, col = loaded.at(*path, key=key)
    return Diagnostic(loaded.path, line, col, code, message)


def check_hold_back(loaded: Loaded) -> list[Diagnostic]:
    """Every share beat gives holding back its own next and reaction (PS320).

    Without its own reaction, holding back borrowed the share's ("You too?"), which
    answers something the trainee never said.
    """
    scenario: Scenario = loaded.model
    out: list[Diagnostic] = []
    for beat_id, beat in scenario.beats.items():
        if beat.share is None:
            continue
        hold = beat.share.hold_back
        missing = [name for name, value in (("next", hold.next), ("reaction", hold.reaction))
                   if not (value or "").strip()]
        if missing:
            out.append(_diag(loaded, ("beats", beat_id, "share", "hold_back"), "PS320",
                             f"holding back at beat {beat_id!r} needs its own"
                             f" {' and '.join(missing)}: how the person takes it and where it"
                             " leads, not the share's", key=True))
    return out


def check_safety(loaded: Loaded, risk_themes: set[str], themes: set[str]) -> list[Diagnostic]:
    """Notice themes, paths to endings, and the failing plan, for scenarios that raise risk."""
    scenario: Scenario = loaded.model
    risky = [(beat_id, beat) for beat_id, beat in scenario.beats.items()
             if beat.safety is not None]  # one pass: validation work stays linear in beats
    if not risky:
        return []
    out: list[Diagnostic] = []
    for beat_id, beat in risky:
        assert beat.safety is not None
        for i, theme in enumerate(beat.safety.notice):
            if theme in themes and theme not in risk_themes:
                allowed = ", ".join(sorted(risk_themes)) or "none in the vocabulary"
                out.append(_diag(loaded, ("beats", beat_id, "safety", "notice", i), "PS319",
                                 f"{theme!r} is not a risk theme, so naming it does not notice"
                                 f" the risk; notice only the risk itself ({allowed})"))
    for ending, path in _unsafe_paths(scenario).items():
        where = ("endings", ending) if ending in scenario.endings else ("start",)
        out.append(_diag(loaded, where, "PS321",
                         f"ending {ending!r} can be reached without asking directly and bringing"
                         f" in help: {path}. Put the asking and the help on every way there"
                         " (lines with acts: [asks-directly] and [brings-in-help], or conditions"
                         " on visited beats or variables)", key=ending in scenario.endings))
    if not _has_failing_plan(scenario):
        where = ("tests",) if scenario.tests else ("safety_ending",)
        out.append(_diag(loaded, where, "PS322",
                         "this scenario raises risk, so it needs a plan that never asks directly"
                         " (one that promises, minimises or moves on) and expects passed: false",
                         key=True))
    return out


def _has_failing_plan(scenario: Scenario) -> bool:
    asking = {line.id for beat in scenario.beats.values() for line in beat.lines
              if SafetyAct.asks_directly in line.acts}
    return any(plan.expect.passed is False
               and not any(step.line in asking for step in plan.steps if step.line)
               for plan in scenario.tests)


def _moves(scenario: Scenario, beat: Beat, variables: dict[str, Value],
           visits: dict[str, int]) -> Iterator[tuple[str, str, Effects, frozenset[SafetyAct]]]:
    """(what the trainee did, where it leads, effects, safety acts) for every choice on offer."""
    gate = scenario.safety_ending
    risky = beat.safety is not None and gate is not None
    none: frozenset[SafetyAct] = frozenset()
    for line in beat.lines:
        if not all_hold(line.when, variables, visits):
            continue
        if risky and line.safety is not SafetyResponse.addresses:
            yield f"line {line.id!r}", _GATE, {}, none
        else:
            yield f"line {line.id!r}", line.next, line.effects, frozenset(line.acts)
    for name in ("reflect", "share"):
        step = getattr(beat, name)
        if step is None or not all_hold(step.when, variables, visits):
            continue
        if risky:
            yield name, _GATE, {}, none
        if risky and name == "share":
            continue  # any share, or holding back, at a risk beat trips the gate
        for band in ("strong", "partial", "weak"):
            outcome = getattr(step.outcomes, band)
            yield f"{name} ({band})", outcome.next, outcome.effects, none
    if beat.share is not None and not risky and all_hold(beat.share.when, variables, visits):
        hold = beat.share.hold_back
        if hold.next is not None:
            yield "hold back", hold.next, hold.effects, none


Edge = tuple[str, str, State | None, frozenset[SafetyAct]]
"""(what the trainee did, where it leads, the state it leads to (None for an ending), the
safety acts done by then)."""


def reachable_graph(scenario: Scenario) -> tuple[dict[State, tuple[State, str] | None],
                                                  dict[State, list[Edge]]]:
    """Every state the engine can reach from the start (breadth first, up to a bound), the
    step that first reached each, and each state's moves. Moves into the gate are left out."""
    named = sorted({b for beat in scenario.beats.values()
                    for conds in [ln.when for ln in beat.lines]
                    + [s.when for s in (beat.reflect, beat.share) if s is not None]
                    for c in conds for b in (c.visited, c.not_visited) if b is not None})
    parent: dict[State, tuple[State, str] | None] = {}
    edges: dict[State, list[Edge]] = {}
    if scenario.start not in scenario.beats:
        return parent, edges
    start: State = (scenario.start, tuple(sorted(defaults(scenario.variables).items())),
                    frozenset({scenario.start} & set(named)), frozenset())
    parent[start] = None
    todo = deque([start])
    while todo and len(parent) < _MAX_STATES:
        state = todo.popleft()
        beat_id, var_items, visited, acts = state
        variables = dict(var_items)
        visits = {b: 1 for b in visited}
        out = edges[state] = []
        for did, target, effects, new_acts in _moves(scenario, scenario.beats[beat_id],
                                                     variables, visits):
            if target == _GATE:
                continue
            done = acts | new_acts
            if target not in scenario.beats:
                out.append((did, target, None, done))
                continue
            nxt: State = (target,
                          tuple(sorted(apply_effects(effects, scenario.variables,
                                                     variables).items())),
                          visited | ({target} & set(named)), done)
            out.append((did, target, nxt, done))
            if nxt not in parent:
                parent[nxt] = (state, f"{beat_id}: {did}")
                todo.append(nxt)
    return parent, edges


def _unsafe_paths(scenario: Scenario) -> dict[str, str]:
    """For each ending reachable (other than by the gate) without both acts, one such path."""
    parent, edges = reachable_graph(scenario)
    found: dict[str, str] = {}
    for state, moves in edges.items():
        for did, target, _, done in moves:
            if target in scenario.endings and target not in found and done != _ALL_ACTS:
                found[target] = describe_path(parent, state, f"{state[0]}: {did}", target)
    return found


def describe_path(parent: dict[State, tuple[State, str] | None], state: State, last: str,
              ending: str) -> str:
    steps = [last]
    link = parent[state]
    while link is not None:
        state, did = link
        steps.append(did)
        link = parent[state]
    steps.reverse()
    return " -> ".join([*steps, ending])
