"""Core benchmarks: validate vs plain CSafeLoader, engine+scoring per choice, machine build.

Run: ``python -m benchmarks.bench_core [--scenarios 500 --beats 60]``. Every figure is
reported next to a baseline measured in the same run, because these machines are
noisy; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from transitions import Machine

from benchmarks.generate import scenario_text, write_library
from simulator.engine.engine import Engine
from simulator.engine.machine import build_machine
from simulator.engine.session import Session
from simulator.loading.checks import validate_paths
from simulator.loading.documents import load_text
from simulator.loading.graph_checks import beat_edges
from simulator.loading.library import load_library
from simulator.walk import random_step


def best_of(repeats: int, fn: Callable[[], object]) -> float:
    """Fastest of ``repeats`` runs, in seconds (the least disturbed by noise)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_validate(folder: Path, repeats: int) -> dict[str, float]:
    files = sorted(folder.glob("*.yaml"))

    def plain() -> None:
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    def ours() -> None:
        _library, problems = validate_paths([str(folder)])
        assert not problems, problems[:3]

    base = best_of(repeats, plain)
    full = best_of(repeats, ours)
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "csafeloader_s": round(base, 3), "validate_s": round(full, 3),
            "ratio": round(full / base, 2)}


def bench_choices(choices: int, seed: int) -> dict[str, float]:
    library, _ = load_library([])
    rng = random.Random(seed)
    samples: list[int] = []
    cpu: list[int] = []  # this thread's CPU time: what a choice costs, without the time
    # the scheduler gives other processes on a shared machine (the wall clock includes it)
    scenarios = [library.scenario(s) for s in sorted(library.scenarios)]
    readings = sorted(library.acceptance_terms("readings"))  # reflections read disclosures
    while len(samples) < choices:
        scenario = rng.choice(scenarios)
        engine = Engine(scenario, library.rubric(scenario.rubric),
                        library.deck(scenario.deck or "robin"), label=library.theme_label)
        session = engine.start(f"b{len(samples)}")
        while engine.beat(session) is not None and len(samples) < choices:
            step = random_step(engine, rng, session, readings)
            start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
            engine.choose(session, step)
            cpu.append(time.thread_time_ns() - start_cpu)
            samples.append(time.perf_counter_ns() - start)
    samples.sort()
    cpu.sort()

    def pct(values: list[int], p: float) -> float:
        return round(values[min(len(values) - 1, int(p * len(values)))] / 1e6, 4)

    return {"choices": len(samples), "p50_ms": pct(samples, 0.50),
            "p90_ms": pct(samples, 0.90), "p99_ms": pct(samples, 0.99),
            "max_ms": round(samples[-1] / 1e6, 4),
            "mean_ms": round(statistics.fmean(samples) / 1e6, 4),
            "cpu_p50_ms": pct(cpu, 0.50), "cpu_p90_ms": pct(cpu, 0.90),
            "cpu_p99_ms": pct(cpu, 0.99), "cpu_max_ms": round(cpu[-1] / 1e6, 4)}


def bench_machine(beats: int, repeats: int) -> dict[str, float]:
    loaded, problems = load_text("big.yaml", scenario_text(0, beats, random.Random(1)).encode())
    assert loaded is not None, problems
    scenario = loaded.model

    def ours() -> None:
        model = Session("m", scenario.id, 1, "", "core", None, {})
        build_machine(scenario, model, scenario.start, lambda _e: None)

    # The baseline: plain transitions given the same states and the same edges, each
    # with a condition, but none of our work (edge discovery, typed model binding).
    edges = sorted({(b, t) for b, beat in scenario.beats.items() for t, _ in beat_edges(b, beat)})

    def plain() -> None:
        states = list(scenario.beats) + list(scenario.endings)
        machine = Machine(model=None, states=states, initial="b0", auto_transitions=False)
        for source, dest in edges:
            machine.add_transition("advance", source, dest, conditions=[bool])

    base = best_of(repeats, plain)
    full = best_of(repeats, ours)
    return {"beats": beats, "plain_transitions_s": round(base, 4), "build_s": round(full, 4),
            "ratio": round(full / base, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenarios", type=int, default=500)
    parser.add_argument("--beats", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--choices", type=int, default=20_000)
    # 1,500 beats: 2,000 would pass PS111 (250,000 values in one file)
    parser.add_argument("--machine-beats", type=int, default=1500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        write_library(folder, args.scenarios, args.beats)
        report = {
            "validate": bench_validate(folder, args.repeats),
            "engine_and_scoring_per_choice": bench_choices(args.choices, seed=1),
            "machine_build": bench_machine(args.machine_beats, args.repeats),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
