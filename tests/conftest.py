"""Shared fixtures: the shipped library, a tiny scenario, and file-writing helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.loading.checks import validate_paths
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.library import Library, load_library

DATA = Path(__file__).parent / "data"
MINI = (DATA / "mini.yaml").read_text(encoding="utf-8")
AUTHORING = Path(__file__).parent.parent / "docs" / "authoring.md"


def authoring_folder(folder: Path, *, leave_out: tuple[str, ...] = ()) -> Path:
    """docs/authoring.md's example files (deck, scenario, plan), written into ``folder``
    as a new trainer following it would."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in re.findall(r"```yaml\n# file: (\S+)\n(.*?)```",
                                 AUTHORING.read_text(encoding="utf-8"), flags=re.S):
        if name not in leave_out:
            (folder / name).write_text(body, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data folder."""
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(tmp_path_factory.mktemp("peersim-data")))
    monkeypatch.delenv("PEERSIM_DATABASE_URL", raising=False)
    monkeypatch.delenv("PEERSIM_LIBRARY", raising=False)


@pytest.fixture(scope="session")
def shipped() -> Library:
    """The shipped scenarios, decks and rubrics."""
    library, problems = load_library([])
    assert not problems
    return library


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file under tmp_path and return its path."""
    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path
    return _write


@pytest.fixture
def check(write: Callable[[str, str | bytes], Path]) -> Callable[[str | bytes], list[Diagnostic]]:
    """Validate one file's content (with the shipped content as context)."""
    def _check(content: str | bytes, name: str = "case.yaml") -> list[Diagnostic]:
        path = write(name, content)
        _library, problems = validate_paths([str(path)])
        return problems
    return _check


def codes(problems: list[Diagnostic]) -> list[str]:
    """Just the codes, in order."""
    return [p.code for p in problems]


def at(problems: list[Diagnostic], code: str) -> tuple[int, int]:
    """Line and column of the first diagnostic with ``code``."""
    for problem in problems:
        if problem.code == code:
            return problem.line, problem.col
    raise AssertionError(f"no {code} in {[p.format() for p in problems]}")


@pytest.fixture
def mini_engine(shipped: Library, write: Callable[[str, str | bytes], Path]) -> Engine:
    """An engine on the tiny test scenario with the robin deck."""
    library, problems = validate_paths([str(write("mini.yaml", MINI))])
    assert not problems, [p.format() for p in problems]
    return Engine(library.scenario("mini"), library.rubric("core"), library.deck("robin"),
                  label=library.theme_label)
