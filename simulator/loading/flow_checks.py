"""Checks on how a scenario plays, beyond whether it can be played at all.

- PS332: the skilled line gives itself away by being the longest. Test-wise trainees
  pick the longest option (Haladyna, Downing and Rodriguez, 2002), so a scenario
  where the best line is the longest in most beats can be passed without the skill.
  Warned per scenario, not per beat, so one beat whose best line is simply longer
  does not nag the author.
- PS333: an acceptance trap that can never fire. A disclosure tests acceptance only
  if a share can follow it; with no share beat reachable from the disclosure, the
  trap the deck sets for it is dead.
- PS334: an endless loop. If the engine can come back to exactly the same state
  (beat, variables, the visited beats conditions ask about), a trainee can go round
  for ever; somewhere on the way round a choice should lead on or change something.
"""

from __future__ import annotations

from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.documents import Loaded
from simulator.loading.safety_checks import Edge, State, reachable_graph
from simulator.model.deck import Deck
from simulator.model.edges import beat_edges
from simulator.model.rubric import Rubric
from simulator.model.scenario import Line, Scenario

MIN_BEATS_FOR_KEY = 3
"""Fewer beats with two or more lines than this, and PS332 says nothing."""


def skilled_line(lines: list[Line], rubric: Rubric) -> Line:
    """The line with the highest weighted evidence (ties: more evidence, then file order)."""
    def weight(name: str) -> float:
        criterion = rubric.criteria.get(name)
        return criterion.weight if criterion is not None else 0.0

    def key(line: Line) -> tuple[float, float]:
        total = sum(weight(k) * v for k, v in line.evidence.items())
        weights = sum(weight(k) for k in line.evidence) or 1.0
        return total / weights, total
    return max(lines, key=key)


def answer_key_share(scenario: Scenario, rubric: Rubric) -> tuple[int, int, int]:
    """(beats with two or more lines, how many the skilled line is longest in, first in)."""
    beats = longest = first = 0
    for beat in scenario.beats.values():
        if len(beat.lines) < 2:
            continue
        best = skilled_line(beat.lines, rubric)
        beats += 1
        longest += all(len(best.text) >= len(line.text) for line in beat.lines)
        first += beat.lines[0] is best
    return beats, longest, first


def check_answer_key(loaded: Loaded, rubric: Rubric) -> list[Diagnostic]:
    """PS332: the skilled line is the longest in most of the scenario's multi-line beats."""
    beats, longest, _ = answer_key_share(loaded.model, rubric)
    if beats < MIN_BEATS_FOR_KEY or longest * 2 <= beats:
        return []
    line, col = loaded.at("beats", key=True)
    return [Diagnostic(loaded.path, line, col, "PS332",
                       f"the skilled line (highest weighted evidence) is the longest in {longest}"
                       f" of {beats} beats with two or more lines, so the longest line is the"
                       " answer; write the poor lines as long and as warm as the skilled one",
                       Severity.warning)]


def check_dead_traps(loaded: Loaded, deck: Deck | None) -> list[Diagnostic]:
    """PS333: a disclosure the deck sets a trap for, with no share beat reachable after it."""
    scenario: Scenario = loaded.model
    if deck is None:
        return []
    judged = {w for piece in deck.fragments for w in piece.judges}
    out: list[Diagnostic] = []
    for beat_id, beat in scenario.beats.items():
        trapped = [w for w in beat.discloses if w in judged]
        if trapped and not _share_reachable(scenario, beat_id):
            line, col = loaded.at("beats", beat_id, "discloses", key=True)
            out.append(Diagnostic(
                loaded.path, line, col, "PS333",
                f"the acceptance trap for {', '.join(map(repr, trapped))} can never fire: no"
                f" beat with share: can be reached from beat {beat_id!r} (this one included),"
                " so no share can follow the disclosure; add a share here or after it",
                Severity.warning))
    return out


def _share_reachable(scenario: Scenario, beat_id: str) -> bool:
    seen = {beat_id}
    todo = [beat_id]
    while todo:
        beat = scenario.beats[todo.pop()]
        if beat.share is not None:
            return True
        for target, _ in beat_edges("", beat):
            if target in scenario.beats and target not in seen:
                seen.add(target)
                todo.append(target)
    return False


def check_loops(loaded: Loaded) -> list[Diagnostic]:
    """PS334: the engine can come back to the same state, so a trainee can go round for ever."""
    scenario: Scenario = loaded.model
    _, edges = reachable_graph(scenario)
    cycle = _find_cycle(edges)
    if not cycle:
        return []
    beats = [state[0] for state, _ in cycle]
    way = " -> ".join(f"{state[0]}: {did}" for state, did in cycle) + f" -> {beats[0]}"
    line, col = loaded.at("beats", beats[0], key=True)
    return [Diagnostic(loaded.path, line, col, "PS334",
                       f"beats {', '.join(dict.fromkeys(beats))} can repeat without end: {way},"
                       " back where it started with nothing changed; lead one of these choices"
                       " on, or give it a condition on a visited beat", Severity.warning)]


def _find_cycle(edges: dict[State, list[Edge]]) -> list[tuple[State, str]]:
    """One cycle in the state graph as (state, what was done there) steps, or []."""
    colour: dict[State, int] = {}  # 1: on the current path, 2: done
    for root in edges:
        if root in colour:
            continue
        path: list[tuple[State, str]] = []
        stack = [(root, iter(edges.get(root, [])))]
        colour[root] = 1
        while stack:
            state, moves = stack[-1]
            for did, _, nxt, _ in moves:
                if nxt is None or colour.get(nxt) == 2:
                    continue
                if colour.get(nxt) == 1:
                    path.append((state, did))
                    start = next(i for i, (s, _) in enumerate(path) if s == nxt)
                    return path[start:]
                colour[nxt] = 1
                path.append((state, did))
                stack.append((nxt, iter(edges.get(nxt, []))))
                break
            else:
                colour[state] = 2
                stack.pop()
                if path:
                    path.pop()
    return []
