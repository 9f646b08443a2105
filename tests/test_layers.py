"""The import contracts in pyproject.toml hold, and the cycle contract can fail.

The contracts themselves (layers, the headless core, no import cycles at any depth)
are import-linter's, configured in pyproject.toml and run by .ci/run; pytest runs them
too, so a cycle or a layer break fails the suite where it is made.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract

ROOT = Path(__file__).resolve().parent.parent


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_import_contract_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    configure()  # what the lint-imports command does before it reads its options
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None,
                        no_logo=True)


def test_one_contract_forbids_cycles_through_the_whole_package() -> None:
    acyclic = [c for c in _contracts() if c["type"] == AcyclicSiblingsContract.type_name]
    assert len(acyclic) == 1
    assert acyclic[0]["ancestors"] == ["simulator"]
    assert int(acyclic[0]["depth"]) >= 5  # simulator/tui/screens/... is three deep


def _cycle_contract_on(package: str) -> AcyclicSiblingsContract:
    """The project's own cycle contract, pointed at ``package`` (its exceptions dropped)."""
    options = next(c for c in _contracts() if c["type"] == AcyclicSiblingsContract.type_name)
    options = {k: v for k, v in options.items()
               if k not in ("name", "type", "ignore_imports")} | {"ancestors": [package]}
    return AcyclicSiblingsContract(name="cycles", session_options={},
                                   contract_options=options)


def _package(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("files", "kept"), [
    ({"loopy/__init__.py": "", "loopy/a/__init__.py": "", "loopy/b/__init__.py": "",
      "loopy/a/one.py": "from loopy.b import two\n",
      "loopy/b/two.py": "from typing import TYPE_CHECKING\n"
                        "if TYPE_CHECKING:\n    from loopy.a import one\n"}, False),
    ({"loopy/__init__.py": "", "loopy/a/__init__.py": "",
      "loopy/a/one.py": "from loopy.a import two\n",
      "loopy/a/two.py": "def f() -> None:\n    from loopy.a import one\n"}, False),
    ({"loopy/__init__.py": "", "loopy/a/__init__.py": "", "loopy/b/__init__.py": "",
      "loopy/a/one.py": "from loopy.b import two\n", "loopy/b/two.py": "X = 1\n"}, True),
], ids=["between-packages-type-only", "between-modules-in-a-function", "no-cycle"])
def test_the_cycle_contract_catches_a_cycle_made_on_purpose(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str],
        kept: bool) -> None:
    _package(tmp_path, files)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        graph = grimp.build_graph("loopy", exclude_type_checking_imports=False)
    finally:
        for name in [m for m in sys.modules if m == "loopy" or m.startswith("loopy.")]:
            sys.modules.pop(name)
    assert _cycle_contract_on("loopy").check(graph, verbose=False).kept is kept
