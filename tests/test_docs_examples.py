"""The complete example in docs/authoring.md validates and its plans pass."""

from __future__ import annotations

import re
from pathlib import Path

from simulator.cli.main import main
from simulator.loading.checks import validate_paths

DOC = Path(__file__).parent.parent / "docs" / "authoring.md"


def _examples(tmp_path: Path) -> list[Path]:
    blocks = re.findall(r"```yaml\n# file: (\S+)\n(.*?)```", DOC.read_text(encoding="utf-8"),
                        flags=re.S)
    paths = []
    for name, body in blocks:
        path = tmp_path / name
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def test_authoring_examples_validate_cleanly(tmp_path: Path) -> None:
    paths = _examples(tmp_path)
    assert [p.name for p in paths] == ["example-deck.yaml", "example-scenario.yaml",
                                       "example-plan.yaml"]
    _library, problems = validate_paths([str(p) for p in paths])
    assert [p.format() for p in problems] == []


def test_authoring_example_plans_pass(tmp_path: Path) -> None:
    paths = _examples(tmp_path)
    assert main(["check", *map(str, paths)]) == 0
    assert main(["run", str(paths[1]), "--plan", str(paths[2]), "--deck", str(paths[0])]) == 0
