"""Validation time against file size, on ordinary and adversarial scenario files.

Run: ``python -m benchmarks.bench_validate_size [--sizes 262144 1048576]``. (Past about
1.2 MiB these shapes hold more than the reader's 250,000 values and are refused, PS111.)
For each shape in :mod:`benchmarks.adversarial` and each size, one file is validated
(``validate_paths``: strict YAML, models, every cross-check) and, as the baseline in
the same run, parsed with ``yaml.load(..., Loader=yaml.CSafeLoader)``. Reported per
shape: bytes, seconds, the ratio to the baseline, and how time grew from the smallest
size to the largest against how the size grew (about 1.0 means linear). Nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import yaml

from benchmarks.adversarial import SHAPES
from benchmarks.bench_core import best_of
from simulator.loading.checks import validate_paths


def measure(path: Path, repeats: int) -> dict[str, float]:
    raw = path.read_bytes()
    base = best_of(repeats, lambda: yaml.load(raw, Loader=yaml.CSafeLoader))
    full = best_of(repeats, lambda: validate_paths([str(path)]))
    return {"bytes": len(raw), "csafeloader_s": round(base, 3), "validate_s": round(full, 3),
            "ratio": round(full / base, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[262_144, 1_048_576])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    report: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for shape in args.shapes:
            rows = []
            for size in args.sizes:
                path = Path(tmp) / f"{shape}-{size}.yaml"
                path.write_text(SHAPES[shape](size), encoding="utf-8")
                rows.append(measure(path, args.repeats))
                print(shape, json.dumps(rows[-1]), flush=True)
            report[shape] = rows
    print("\n| shape | bytes | validate | CSafeLoader | ratio | time growth / size growth |")
    print("| --- | --- | --- | --- | --- | --- |")
    for shape, rows in report.items():
        first, last = rows[0], rows[-1]
        growth = (last["validate_s"] / first["validate_s"]) / (last["bytes"] / first["bytes"])
        for row in rows:
            print(f"| {shape} | {row['bytes']:,} | {row['validate_s']:.2f} s |"
                  f" {row['csafeloader_s']:.2f} s | {row['ratio']:.2f}x |"
                  f" {growth:.2f} |" if row is last else
                  f"| {shape} | {row['bytes']:,} | {row['validate_s']:.2f} s |"
                  f" {row['csafeloader_s']:.2f} s | {row['ratio']:.2f}x | |")


if __name__ == "__main__":
    main()
