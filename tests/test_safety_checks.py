"""Safety rules the validator enforces (PS319-PS322) and holding back's own outcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simulator.engine.engine import Engine
from simulator.loading.checks import validate_paths
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from tests.conftest import MINI, at, codes

Check = Callable[..., list[Diagnostic]]

SAFE = """\
kind: scenario
id: safe-mini
version: 1
title: Safe mini
summary: A tiny scenario with a risk beat.
difficulty: advanced
persona: {name: Ash, about: Ash mends bikes., dealing_with: A heavy month.}
deck: robin
variables:
  helped: {type: bool, default: false}
start: first
safety_ending: gated
beats:
  first:
    says: I've been thinking about ending it.
    concerns: {suicidal-thoughts: 0.7, hopelessness: 0.3}
    asks_for: validation
    safety: {risk: suicide, notice: [suicidal-thoughts]}
    lines:
      - {id: ask, text: Are you thinking of ending your life?, evidence: {harm: 3},
         feedback: Direct., safety: addresses, acts: [asks-directly], next: second}
      - {id: promise, text: Promise me you won't do anything tonight., evidence: {harm: 1},
         feedback: A promise is not a plan., safety: minimises, next: second}
    reflect:
      outcomes: {strong: {next: second}, partial: {next: second}, weak: {next: second}}
  second:
    says: Yes. Most nights.
    concerns: {suicidal-thoughts: 1.0}
    asks_for: validation
    safety: {risk: suicide, notice: [suicidal-thoughts]}
    lines:
      - {id: help, text: I'd like to bring in my supervisor with you., evidence: {harm: 3},
         feedback: Honest help., safety: addresses, acts: [brings-in-help],
         effects: {helped: true}, next: third}
      - {id: stay, text: I'm here and I am not going anywhere tonight., evidence: {harm: 2},
         feedback: Warm., safety: addresses, next: third}
  third:
    says: What now?
    concerns: {hopelessness: 1.0}
    asks_for: hope
    lines:
      - {id: together, when: [{var: helped, eq: true}], text: We make a plan together.,
         evidence: {mutuality: 3}, feedback: Good., next: good}
      - {id: bye, text: I will see you next week then., evidence: {mutuality: 1},
         feedback: Thin., next: good}
endings:
  good: {title: Good, text: A plan for tonight., tone: good}
  gated: {title: Safety first, text: Bring in help now., tone: escalate}
tests:
  - id: promises
    steps: [{line: promise}]
    expect: {passed: false, gates: [safety]}
"""


def test_the_safe_mini_is_refused_while_one_way_skips_the_help(check: Check) -> None:
    problems = check(SAFE)
    assert codes(problems) == ["PS321"]
    assert at(problems, "PS321") == (47, 3)
    message = problems[0].message
    assert "'good'" in message and "second: line 'stay'" in message


def test_a_way_to_an_escalate_ending_outside_the_gate_is_refused(check: Check) -> None:
    text = SAFE.replace("feedback: Thin., next: good}", "feedback: Thin., next: gated}")
    problems = check(text)
    assert codes(problems) == ["PS321", "PS321"]
    assert "'gated'" in problems[1].message


GATED = SAFE.replace(
    "      - {id: bye, text: I will see you next week then., evidence: {mutuality: 1},\n"
    "         feedback: Thin., next: good}\n",
    "      - {id: unsure, when: [{var: helped, eq: false}], text: Not sure yet what you want?,\n"
    "         evidence: {mutuality: 2}, feedback: Fine.,\n"
    "         next: fourth}\n"
    "  fourth:\n    says: I don't know.\n    concerns: {hopelessness: 1.0}\n"
    "    asks_for: hope\n    lines:\n"
    "      - {id: more, text: Can I bring someone in?, evidence: {harm: 3}, feedback: Yes.,\n"
    "         acts: [brings-in-help], effects: {helped: true}, next: third}\n").replace(
    "    reflect:\n      outcomes: {strong: {next: second}, partial: {next: second},"
    " weak: {next: second}}\n", "")


def test_naming_the_risk_in_a_reflection_is_not_asking(check: Check) -> None:
    with_reflect = GATED.replace("  second:\n", "    reflect:\n      outcomes: {strong: {next:"
                                 " second}, partial: {next: second}, weak: {next: second}}\n"
                                 "  second:\n")
    problems = check(with_reflect)
    assert codes(problems) == ["PS321"]
    assert "first: reflect (strong) -> second: line 'help'" in problems[0].message


def test_conditions_on_variables_close_the_unsafe_way(check: Check) -> None:
    problems = check(GATED)
    assert problems == [], [p.format() for p in problems]


def test_a_reflection_alone_never_counts_as_asking(check: Check) -> None:
    text = SAFE.replace("acts: [asks-directly], ", "")
    problems = check(text)
    assert "PS321" in codes(problems)


def test_notice_holds_only_risk_themes(check: Check) -> None:
    text = SAFE.replace("notice: [suicidal-thoughts]}\n    lines:\n      - {id: ask",
                        "notice: [suicidal-thoughts, hopelessness]}\n    lines:\n      - {id: ask")
    problems = check(text)
    assert "PS319" in codes(problems)
    assert at(problems, "PS319") == (18, 57)
    assert "'hopelessness' is not a risk theme" in problems[codes(problems).index("PS319")].message


def test_a_risk_scenario_needs_a_plan_that_never_asks_and_fails(check: Check) -> None:
    no_plan = SAFE.split("tests:\n")[0]
    assert "PS322" in codes(check(no_plan))
    asking = SAFE.replace("steps: [{line: promise}]", "steps: [{line: ask}]")
    assert "PS322" in codes(check(asking))
    passing = SAFE.replace("expect: {passed: false, gates: [safety]}", "expect: {passed: true}")
    assert "PS322" in codes(check(passing))


def test_holding_back_needs_its_own_next_and_reaction(check: Check) -> None:
    text = MINI.replace("Fine to wait., next: second,\n                  reaction: Sam nods and"
                        " carries on.}", "Fine to wait.}\n")
    problems = check(text)
    assert codes(problems) == ["PS320"]
    assert at(problems, "PS320") == (40, 7)
    assert "next and reaction" in problems[0].message


def test_shipped_library_meets_the_safety_rules(shipped: Library) -> None:
    _library, problems = validate_paths(["scenarios", "decks", "rubrics"])
    assert [p.format() for p in problems] == []


def test_holding_back_gets_its_own_reaction_never_the_shares(
        write: Callable[[str, str | bytes], Path]) -> None:
    text = MINI.replace("strong: {next: second, effects: {trust: 2}}",
                        "strong: {next: second, effects: {trust: 2}, reaction: Really? You too?}")
    text = text.replace("        partial: {next: second}\n        weak: {next: second}\n  second",
                        "        partial: {next: second, reaction: Really? You too?}\n"
                        "        weak: {next: second, reaction: Really? You too?}\n  second")
    text = text.replace("next: second,\n                  reaction: Sam nods and carries on.}",
                        "\n                  reaction: Sam nods and carries on.}")
    library, _ = validate_paths([str(write("mini.yaml", text))])
    engine = Engine(library.scenario("mini"), library.rubric("core"), library.deck("robin"))
    session = engine.start()
    turn = engine.choose(session, Step(share=ShareStep()))
    assert turn.reaction == "Sam nods and carries on."
    assert session.state == "second"
