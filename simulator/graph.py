"""Draw a scenario's graph from the very machine the engine runs (Mermaid or Graphviz dot)."""

from __future__ import annotations

import json

from simulator.engine.machine import TRIGGER, build_machine
from simulator.engine.session import Session
from simulator.model.edges import beat_edges
from simulator.model.scenario import Scenario


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
            label = str(path[3]) if path[2] == "lines" and len(path) > 3 else ""
            if path[2] == "lines":
                label = beat.lines[int(path[3])].id
            elif path[2] in ("reflect", "share"):
                label = f"{path[2]}:{path[4]}" if len(path) > 4 and path[3] == "outcomes" \
                    else "hold back"
            if (beat_id, target) in labels:
                labels[(beat_id, target)].append(label)
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
        text = ", ".join(dict.fromkeys(labels)).replace('"', "'")
        out.append(f'    {_node(src)} -->|"{text}"| {_node(dst)}' if text
                   else f"    {_node(src)} --> {_node(dst)}")
    return "\n".join(out) + "\n"


def dot(scenario: Scenario) -> str:
    """A Graphviz digraph."""
    out = [f"digraph {json.dumps(scenario.id)} {{", "  rankdir=TB;"]
    for beat_id in scenario.beats:
        extra = ", style=bold" if beat_id == scenario.start else ""
        out.append(f"  {json.dumps(beat_id)} [shape=box{extra}];")
    for ending_id, ending in scenario.endings.items():
        out.append(f"  {json.dumps(ending_id)} [shape=doublecircle,"
                   f" label={json.dumps(f'{ending_id} ({ending.tone})')}];")
    for (src, dst), labels in _edges(scenario).items():
        text = ", ".join(dict.fromkeys(labels))
        out.append(f"  {json.dumps(src)} -> {json.dumps(dst)} [label={json.dumps(text)}];")
    out.append("}")
    return "\n".join(out) + "\n"
