"""Generate large, valid scenario libraries for benchmarks (deterministic for a seed)."""

from __future__ import annotations

import random
from pathlib import Path

THEMES = ["voices", "sleep", "work", "housing", "money", "family", "loneliness", "shame",
          "mistrust", "services", "medication", "purpose", "routine"]


def scenario_text(index: int, beats: int, rng: random.Random) -> str:
    """One scenario of ``beats`` beats: each beat has three lines, a reflect and a share."""
    out = [
        "kind: scenario", f"id: bench-{index}", "version: 1", f"title: Bench scenario {index}",
        "summary: A generated scenario for benchmarks.", "difficulty: intermediate",
        "persona:", "  name: Alex", "  about: Alex likes long walks and crosswords.",
        "  dealing_with: A hard month.", "deck: robin",
        "variables:", "  trust: {type: int, default: 0, min: -3, max: 3, shown: true}",
        "start: b0", "beats:",
    ]
    for b in range(beats):
        nxt = f"b{b + 1}" if b + 1 < beats else "end-good"
        alt = f"b{min(beats - 1, b + 2)}" if b + 2 < beats else "end-mixed"
        t1, t2 = rng.sample(THEMES, 2)
        out += [
            f"  b{b}:",
            f"    says: Something the person says at moment {b}, in a few plain words.",
            f"    concerns: {{{t1}: 0.6, {t2}: 0.4}}",
            "    asks_for: " + rng.choice(["validation", "hope", "practical", "information"]),
            "    lines:",
            "      - id: warm",
            "        text: That sounds hard. Tell me more about it.",
            "        evidence: {acceptance: 3, focus: 3, listening: 2}",
            "        feedback: You stayed with them.",
            "        effects: {trust: 1}",
            f"        next: {nxt}",
            "      - id: cool",
            "        text: Have you tried just not thinking about it?",
            "        evidence: {acceptance: 0, focus: 1}",
            "        feedback: This dismisses what they said.",
            "        effects: {trust: -1}",
            f"        next: {alt}",
            "      - id: trusted",
            "        when: [{var: trust, gte: 2}]",
            "        text: Shall we plan the next step together?",
            "        evidence: {mutuality: 3, hope: 3}",
            "        feedback: A shared next step.",
            f"        next: {nxt}",
            "    reflect:",
            "      distractors: [anger]",
            "      outcomes:",
            f"        strong: {{next: {nxt}, effects: {{trust: 1}}}}",
            f"        partial: {{next: {nxt}}}",
            f"        weak: {{next: {alt}, effects: {{trust: -1}}}}",
            "    share:",
            "      hold_back:",
            "        evidence: {selectivity: 2}",
            "        feedback: Holding back is fine here.",
            f"        next: {nxt}",
            "        reaction: They nod and carry on.",
            "      outcomes:",
            f"        strong: {{next: {nxt}}}",
            f"        partial: {{next: {nxt}}}",
            f"        weak: {{next: {alt}}}",
        ]
    out += [
        "endings:",
        "  end-good: {title: Good, text: It went well., tone: good}",
        "  end-mixed: {title: Mixed, text: It went so-so., tone: mixed}",
    ]
    return "\n".join(out) + "\n"


def write_library(folder: Path, scenarios: int, beats: int, seed: int = 1) -> list[Path]:
    """Write ``scenarios`` files of ``beats`` beats each into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(scenarios):
        path = folder / f"bench-{i}.yaml"
        path.write_text(scenario_text(i, beats, rng), encoding="utf-8")
        paths.append(path)
    return paths
