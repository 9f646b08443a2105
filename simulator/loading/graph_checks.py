"""Checks on a scenario's beat graph: targets, reachability, dead ends, hidden choices.

These run on the same model the engine runs, so what the validator calls
reachable is what a trainee can actually reach.
"""

from __future__ import annotations

from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.documents import Loaded
from simulator.loading.hidden import Budget, Hidden, Undecided, clauses_of, search
from simulator.loading.suggest import did_you_mean
from simulator.model.edges import EdgePath, beat_edges
from simulator.model.scenario import Beat, Condition, Scenario


def _diag(loaded: Loaded, path: EdgePath, code: str, message: str, *, key: bool = False,
          severity: Severity = Severity.error) -> Diagnostic:
    line, col = loaded.at(*path, key=key)
    return Diagnostic(loaded.path, line, col, code, message, severity)


def check_graph(loaded: Loaded) -> list[Diagnostic]:
    """Targets, id clashes, reachability, dead ends and hidden choices."""
    scenario: Scenario = loaded.model
    out: list[Diagnostic] = []
    beats, endings = scenario.beats, scenario.endings
    for clash in sorted(set(beats) & set(endings)):
        out.append(_diag(loaded, ("endings", clash), "PS315",
                         f"{clash!r} is both a beat and an ending; give each its own id", key=True))
    if scenario.start not in beats:
        out.append(_diag(loaded, ("start",), "PS300",
                         f"start {scenario.start!r} is not a beat"
                         f"{did_you_mean(scenario.start, beats)}; beats: {', '.join(beats)}"))
    if scenario.safety_ending is not None and scenario.safety_ending not in endings:
        out.append(_diag(loaded, ("safety_ending",), "PS300",
                         f"safety_ending {scenario.safety_ending!r} is not an ending"
                         f"{did_you_mean(scenario.safety_ending, endings)}"))
    graph: dict[str, list[str]] = {}
    hint = _Hints([*beats, *endings])
    budget = Budget(sum(len(conds) for beat in beats.values() for conds in _choices(beat)))
    for beat_id, beat in beats.items():
        graph[beat_id] = []
        for target, path in beat_edges(beat_id, beat):
            if target not in beats and target not in endings:
                out.append(_diag(loaded, path, "PS300",
                                 f"next {target!r} is neither a beat nor an ending"
                                 f"{hint(target)}"))
            else:
                graph[beat_id].append(target)
        line_ids: set[str] = set()
        for i, line in enumerate(beat.lines):
            if line.id in line_ids:
                out.append(_diag(loaded, ("beats", beat_id, "lines", i, "id"), "PS315",
                                 f"line id {line.id!r} is used twice in beat {beat_id!r}"))
            line_ids.add(line.id)
        if beat.safety is not None:
            for i, line in enumerate(beat.lines):
                if line.safety is None:
                    out.append(_diag(loaded, ("beats", beat_id, "lines", i, "id"), "PS311",
                                     f"beat {beat_id!r} raises risk, so line {line.id!r} needs"
                                     " safety: addresses, ignores or minimises"))
        if not beat.lines and beat.reflect is None and beat.share is None:
            out.append(_diag(loaded, ("beats", beat_id), "PS302",
                             f"beat {beat_id!r} offers no lines, reflect or share, and is not an"
                             " ending; add a way out or make it an ending", key=True))
        else:
            hidden = _all_hidden(scenario, beat, budget)
            if hidden.undecided:
                out.append(_diag(loaded, ("beats", beat_id), "PS303",
                                 f"at beat {beat_id!r} the conditions are too many to rule out"
                                 " that they hide every choice; give at least one choice no"
                                 " conditions", key=True))
            elif hidden.example:
                out.append(_diag(loaded, ("beats", beat_id), "PS303",
                                 f"at beat {beat_id!r} every choice can be hidden (for example"
                                 f" when {hidden.example}); give at least one choice no"
                                 " conditions", key=True))
    seen = _reachable(scenario.start, graph)
    if scenario.safety_ending is not None and scenario.has_risk():
        seen.add(scenario.safety_ending)
    if scenario.start in beats:
        for beat_id in beats:
            if beat_id not in seen:
                out.append(_diag(loaded, ("beats", beat_id), "PS301",
                                 f"beat {beat_id!r} can never be reached from {scenario.start!r}",
                                 key=True))
        for ending_id in endings:
            if ending_id not in seen:
                out.append(_diag(loaded, ("endings", ending_id), "PS304",
                                 f"ending {ending_id!r} can never be reached", key=True))
    return out


class _Hints:
    """"Did you mean" for dangling targets, within a per-file allowance of comparisons.

    Each suggestion compares the unknown id with every beat and ending, so one for each
    of thousands of dangling ``next:`` in a file of thousands of beats would cost
    minutes; suggestions are made once per distinct id, and only while the file's
    allowance lasts (the diagnostics themselves are always reported).
    """

    COMPARISONS = 50_000

    def __init__(self, known: list[str]) -> None:
        self.known = known
        self.left = self.COMPARISONS // max(1, len(known))
        self.made: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.made:
            if self.left <= 0:
                return ""
            self.left -= 1
            self.made[name] = did_you_mean(name, self.known)
        return self.made[name]


def _reachable(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _choices(beat: Beat) -> list[list[Condition]]:
    """The conditions of each choice at ``beat``: its lines, then reflect and share."""
    choices = [line.when for line in beat.lines]
    choices.extend(step.when for step in (beat.reflect, beat.share) if step is not None)
    return choices


def _all_hidden(scenario: Scenario, beat: Beat, budget: Budget) -> Hidden:
    """A state in which every choice at ``beat`` is hidden, if there is one (see
    :mod:`simulator.loading.hidden`)."""
    choices = _choices(beat)
    if any(not conds for conds in choices):
        return Hidden()
    try:
        found = clauses_of(choices, scenario.variables, budget)
    except Undecided:
        return Hidden(undecided=True)
    if found is None:
        return Hidden()
    clauses, values = found
    return search(clauses, values, budget)
