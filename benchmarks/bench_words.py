"""Typed-words benchmark: reading one typed turn with every detector, at a beat.

Run: ``python -m benchmarks.bench_words [--repeats 5]``. Every response of the
labelled corpus (tests/data/words) is explained at its own beat, ``repeats`` times
over, and each call is timed; the goal is p95 under 50 ms with the paraphrase model on.
The baseline, measured in the same run, is what a picked turn already costs: the
engine scoring a picked line at a beat (``Engine.decide``). Loading the model is timed
once on its own (it happens on the first typed turn, never at launch). Nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import replace
from typing import Any

from simulator.engine.engine import Engine
from simulator.loading.library import load_library
from simulator.model.plan import Step
from simulator.words import explain, paraphrase
from simulator.words_library import setting
from tests.words_eval import rows


def _percentiles(seconds: list[float]) -> dict[str, float]:
    ms = sorted(s * 1000 for s in seconds)
    return {"p50": statistics.median(ms), "p95": ms[int(len(ms) * 0.95) - 1],
            "max": ms[-1], "n": float(len(ms))}


def measure(repeats: int) -> dict[str, Any]:
    """Per-turn milliseconds for typed turns (model on and off) and picked lines."""
    library, _ = load_library([])
    corpus = rows("corpus.txt") + rows("corpus-held.txt")
    settings = {(r.scenario, r.beat): setting(library, r.scenario, r.beat) for r in corpus}
    start = time.perf_counter()
    model = paraphrase.available()
    load_s = time.perf_counter() - start
    typed: dict[str, list[float]] = {"model on": [], "model off": []}
    for _ in range(repeats):
        for row in corpus:
            base = settings[(row.scenario, row.beat)]
            for name, where in (("model on", base), ("model off",
                                                     replace(base, paraphrase=False))):
                t0 = time.perf_counter()
                explain(row.text, row.mode, where)  # type: ignore[arg-type]
                typed[name].append(time.perf_counter() - t0)
    picked: list[float] = []
    for _ in range(repeats):
        for scenario_id in sorted(library.scenarios):
            scenario = library.scenario(scenario_id)
            deck = library.deck(scenario.deck) if scenario.deck in library.decks else None
            engine = Engine(scenario, library.rubric(scenario.rubric), deck)
            beat = scenario.beats[scenario.start]
            if not beat.lines:
                continue
            session = engine.start()
            t0 = time.perf_counter()
            engine.decide(session, Step(line=beat.lines[0].id))
            picked.append(time.perf_counter() - t0)
    out: dict[str, Any] = {"model": model, "model_load_ms": round(load_s * 1000, 1)}
    for name, seconds in typed.items():
        out[f"typed turn, {name}"] = _percentiles(seconds)
    out["baseline: picked line scored by the engine"] = _percentiles(picked)
    on, base = out["typed turn, model on"], out["baseline: picked line scored by the engine"]
    out["ratio p50 (typed, model on / picked)"] = round(on["p50"] / base["p50"], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.repeats), indent=2))


if __name__ == "__main__":
    main()
