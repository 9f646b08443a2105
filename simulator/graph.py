"""Draw a scenario's graph from the very machine the engine runs (Mermaid or Graphviz dot).

Each edge is labelled with what takes it (a line's id, a reflect or share band, holding
back), the conditions under which it is offered (``[if trust ≥ 1]``) and the effects it
has (``{trust +1}``), so an author can follow the state through the graph.
"""

from __future__ import annotations

import json

from simulator.engine.machine import TRIGGER, build_machine
from simulator.engine.session import Session
from simulator.model.edges import beat_edges
from simulator.model.scenario import Beat, Condition, Effects, Scenario


def _condition(cond: Condition) -> str:
    """One condition in words an author reads at a glance."""
    if cond.visited is not None:
        return f"visited {cond.visited}"
    if cond.not_visited is not None:
        return f"not visited {cond.not_visited}"
    for op, sign in (("eq", "="), ("ne", "≠"), ("gte", "≥"), ("lte", "≤")):
        value = getattr(cond, op)
        if value is not None:
            shown = str(value).lower() if isinstance(value, bool) else value
            return f"{cond.var} {sign} {shown}"
    return str(cond.var)


def _effects(effects: Effects) -> str:
    parts = []
    for name, change in effects.items():
        if isinstance(change, bool):
            parts.append(f"{name} = {str(change).lower()}")
        else:
            parts.append(f"{name} {change:+g}")
    return ", ".join(parts)


def _label(name: str, when: list[Condition], effects: Effects) -> str:
    """``name [if conditions] {effects}``: what the edge is, when it is offered, what
    it changes."""
    text = name
    if when:
        text += " [if " + " and ".join(_condition(c) for c in when) + "]"
    if effects:
        text += " {" + _effects(effects) + "}"
    return text


def _edge_label(beat: Beat, path: tuple[str | int, ...]) -> str:
    """The label of the edge named at ``path`` (inside ``beat``)."""
    if path[2] == "lines":
        line = beat.lines[int(path[3])]
        return _label(line.id, list(line.when), line.effects)
    step = beat.reflect if path[2] == "reflect" else beat.share
    assert step is not None
    if len(path) > 4 and path[3] == "outcomes":
        outcome = getattr(step.outcomes, str(path[4]))
        return _label(f"{path[2]}:{path[4]}", list(step.when), outcome.effects)
    assert beat.share is not None
    return _label("hold back", list(step.when), beat.share.hold_back.effects)


def _edges(scenario: Scenario) -> dict[tuple[str, str], list[str]]:
    """(source, dest) -> labels, for every transition the engine's machine holds."""
    model = Session("graph", scenario.id, scenario.version, "", scenario.rubric, None, {})
    machine = build_machine(scenario, model, scenario.start, lambda _e: None)
    labels: dict[tuple[str, str], list[str]] = {}
    for source, transitions in machine.events[TRIGGER].transitions.items():
        for transition in transitions:
            labels.setdefault((source, str(transition.dest)), [])
    for beat_id, beat in scenario.beats.items():
        for target, path in beat_edges(beat_id, beat):
            if (beat_id, target) in labels:
                labels[(beat_id, target)].append(_edge_label(beat, path))
        if beat.safety is not None and scenario.safety_ending is not None:
            key = (beat_id, scenario.safety_ending)
            if key in labels:
                labels[key].append("safety gate")
    return labels


def _node(name: str) -> str:
    return "n_" + name.replace("-", "_")


def mermaid(scenario: Scenario) -> str:
    """A Mermaid flowchart."""
    out = ["flowchart TD"]
    for beat_id in scenario.beats:
        shape = f'(["{beat_id} (start)"])' if beat_id == scenario.start else f'["{beat_id}"]'
        out.append(f"    {_node(beat_id)}{shape}")
    for ending_id, ending in scenario.endings.items():
        out.append(f'    {_node(ending_id)}(("{ending_id}: {ending.tone}"))')
    for (src, dst), labels in _edges(scenario).items():
        text = "; ".join(dict.fromkeys(labels)).replace('"', "'")
        out.append(f'    {_node(src)} -->|"{text}"| {_node(dst)}' if text
                   else f"    {_node(src)} --> {_node(dst)}")
    return "\n".join(out) + "\n"


def _quoted(text: str) -> str:
    """A dot string: quoted and escaped, non-ASCII kept (dot reads UTF-8, not \\u)."""
    return json.dumps(text, ensure_ascii=False)


def dot(scenario: Scenario) -> str:
    """A Graphviz digraph."""
    out = [f"digraph {_quoted(scenario.id)} {{", "  rankdir=TB;"]
    for beat_id in scenario.beats:
        extra = ", style=bold" if beat_id == scenario.start else ""
        out.append(f"  {_quoted(beat_id)} [shape=box{extra}];")
    for ending_id, ending in scenario.endings.items():
        out.append(f"  {_quoted(ending_id)} [shape=doublecircle,"
                   f" label={_quoted(f'{ending_id} ({ending.tone})')}];")
    for (src, dst), labels in _edges(scenario).items():
        text = "; ".join(dict.fromkeys(labels))
        out.append(f"  {_quoted(src)} -> {_quoted(dst)} [label={_quoted(text)}];")
    out.append("}")
    return "\n".join(out) + "\n"
