"""Scenario files built to make validation slow: many conditions, variables and beats.

Each shape is valid (it loads and every beat is reachable), so all of validation runs
on it; each targets one way the search for hidden choices (PS303) could blow up:

- ``ranges``: two numbers whose ranges multiply to just under the old per-beat limit
  of 20,000 states, and thirty lines whose conditions cover every state (so nothing
  can stop a search early): the old search tried every state at every beat.
- ``unbounded``: the same over numbers without bounds (once refused unchecked).
- ``sat``: random three-condition clauses over twenty flags at the ratio where such
  problems are hardest, so no shortcut decides them.
- ``wide``: one beat holding every line of the file, each guarded by a range of one
  number, so any per-beat cost that grows faster than the beat shows up.
- ``many-beats``: as many small conditioned beats as the format allows.
- ``plain``: the benchmark library's ordinary beats, for comparison.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benchmarks.generate import scenario_text

HEAD = """kind: scenario
id: adversarial
version: 1
title: Adversarial
summary: Built to be slow to validate.
difficulty: advanced
persona: {{name: Pat, about: Pat is made up., dealing_with: Nothing.}}
variables:
{variables}
start: b0
beats:
"""
TAIL = """endings:
  done: {title: Done, text: The end., tone: mixed}
"""


def _line(number: int, when: str, nxt: str) -> str:
    return (f"      - {{id: l{number}, text: Line {number}., evidence: {{focus: 1}},"
            f" feedback: Fine., next: {nxt}, when: [{when}]}}\n")


def _beat(index: int, lines: list[str], last: bool) -> str:
    nxt = "done" if last else f"b{index + 1}"
    body = "".join(_line(n, when, nxt) for n, when in enumerate(lines))
    return (f"  b{index}:\n    says: Moment {index}.\n    concerns: {{sleep: 1}}\n"
            f"    asks_for: hope\n    lines:\n{body}")


def _fill(variables: str, beat_lines: Callable[[int], list[str]], size: int,
          max_beats: int = 5000) -> str:
    """Beats of ``beat_lines(i)`` until the file is about ``size`` bytes (at least one)."""
    head = HEAD.format(variables=variables)
    sample = len(_beat(0, beat_lines(0), last=False))
    count = max(1, min(max_beats, (size - len(head) - len(TAIL)) // sample))
    beats = [_beat(i, beat_lines(i), last=i == count - 1) for i in range(count)]
    return head + "".join(beats) + TAIL


def ranges(size: int, bounded: bool = True) -> str:
    bounds = "min: 0, max: 140, " if bounded else ""
    variables = "".join(f"  {v}: {{type: int, default: 0, {bounds}shown: false}}\n"
                        for v in ("a", "b"))
    lines = [f"{{var: a, gte: {5 * i}}}, {{var: a, lte: {5 * i + 4}}}, {{var: b, gte: 0}}"
             if bounded else f"{{var: a, gte: {5 * i}}}, {{var: a, lte: {5 * i + 4}}}"
             for i in range(29)]
    if not bounded:  # below 0 and above the last range are covered too
        lines += ["{var: a, lte: -1}", "{var: a, gte: 145}"]
    return _fill(variables, lambda _i: lines, size)


def unbounded(size: int) -> str:
    return ranges(size, bounded=False)


def sat(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    flags = [f"f{i}" for i in range(20)]
    variables = "".join(f"  {f}: {{type: bool, default: false}}\n" for f in flags)

    def lines(_i: int) -> list[str]:
        out = []
        for _ in range(86):  # 4.3 clauses per flag
            picked = rng.sample(flags, 3)
            out.append(", ".join(f"{{var: {f}, eq: {rng.choice(['true', 'false'])}}}"
                                 for f in picked))
        return out

    return _fill(variables, lines, size)


def wide(size: int) -> str:
    variables = "  a: {type: int, default: 0}\n"
    count = max(2, size // 100)
    while True:
        lines = [f"{{var: a, gte: {5 * i}}}, {{var: a, lte: {5 * i + 4}}}"
                 for i in range(count)]
        lines += ["{var: a, lte: -1}", f"{{var: a, gte: {5 * count}}}"]
        text = _fill(variables, lambda _i, every=lines: every, size, max_beats=1)
        if len(text) <= size or count <= 2:
            return text
        count = max(2, int(count * size / len(text) * 0.99))


def many_beats(size: int) -> str:
    variables = "  t: {type: int, default: 0, min: -3, max: 3}\n"
    return _fill(variables, lambda _i: ["{var: t, gte: 0}", "{var: t, lte: 0}"], size)


def plain(size: int) -> str:
    beats = max(1, size // 1210)
    return scenario_text(0, min(beats, 5000), random.Random(1))


SHAPES: dict[str, Callable[[int], str]] = {
    "plain": plain, "ranges": ranges, "unbounded": unbounded, "sat": sat, "wide": wide,
    "many-beats": many_beats,
}
