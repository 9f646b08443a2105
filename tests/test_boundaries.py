"""The headless core never imports Textual: only simulator/tui/ may."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "simulator"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_outside_tui_imports_textual_or_rich() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "tui" in path.relative_to(PACKAGE).parts:
            continue
        bad = {n for n in _imports(path) if n.split(".")[0] in {"textual", "rich"}}
        if bad:
            offenders.append(f"{path.relative_to(ROOT)}: {sorted(bad)}")
    assert offenders == []


def test_core_commands_load_without_textual_in_sys_modules() -> None:
    code = (
        "import sys\n"
        "from simulator.cli.main import main\n"
        "main(['validate', 'scenarios', 'decks', 'rubrics'])\n"
        "main(['check'])\n"
        "import simulator.records.api, simulator.engine.engine, simulator.walk, simulator.graph\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr


def test_the_boundary_test_would_catch_an_offender(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from textual.app import App\nimport rich.text\n", encoding="utf-8")
    assert _imports(sample) == {"textual.app", "rich.text"}
