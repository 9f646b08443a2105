"""Commands that play scenarios headlessly: run, check, walk."""

from __future__ import annotations

import argparse
from typing import Any

from simulator.cli import report_text
from simulator.cli.output import CliError, emit_json, print_companions, print_diagnostics
from simulator.cli.resolve import resolve
from simulator.engine.engine import Engine
from simulator.engine.record import dump
from simulator.engine.session import Turn
from simulator.loading.checks import validate_paths
from simulator.loading.diagnostics import has_errors
from simulator.loading.documents import load_file
from simulator.model import Plan
from simulator.paths import shipped_folders
from simulator.plans import PlanOutcome, run_plan
from simulator.walk import walk
from simulator.wording import Labeller, passed_text, redact, verdict_text


def _turn_json(turn: Turn, label: Labeller) -> dict[str, Any]:
    """A turn as stored (reasons as message ids), plus each reason and piece of advice
    in words for a reader (pieces counted, never named: output can be kept or shared)."""
    data = dump(turn)
    parts = [(data["score"], turn.score)]
    if turn.reflection is not None:
        parts.append((data["reflection"]["score"], turn.reflection.score))
    if turn.response is not None:
        parts.append((data["response"], turn.response))
    for part, score in parts:
        for stored, scored in zip(part["scores"], score.scores, strict=True):
            stored["reason_text"] = redact(scored.reason, label)
            stored["advice_text"] = redact(scored.advice, label) if scored.advice else None
        part["notes_text"] = [redact(note, label) for note in score.notes]
    return data


def _outcome_json(outcome: PlanOutcome, label: Labeller) -> dict[str, object]:
    result = dump(outcome.result)
    for crit in result["criteria"]:
        crit["verdict_text"] = verdict_text(crit["verdict"], crit["turns"])
    return {
        "plan": outcome.plan.id,
        "scenario": outcome.session.scenario_id,
        "ok": outcome.ok,
        "failures": outcome.failures,
        "ending": outcome.ending,
        "result": result,
        "transcript": [_turn_json(t, label) for t in outcome.session.transcript],
    }


def cmd_run(args: argparse.Namespace) -> int:
    """Play one plan file against a scenario; exit 1 when an expectation fails."""
    loaded, problems = load_file(args.plan)
    if loaded is None or not isinstance(loaded.model, Plan):
        print_diagnostics(problems)
        raise CliError(f"{args.plan} is not a valid plan file (kind: plan)", 1)
    plan: Plan = loaded.model
    resolved = resolve(args.scenario, args.deck or plan.deck)
    if plan.scenario is not None and plan.scenario != resolved.scenario.id:
        raise CliError(f"the plan is for scenario {plan.scenario!r}, not"
                       f" {resolved.scenario.id!r}", 1)
    outcome = run_plan(resolved.engine(), plan)
    if args.json:
        emit_json(_outcome_json(outcome, resolved.library.theme_label))
    else:
        print(report_text.transcript(resolved.engine(), outcome.session))
        print(report_text.results(outcome.result, outcome.ending))
        for failure in outcome.failures:
            print(f"EXPECTATION FAILED: {failure}")
    return 0 if outcome.ok else 1


def cmd_check(args: argparse.Namespace) -> int:
    """Run every plan in the given scenario files (and plan files); exit 1 on any failure."""
    paths = args.paths or [str(p) for p in shipped_folders()]
    library, problems = validate_paths(paths)
    print_companions(library.companion_notes())
    if has_errors(problems):
        print_diagnostics(problems)
        raise CliError("fix the problems above first", 1)
    results: list[PlanOutcome] = []
    jobs: list[tuple[str, Plan]] = []
    for loaded in library.scenarios.values():
        if loaded.path in library.given:
            jobs.extend((loaded.model.id, plan) for plan in loaded.model.tests)
    for loaded in library.plans.values():
        if loaded.path in library.given and loaded.model.scenario is not None:
            jobs.append((loaded.model.scenario, loaded.model))
    for scenario_id, plan in jobs:
        scenario = library.scenario(scenario_id)
        deck_id = plan.deck or scenario.deck
        deck = library.deck(deck_id) if deck_id in library.decks else None
        engine = Engine(scenario, library.rubric(scenario.rubric), deck,
                        label=library.theme_label)
        outcome = run_plan(engine, plan)
        results.append(outcome)
        if not args.json:
            status = "ok  " if outcome.ok else "FAIL"
            print(f"{status} {scenario_id}/{plan.id}: ending {outcome.ending},"
                  f" overall {outcome.result.overall:.2f},"
                  f" {passed_text(outcome.result.passed)}")
            for failure in outcome.failures:
                print(f"     - {failure}")
    failed = sum(not r.ok for r in results)
    if args.json:
        emit_json({"plans": len(results), "failed": failed,
                   "results": [_outcome_json(r, library.theme_label) for r in results]})
    else:
        print(f"{len(results)} plan(s), {failed} failed")
    return 1 if failed else 0


def cmd_walk(args: argparse.Namespace) -> int:
    """Random play-throughs: coverage and the spread of scores."""
    if args.runs < 1:
        raise CliError("--runs must be at least 1")
    resolved = resolve(args.scenario, args.deck)
    readings = sorted(resolved.library.acceptance_terms("readings"))
    report = walk(resolved.engine(), args.runs, args.seed, readings)
    if args.json:
        emit_json({"scenario": resolved.scenario.id, **report.as_dict()})
        return 0
    spread = report.spread()
    print(f"{resolved.scenario.id}: {report.runs} walks, seed {report.seed}")
    print("beats reached (visits): " + ", ".join(f"{b} {n}" for b, n in report.beats.items()))
    print("endings reached: " + (", ".join(f"{e} {n}" for e, n in report.endings.items())
                                 or "none"))
    print(f"never reached: beats {report.unreached_beats or 'none'};"
          f" endings {report.unreached_endings or 'none'}")
    print(f"scores: min {spread['min']:.2f}, median {spread['median']:.2f},"
          f" max {spread['max']:.2f}; pass mark {report.pass_mark:g}")
    print(f"passed {report.passed}/{report.runs}; a gate tripped in {report.gated};"
          f" {report.stuck} walk(s) hit the turn limit")
    failed = report.runs - report.passed
    print(f"failed but reached a good ending: {report.failed_good} of {failed} failing walks;"
          f" passed without sharing: {report.passed_unshared};"
          f" passed at a difficult ending: {report.passed_badly}")
    verdict = "tells good play from poor" if report.straddles() else \
        "does NOT straddle the pass mark"
    print(f"spread {verdict}")
    return 0
