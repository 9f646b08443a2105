"""A normal (non-editable) install finds the shipped scenarios, decks and rubrics."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def build_wheel(project: Path, out: Path) -> Path:
    """Build ``project``'s wheel into ``out``. A build that fails fails the test (with
    pip's words): a broken build is a defect to see, never a skip."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(project)],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        pytest.fail(f"the wheel does not build: {proc.stderr[-600:]}")
    return next(out.glob("*.whl"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(ROOT, tmp_path_factory.mktemp("wheel"))


def test_a_broken_build_fails_rather_than_skips(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (broken / "pyproject.toml").write_text(text.replace("[project]", "[project", 1),
                                           encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="the wheel does not build"):
        build_wheel(broken, tmp_path / "out")


def test_wheel_bundles_the_shipped_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("scenarios/loud-again.yaml", "decks/robin.yaml", "rubrics/core.yaml",
                    "rubrics/themes.yaml"):
        assert f"simulator/_data/{shipped}" in names
    assert "simulator/py.typed" in names
    assert "simulator/shipped-index.json" in names  # a first start opens from it


def test_installed_wheel_loads_and_checks_its_content(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import simulator, simulator.paths as p\n"
            "assert '_data' in str(p.content_root()), p.content_root()\n"
            "from simulator.library_index import shipped_cards\n"
            "assert shipped_cards(), 'a first start would not open from the shipped cards'\n"
            "from simulator.cli.main import main\n"
            "raise SystemExit(main(['check']))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 failed" in proc.stdout and str(target) in subprocess.run(
        [sys.executable, "-c", "import simulator; print(simulator.__file__)"], cwd=tmp_path,
        env=env, capture_output=True, text=True, check=True).stdout
