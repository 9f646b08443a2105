"""How a scenario plays: an answer key in the lines' length (PS332), an acceptance trap
no share can reach (PS333), and beats a trainee can go round for ever (PS334)."""

from __future__ import annotations

from collections.abc import Callable

from simulator.loading.diagnostics import Diagnostic
from tests.conftest import at, codes

Check = Callable[[str], list[Diagnostic]]

HEAD = """kind: scenario
id: flow
version: 1
title: Flow
summary: A scenario for the flow checks.
difficulty: introductory
persona: {name: Ray, about: Ray keeps bees., dealing_with: Not sleeping.}
deck: robin
variables:
  trust: {type: int, default: 0, min: -2, max: 2}
start: b1
beats:
"""

LONG = "That sounds like a long week; tell me what the nights have been like for you lately."
SHORT = "Cheer up."


def beat(beat_id: str, nxt: str, *, skilled: str = LONG, poor: str = SHORT,
         extra: str = "") -> str:
    return f"""  {beat_id}:
    says: I can't sleep.
    concerns: {{sleep: 1.0}}
    asks_for: validation
{extra}    lines:
      - id: good
        text: {skilled}
        evidence: {{acceptance: 3, focus: 3}}
        feedback: Kind.
        effects: {{trust: 1}}
        next: {nxt}
      - id: poor
        text: {poor}
        evidence: {{acceptance: 0, focus: 1}}
        feedback: Dismissive.
        next: {nxt}
"""


END = "endings:\n  done: {title: Done, text: It ended., tone: mixed}\n"


def scenario(*beats: str) -> str:
    return HEAD + "".join(beats) + END


def test_the_skilled_line_longest_in_most_beats_is_ps332(check: Check) -> None:
    problems = check(scenario(beat("b1", "b2"), beat("b2", "b3"), beat("b3", "done")))
    assert codes(problems) == ["PS332"]
    assert problems[0].severity.value == "warning"
    assert "longest in 3 of 3 beats" in problems[0].message
    assert at(problems, "PS332") == (12, 1)   # the beats: key


def test_one_beat_with_a_longer_skilled_line_does_not_nag(check: Check) -> None:
    balanced = dict(skilled=SHORT, poor=LONG)
    problems = check(scenario(beat("b1", "b2"), beat("b2", "b3", **balanced),
                              beat("b3", "done", **balanced)))
    assert codes(problems) == []


def test_an_acceptance_trap_with_no_share_after_it_is_ps333(check: Check) -> None:
    balanced = dict(skilled=SHORT, poor=LONG)
    discloses = "    discloses: [stopping-medication]\n"   # robin has a piece judging it
    problems = check(scenario(beat("b1", "b2", **balanced),
                              beat("b2", "done", extra=discloses, **balanced)))
    assert codes(problems) == ["PS333"]
    assert "'stopping-medication' can never fire" in problems[0].message
    assert "beat 'b2'" in problems[0].message


def test_a_share_after_the_disclosure_arms_the_trap(check: Check) -> None:
    balanced = dict(skilled=SHORT, poor=LONG)
    discloses = "    discloses: [stopping-medication]\n"
    share = """    share:
      hold_back: {evidence: {selectivity: 2}, feedback: Fine., next: done, reaction: He nods.}
      outcomes: {strong: {next: done}, partial: {next: done}, weak: {next: done}}
"""
    problems = check(scenario(beat("b1", "b2", extra=discloses, **balanced),
                              beat("b2", "done", extra=share, **balanced)))
    assert codes(problems) == []


LOOP = """  b1:
    says: I can't sleep.
    concerns: {sleep: 1.0}
    asks_for: validation
    lines:
      - id: go-on
        text: Go on.
        evidence: {focus: 2}
        feedback: Fine.
        effects: {trust: 1}
        next: b2
  b2:
    says: Nobody listens.
    concerns: {sleep: 1.0}
    asks_for: validation
    lines:
      - id: back
        text: Let's start again.
        evidence: {focus: 1}
        feedback: Round again.
        effects: {trust: -1}
        next: b1
      - id: out
        when: [{var: trust, gte: LIMIT}]
        text: See you next week.
        evidence: {focus: 2}
        feedback: Fine.
        next: done
      - id: leave
        text: I have to go.
        evidence: {focus: 0}
        feedback: Abrupt.
        next: done
"""


def test_beats_that_can_repeat_with_nothing_changed_are_ps334(check: Check) -> None:
    problems = check(HEAD + LOOP.replace("LIMIT", "1") + END)
    assert codes(problems) == ["PS334"]
    message = problems[0].message
    assert "b1, b2 can repeat without end" in message
    assert "b1: line 'go-on' -> b2: line 'back' -> b1" in message


def test_a_visited_condition_that_leads_on_the_second_time_breaks_the_loop(
        check: Check) -> None:
    once = LOOP.replace("        next: b1\n",
                        "        when: [{not_visited: b2}]\n        next: b1\n")
    once = once.replace("      - id: go-on\n",
                        "      - id: go-on\n        when: [{not_visited: b2}]\n")
    once = once.replace("    lines:\n      - id: go-on", "    lines:\n      - id: onward\n"
                        "        text: Tell me more.\n        evidence: {focus: 2}\n"
                        "        feedback: Fine.\n        next: done\n      - id: go-on", 1)
    problems = check(HEAD + once.replace("LIMIT", "1") + END)
    assert "PS334" not in codes(problems), [p.format() for p in problems]


def test_the_shipped_library_has_none_of_them() -> None:
    # The checks were written against loud-again's dead trap and loop and just-staff's
    # loop; the shipped files are checked clean by the whole-library test.
    from simulator.loading.checks import validate_paths
    from simulator.paths import shipped_folders

    _library, problems = validate_paths([str(p) for p in shipped_folders()])
    assert not [p.format() for p in problems if p.code in {"PS332", "PS333", "PS334"}]
