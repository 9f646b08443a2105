"""Run every cross-check over a loaded library and collect the diagnostics."""

from __future__ import annotations

from simulator.loading.acceptance_checks import (
    check_deck_acceptance,
    check_plan_readings,
    check_rubric_acceptance,
    check_scenario_acceptance,
)
from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.flow_checks import check_answer_key, check_dead_traps, check_loops
from simulator.loading.graph_checks import check_graph
from simulator.loading.library import Library, load_library
from simulator.loading.phrasebook_checks import check_phrasebook
from simulator.loading.reference_checks import (
    check_criteria,
    check_plan,
    check_themes,
    check_variables,
)
from simulator.loading.safety_checks import check_hold_back, check_safety
from simulator.loading.standins import unsure
from simulator.loading.suggest import did_you_mean, not_found
from simulator.loading.told_checks import check_told
from simulator.model.plan import Plan
from simulator.model.scenario import Scenario


def check_library(library: Library) -> list[Diagnostic]:
    """Cross-check the given files (shipped context files are trusted, not reported)."""
    out: list[Diagnostic] = []
    themes = library.themes()
    risk_themes = library.risk_themes()
    for loaded in library.decks.values():
        if loaded.path in library.given:
            out.extend(check_themes(loaded, themes))
            out.extend(check_deck_acceptance(loaded, library))
    for loaded in library.rubrics.values():
        if loaded.path in library.given:
            out.extend(check_rubric_acceptance(loaded, library))
    for loaded in library.phrasebooks.values():
        if loaded.path in library.given:
            out.extend(check_phrasebook(loaded, library))
    for loaded in library.scenarios.values():
        if loaded.path not in library.given:
            continue
        scenario: Scenario = loaded.model
        out.extend(check_graph(loaded))
        out.extend(check_themes(loaded, themes))
        out.extend(check_variables(loaded))
        out.extend(check_scenario_acceptance(loaded, library))
        out.extend(check_told(loaded, library))
        out.extend(check_hold_back(loaded))
        out.extend(check_safety(loaded, risk_themes, themes))
        out.extend(check_loops(loaded))
        out.extend(check_dead_traps(loaded, library.deck(scenario.deck)
                                    if scenario.deck in library.decks else None))
        rubric = None
        if scenario.rubric in library.rubrics:
            rubric = library.rubric(scenario.rubric)
            out.extend(check_criteria(loaded, rubric))
            out.extend(check_answer_key(loaded, rubric))
            if scenario.has_risk() and not rubric.gates:
                line, col = loaded.at("rubric")
                out.append(Diagnostic(loaded.path, line, col, "PS311",
                                      f"beats raise risk but rubric {rubric.id!r} has no gates"))
        else:
            line, col = loaded.at("rubric")
            out.append(Diagnostic(loaded.path, line, col, "PS312",
                                  not_found("rubric", scenario.rubric, library.rubrics)))
        if scenario.deck is not None and scenario.deck not in library.decks:
            line, col = loaded.at("deck")
            out.append(Diagnostic(loaded.path, line, col, "PS312",
                                  not_found("deck", scenario.deck, library.decks)))
        if scenario.has_risk() and scenario.safety_ending is None:
            beat_id = next(b for b, beat in scenario.beats.items() if beat.safety is not None)
            line, col = loaded.at("beats", beat_id, "safety")
            out.append(Diagnostic(loaded.path, line, col, "PS311",
                                  "this beat raises risk, so the scenario needs a safety_ending"
                                  " (where a tripped safety gate takes the session)"))
        seen_plans: set[str] = set()
        for i, plan in enumerate(scenario.tests):
            if plan.id in seen_plans:
                line, col = loaded.at("tests", i, "id")
                out.append(Diagnostic(loaded.path, line, col, "PS315",
                                      f"plan id {plan.id!r} is used twice"))
            seen_plans.add(plan.id)
            out.extend(check_plan(loaded, plan, ("tests", i), scenario, library, rubric))
            out.extend(check_plan_readings(loaded, library, plan, ("tests", i)))
    for loaded in library.plans.values():
        if loaded.path not in library.given:
            continue
        plan_file: Plan = loaded.model
        if plan_file.scenario is None or plan_file.scenario not in library.scenarios:
            line, col = loaded.at("scenario")
            out.append(Diagnostic(loaded.path, line, col, "PS312",
                                  f"plan file needs a known scenario; got {plan_file.scenario!r}"
                                  f"{did_you_mean(plan_file.scenario or '', library.scenarios)}"))
            continue
        target = library.scenario(plan_file.scenario)
        rub = library.rubrics.get(target.rubric)
        out.extend(check_plan(loaded, plan_file, (), target, library, rub.model if rub else None))
        out.extend(check_plan_readings(loaded, library, plan_file, ()))
    for kind in ("scenario", "deck", "rubric", "vocabulary", "plan"):
        for loaded in library.bucket(kind).values():
            if loaded.gaps and loaded.path in library.given:
                out = unsure(out, loaded.path, loaded.gaps)
    return out


def validate_paths(paths: list[str]) -> tuple[Library, list[Diagnostic]]:
    """Load and cross-check ``paths``; diagnostics sorted by file, line and column."""
    library, problems = load_library(list(paths), lenient=True)
    problems.extend(check_library(library))
    problems.sort(key=lambda d: (d.path, d.line, d.col, d.code))
    return library, problems


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.error)
    return errors, len(diagnostics) - errors
