"""Can conditions hide every choice at a beat? Decided exactly, in bounded time.

A choice is offered when all its conditions hold, so every choice at a beat is hidden
in a state where each choice has at least one condition that fails. That is a
satisfiability question (one clause per choice, one literal per condition), so no
exact method is fast on every input; what keeps validation fast is two things:

- Each variable only takes a few *kinds* of value as far as the conditions can tell:
  for a number compared with constants k, the values k-1, k and k+1 (and its bounds)
  stand for every other. So a number's range, however wide or unbounded, never
  multiplies the work; the truth of each condition becomes a bit mask over those
  representative values.
- The search picks, for one choice at a time, which of its conditions fails (the
  choice with the fewest ways left first, so forced picks cost nothing), and it is
  paid for from a :class:`Budget` that grows with the size of the file: a file's
  checks take time in proportion to what it holds, never minutes. A beat whose
  search the budget cannot finish is reported as undecided.

What counts as holding is :func:`simulator.engine.conditions.holds`, the engine's own
rule; ``tests/test_hidden_choices.py`` checks the masks agree with it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.model.scenario import Condition, Variable

#: work units (one condition looked at once) a file may spend per condition it holds
WORK_PER_CONDITION = 24
#: and a floor for small files, so an ordinary beat is always decided
WORK_FLOOR = 200_000

Key = tuple[str, str]  # ("var", name), ("visit", beat id) or ("told", piece id)
Literal = tuple[Key, int]  # a variable and the mask of its values where a condition fails


class Budget:
    """Work a file's searches may still do (shared by its beats)."""

    def __init__(self, conditions: int) -> None:
        self.left = WORK_FLOOR + WORK_PER_CONDITION * conditions

    def spend(self, work: int) -> bool:
        """Take ``work`` units; False once there is not enough left."""
        self.left -= work
        return self.left >= 0


@dataclass(frozen=True)
class Hidden:
    """The search's answer: a state that hides every choice, or that none was found."""

    example: str = ""  # "trust=1, intro visited": a state hiding every choice
    undecided: bool = False  # the budget ran out before an answer


def _int_values(var: Variable, constants: list[int]) -> list[int]:
    """Representative values of a number compared with ``constants``, within its bounds."""
    low = var.min if var.min is not None else None
    high = var.max if var.max is not None else None
    points = {p for k in constants for p in (k - 1, k, k + 1)}
    points.update(b for b in (low, high) if b is not None)
    if not points:
        points.add(int(var.default))
    return sorted(p for p in points if (low is None or p >= low) and (high is None or p <= high))


def _true_mask(cond: Condition, values: Sequence[int | bool], is_bool: bool) -> int:
    """Bit i set when ``cond`` holds with the variable at ``values[i]`` (as ``holds``)."""
    full = (1 << len(values)) - 1
    for op in ("eq", "ne"):
        target = getattr(cond, op)
        if target is None:
            continue
        index = -1  # a number never equals true or false, and the other way round
        if isinstance(target, bool) == is_bool:
            index = bisect_left(values, target)  # values are sorted (False < True)
            if index == len(values) or values[index] != target:
                index = -1
        mask = 1 << index if index >= 0 else 0
        return mask if op == "eq" else full & ~mask
    if is_bool:
        return 0  # gte/lte never hold for true or false
    if cond.gte is not None:
        return full & ~((1 << bisect_left(values, cond.gte)) - 1)
    if cond.lte is not None:
        return (1 << bisect_right(values, cond.lte)) - 1
    return 0


class Undecided(Exception):
    """The budget cannot pay for deciding this beat."""


def _word_cost(size: int) -> int:
    """Work units for one operation on a mask over ``size`` values (a machine word each
    64 values), so a huge beat pays for its huge masks."""
    return size // 64 + 1


