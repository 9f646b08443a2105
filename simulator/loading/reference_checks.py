"""Checks that what one file names exists: themes, variables, criteria, fragments, rubrics.

A misspelt theme or criterion would otherwise score silently as zero, which a
trainer could not tell from a real zero.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.documents import Loaded
from simulator.loading.library import Library
from simulator.loading.suggest import did_you_mean, not_found
from simulator.model.deck import Deck
from simulator.model.plan import Plan
from simulator.model.rubric import Rubric, TurnKind
from simulator.model.scenario import Condition, Effects, Scenario

P = tuple[str | int, ...]


def _diag(loaded: Loaded, path: P, code: str, message: str, *, key: bool = False,
          severity: Severity = Severity.error) -> Diagnostic:
    line, col = loaded.at(*path, key=key)
    return Diagnostic(loaded.path, line, col, code, message, severity)


def _theme_uses(scenario: Scenario) -> Iterator[tuple[str, P, bool]]:
    for beat_id, beat in scenario.beats.items():
        for theme in beat.concerns:
            yield theme, ("beats", beat_id, "concerns", theme), True
        for i, theme in enumerate(beat.asks_about):
            yield theme, ("beats", beat_id, "asks_about", i), False
        if beat.reflect is not None:
            for i, theme in enumerate(beat.reflect.distractors):
                yield theme, ("beats", beat_id, "reflect", "distractors", i), False
        if beat.safety is not None:
            for i, theme in enumerate(beat.safety.notice):
                yield theme, ("beats", beat_id, "safety", "notice", i), False


def _conditions(scenario: Scenario) -> Iterator[tuple[Condition, P]]:
    for beat_id, beat in scenario.beats.items():
        base: P = ("beats", beat_id)
        for i, line in enumerate(beat.lines):
            for j, cond in enumerate(line.when):
                yield cond, (*base, "lines", i, "when", j)
        for step_name in ("reflect", "share"):
            step = getattr(beat, step_name)
            if step is not None:
                for j, cond in enumerate(step.when):
                    yield cond, (*base, step_name, "when", j)


def _effects(scenario: Scenario) -> Iterator[tuple[Effects, P]]:
    for beat_id, beat in scenario.beats.items():
        base: P = ("beats", beat_id)
        for i, line in enumerate(beat.lines):
            yield line.effects, (*base, "lines", i, "effects")
        for step_name in ("reflect", "share"):
            step = getattr(beat, step_name)
            if step is None:
                continue
            for band in ("strong", "partial", "weak"):
                outcome = getattr(step.outcomes, band)
                yield outcome.effects, (*base, step_name, "outcomes", band, "effects")
        if beat.share is not None:
            yield beat.share.hold_back.effects, (*base, "share", "hold_back", "effects")


def check_themes(loaded: Loaded, themes: set[str]) -> list[Diagnostic]:
    """Every theme a scenario or deck names is in the vocabulary; concern weights add to 1."""
    out: list[Diagnostic] = []
    model = loaded.model

    def unknown(theme: str, path: P, key: bool) -> None:
        if theme not in themes:
            out.append(_diag(loaded, path, "PS305", f"unknown theme {theme!r}"
                             f"{did_you_mean(theme, themes)}; themes are listed in"
                             " rubrics/themes.yaml (peersim themes shows them)", key=key))

    if isinstance(model, Scenario):
        for theme, path, key in _theme_uses(model):
            unknown(theme, path, key)
        for beat_id, beat in model.beats.items():
            total = sum(beat.concerns.values())
            if abs(total - 1.0) > 0.011:
                out.append(_diag(loaded, ("beats", beat_id, "concerns"), "PS314",
                                 f"concern weights add up to {total:.2f}; make them add up to 1"))
    elif isinstance(model, Deck):
        seen: set[str] = set()
        for i, fragment in enumerate(model.fragments):
            if fragment.id in seen:
                out.append(_diag(loaded, ("fragments", i, "id"), "PS315",
                                 f"fragment id {fragment.id!r} is used twice in this deck"))
            seen.add(fragment.id)
            for j, theme in enumerate(fragment.themes):
                unknown(theme, ("fragments", i, "themes", j), False)
            for j, theme in enumerate(fragment.avoid_with):
                unknown(theme, ("fragments", i, "avoid_with", j), False)
    return out


def check_variables(loaded: Loaded) -> list[Diagnostic]:
    """Conditions and effects name declared variables with values of the right type."""
    scenario: Scenario = loaded.model
    out: list[Diagnostic] = []
    used: set[str] = set()
    declared = scenario.variables
    for cond, path in _conditions(scenario):
        for beat in (cond.visited, cond.not_visited):
            if beat is not None and beat not in scenario.beats:
                out.append(_diag(loaded, path, "PS300", f"condition names {beat!r}, not a"
                                 f" beat{did_you_mean(beat, scenario.beats)}"))
        if cond.var is None:
            continue
        used.add(cond.var)
        var = declared.get(cond.var)
        if var is None:
            out.append(_diag(loaded, (*path, "var"), "PS306", f"unknown variable {cond.var!r}"
                             f"{did_you_mean(cond.var, declared)};"
                             f" declared: {', '.join(declared) or 'none'}"))
            continue
        value = next(v for v in (cond.eq, cond.ne, cond.gte, cond.lte) if v is not None)
        if (var.type == "bool") != isinstance(value, bool):
            out.append(_diag(loaded, path, "PS313", f"{cond.var} is {var.type}; compare it with"
                             f" {'true or false' if var.type == 'bool' else 'a whole number'}"))
    for effects, path in _effects(scenario):
        for name, change in effects.items():
            used.add(name)
            var = declared.get(name)
            if var is None:
                out.append(_diag(loaded, (*path, name), "PS306", f"unknown variable {name!r}"
                                 f"{did_you_mean(name, declared)};"
                                 f" declared: {', '.join(declared) or 'none'}", key=True))
            elif (var.type == "bool") != isinstance(change, bool):
                want = "true or false" if var.type == "bool" else "a whole number to add"
                out.append(_diag(loaded, (*path, name), "PS313", f"{name} is {var.type}; its"
                                 f" effect must be {want}"))
    for name in declared:
        if name not in used:
            out.append(_diag(loaded, ("variables", name), "PS309",
                             f"variable {name!r} is never tested or changed", key=True,
                             severity=Severity.warning))
    return out


def check_criteria(loaded: Loaded, rubric: Rubric) -> list[Diagnostic]:
    """Evidence names criteria of the scenario's rubric that apply to that kind of turn."""
    scenario: Scenario = loaded.model
    out: list[Diagnostic] = []
    for beat_id, beat in scenario.beats.items():
        places: list[tuple[dict[str, int], P, TurnKind]] = [
            (line.evidence, ("beats", beat_id, "lines", i, "evidence"), TurnKind.line)
            for i, line in enumerate(beat.lines)
        ]
        if beat.share is not None:
            places.append((beat.share.hold_back.evidence,
                           ("beats", beat_id, "share", "hold_back", "evidence"), TurnKind.share))
        for evidence, path, kind in places:
            for crit in evidence:
                criterion = rubric.criteria.get(crit)
                if criterion is None:
                    out.append(_diag(loaded, (*path, crit), "PS307",
                                     f"unknown criterion {crit!r} in rubric {rubric.id!r}"
                                     f"{did_you_mean(crit, rubric.criteria)};"
                                     f" criteria: {', '.join(rubric.criteria)}", key=True))
                elif kind not in criterion.applies_to:
                    fits = [c for c, v in rubric.criteria.items() if kind in v.applies_to]
                    out.append(_diag(loaded, (*path, crit), "PS318",
                                     f"criterion {crit!r} does not apply to {kind.value} turns"
                                     " in the rubric, so this evidence would never count;"
                                     f" criteria that apply to {kind.value} turns:"
                                     f" {', '.join(fits) or 'none'}", key=True))
    return out


