"""A normal (non-editable) install finds the shipped scenarios, decks and rubrics."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here (no build backend available): {proc.stderr[-300:]}")
    return next(out.glob("peersim-*.whl"))


def test_wheel_bundles_the_shipped_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("scenarios/loud-again.yaml", "decks/robin.yaml", "rubrics/core.yaml",
                    "rubrics/themes.yaml"):
        assert f"simulator/_data/{shipped}" in names
    assert "simulator/py.typed" in names


def test_installed_wheel_loads_and_checks_its_content(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import simulator, simulator.paths as p\n"
            "assert '_data' in str(p.content_root()), p.content_root()\n"
            "from simulator.cli.main import main\n"
            "raise SystemExit(main(['check']))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 failed" in proc.stdout and str(target) in subprocess.run(
        [sys.executable, "-c", "import simulator; print(simulator.__file__)"], cwd=tmp_path,
        env=env, capture_output=True, text=True, check=True).stdout