def clauses_of(choices: list[list[Condition]], variables: dict[str, Variable],
               budget: Budget | None = None
               ) -> tuple[list[list[Literal]], dict[Key, list[int | bool]]] | None:
    """Each choice as the ways it can be hidden, and each variable's representative
    values; None when some choice can never be hidden (or names an unknown variable,
    which is reported as such elsewhere). Raises :class:`Undecided` when ``budget``
    cannot pay for building the masks."""
    constants: dict[str, list[int]] = {}
    for conds in choices:
        for c in conds:
            if c.var is None:
                continue
            if c.var not in variables:
                return None
            for op in (c.eq, c.ne, c.gte, c.lte):
                if isinstance(op, int) and not isinstance(op, bool):
                    constants.setdefault(c.var, []).append(op)
    if budget is not None:
        cost = sum(_word_cost(3 * len(constants.get(c.var or "", [])) + 2)
                   for conds in choices for c in conds)
        if not budget.spend(2 * cost):  # the masks, then narrowing by them
            raise Undecided
    values: dict[Key, list[int | bool]] = {}
    clauses: list[list[Literal]] = []
    for conds in choices:
        clause: list[Literal] = []
        always_hidden = False
        for c in conds:
            if c.var is not None:
                var = variables[c.var]
                key: Key = ("var", c.var)
                is_bool = var.type == "bool"
                if key not in values:
                    values[key] = [False, True] if is_bool else list(
                        _int_values(var, constants.get(c.var, [])))
                domain = values[key]
                hides = ((1 << len(domain)) - 1) & ~_true_mask(c, domain, is_bool)
            elif c.told is not None or c.not_told is not None:
                piece = c.told if c.told is not None else c.not_told
                assert piece is not None
                key = ("told", piece)
                values.setdefault(key, [False, True])
                hides = 0b01 if c.told is not None else 0b10  # index 0: not told
            else:
                beat = c.visited if c.visited is not None else c.not_visited
                assert beat is not None
                key = ("visit", beat)
                values.setdefault(key, [False, True])
                hides = 0b01 if c.visited is not None else 0b10  # index 0: not visited
            if hides == (1 << len(values[key])) - 1:
                always_hidden = True  # this condition never holds
                break
            if hides:
                clause.append((key, hides))
        if always_hidden:
            continue
        if not clause:
            return None  # every condition always holds: the choice is always offered
        clauses.append(clause)
    return clauses, values


def search(clauses: list[list[Literal]], values: dict[Key, list[int | bool]],
           budget: Budget) -> Hidden:
    """A state in which every clause has a failing condition, if one exists."""
    start = {key: (1 << len(domain)) - 1 for key, domain in values.items()}
    merged: list[list[Literal]] = []
    for clause in clauses:
        by_key: dict[Key, int] = {}
        for key, hides in clause:  # two conditions on one variable: either may fail
            by_key[key] = by_key.get(key, 0) | hides
        if len(by_key) == 1:  # one variable decides this choice: no branching needed
            (key, hides), = by_key.items()
            start[key] &= hides
            if not start[key]:
                return Hidden()
        else:
            merged.append(list(by_key.items()))
    clauses = merged
    weight = _word_cost(max((len(v) for v in values.values()), default=0))
    stack = [start]
    while stack:
        allowed = stack.pop()
        best: list[Literal] | None = None
        work = 0
        for clause in clauses:
            work += len(clause)
            ways: list[Literal] = []
            for key, hides in clause:
                left = allowed[key]
                if left & ~hides == 0:  # every value still allowed hides it: done
                    ways = []
                    break
                if left & hides:
                    ways.append((key, hides))
            else:
                if not ways:
                    best = []  # this choice can no longer be hidden: a dead end
                    break
                if best is None or len(ways) < len(best):
                    best = ways
                    if len(best) == 1:
                        break
        if not budget.spend(work * weight):
            return Hidden(undecided=True)
        if best is None:
            return Hidden(example=_describe(allowed, values))
        for key, hides in reversed(best):
            narrowed = dict(allowed)
            narrowed[key] = allowed[key] & hides
            stack.append(narrowed)
    return Hidden()


def _describe(allowed: dict[Key, int], values: dict[Key, list[int | bool]]) -> str:
    """The state as an author reads it: numbers and flags first, then visits."""
    parts = []
    for kind in ("var", "visit", "told"):
        for key in sorted(k for k in allowed if k[0] == kind):
            mask = allowed[key]
            value = values[key][(mask & -mask).bit_length() - 1]  # the lowest allowed
            if kind == "var":
                parts.append(f"{key[1]}={value}")
            elif kind == "visit":
                parts.append(f"{key[1]} {'visited' if value else 'not visited'}")
            else:
                parts.append(f"{key[1]} {'told' if value else 'not told'}")
    return ", ".join(parts)