def check_plan(
    loaded: Loaded, plan: Plan, path: P, scenario: Scenario, library: Library,
    rubric: Rubric | None,
) -> list[Diagnostic]:
    """A plan names a known deck, known fragments, lines, beats, endings, criteria, gates."""
    out: list[Diagnostic] = []
    deck_id = plan.deck or scenario.deck
    deck: Deck | None = None
    if deck_id is not None:
        if deck_id in library.decks:
            deck = library.deck(deck_id)
        else:
            out.append(_diag(loaded, (*path, "deck"), "PS312",
                             not_found("deck", deck_id, library.decks)))
    all_lines = {line.id for beat in scenario.beats.values() for line in beat.lines}
    for i, step in enumerate(plan.steps):
        spath = (*path, "steps", i)
        if step.at is not None and step.at not in scenario.beats:
            out.append(_diag(loaded, (*spath, "at"), "PS300", f"{step.at!r} is not a beat"
                             f"{did_you_mean(step.at, scenario.beats)}"))
        if step.line is not None and step.line not in all_lines:
            out.append(_diag(loaded, (*spath, "line"), "PS317",
                             f"no beat has a line {step.line!r}"
                             f"{did_you_mean(step.line, all_lines)}"))
        if step.share is not None and step.share.fragments:
            if deck is None and deck_id is None:
                out.append(_diag(loaded, (*spath, "share"), "PS312",
                                 "this step shares fragments, so the plan needs a deck"))
            for j, frag in enumerate(step.share.fragments):
                if deck is not None and deck.fragment(frag) is None:
                    out.append(_diag(loaded, (*spath, "share", "fragments", j), "PS308",
                                     f"deck {deck.id!r} has no fragment {frag!r}"
                                     f"{did_you_mean(frag, [f.id for f in deck.fragments])}"))
    expect = plan.expect
    if expect.ending is not None and expect.ending not in scenario.endings:
        out.append(_diag(loaded, (*path, "expect", "ending"), "PS300",
                         f"{expect.ending!r} is not an ending"
                         f"{did_you_mean(expect.ending, scenario.endings)}"))
    if rubric is not None:
        for crit in expect.criteria:
            if crit not in rubric.criteria:
                out.append(_diag(loaded, (*path, "expect", "criteria", crit), "PS307",
                                 f"unknown criterion {crit!r}"
                                 f"{did_you_mean(crit, rubric.criteria)}", key=True))
        for j, gate in enumerate(expect.gates or []):
            if gate not in rubric.gates:
                out.append(_diag(loaded, (*path, "expect", "gates", j), "PS316",
                                 f"unknown gate {gate!r}{did_you_mean(gate, rubric.gates)};"
                                 f" gates: {', '.join(rubric.gates)}"))
    return out
