"""Time to refuse files built to exhaust the reader, against parsing them with libyaml.

Run: ``python -m benchmarks.bench_hostile_yaml [--runs 5]``. Each shape is written once
and checked (``load_file(..., lenient=True)``, what ``check`` and ``play`` do) several
times; the baseline in the same run is ``yaml.parse`` over the same bytes (libyaml's
events, which any reading must at least walk). Reported per shape: bytes, the median
and worst seconds, and the median ratio to the baseline. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from simulator.loading.documents import load_file

SHAPES: dict[str, Callable[[], str]] = {
    "200k-keys": lambda: "kind: scenario\nid: x\n" + "".join(
        f"k{i}: v\n" for i in range(200_000)),
    "50k-anchors": lambda: "kind: scenario\nid: x\nitems:\n" + "".join(
        f"  - &a{i} v\n" for i in range(50_000)),
    "1m-values": lambda: "kind: deck\nid: x\nfragments: [" + "1," * 1_000_000 + "1]\n",
    "unknown-keys-60x4999": lambda: "kind: scenario\nid: x\nbeats:\n" + "".join(
        f"  b{j}:\n" + "".join(f"    k{i}: v\n" for i in range(4999)) for j in range(60)),
}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def events(raw: bytes) -> int:
    """How many events libyaml reads from ``raw`` (the baseline)."""
    return sum(1 for _ in yaml.parse(raw, Loader=yaml.CSafeLoader))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| shape | bytes | refused in (median) | worst | libyaml events | ratio |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in SHAPES.items():
            path = Path(tmp) / f"{name}.yaml"
            path.write_text(make(), encoding="utf-8")
            raw = path.read_bytes()
            base = [timed(partial(events, raw)) for _ in range(args.runs)]
            runs = [timed(partial(load_file, path, lenient=True)) for _ in range(args.runs)]
            print(f"| {name} | {len(raw):,} | {statistics.median(runs):.2f} s |"
                  f" {max(runs):.2f} s | {statistics.median(base):.2f} s |"
                  f" {statistics.median(runs) / statistics.median(base):.2f}x |", flush=True)


if __name__ == "__main__":
    main()
