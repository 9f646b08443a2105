"""docs/architecture.md is true of the code: the tree it draws, the layers and the
contracts it states.

It reads the doc and the package: every ``simulator/...`` package or module the tree
names exists, every package under simulator/ is named, the layer list is the layers
contract's, and the contracts it names are the ones pyproject.toml configures.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "simulator"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")

# a path inside the package as the tree writes it: engine/, tui/screens/typed.py
_PATH = re.compile(r"(?<![\w./-])((?:[a-z_]+/)+(?:[a-z_]+\.py)?|[a-z_]+\.py)(?![\w/])")


def _blocks(section: str) -> list[str]:
    """The fenced code blocks of the doc's ``section`` (a heading's text)."""
    start = DOC.index(section)
    end = DOC.find("\n## ", start + len(section))
    text = DOC[start:end if end != -1 else None]
    return re.findall(r"```\n(.*?)```", text, re.S)


def _tree() -> str:
    tree = _blocks("# Architecture")[0]
    assert tree.startswith("simulator/\n")
    return tree


def _entries(tree: str) -> list[str]:
    """The tree's top-level entries: ``model/``, ``walk.py``."""
    return [m.group(1) for m in re.finditer(r"^  (\S+)", tree, re.M)]


def _contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_path_the_tree_names_exists() -> None:
    named: set[str] = set()
    package = ""  # the top-level package whose lines these are ("" for a module)
    for line in _tree().splitlines()[1:]:
        if not line.startswith(" "):
            continue  # shipped content beside the package
        entry = re.match(r"^  (\S+)", line)
        if entry is not None:
            named.add(entry.group(1))
            package = entry.group(1) if entry.group(1).endswith("/") else ""
            line = line[entry.end():]
        for path in _PATH.findall(line):  # a bare module name is its package's
            named.add(path if "/" in path else package + path)
    assert {"model/", "engine/menu.py", "tui/screens/typed.py"} <= named  # the parse works
    missing = sorted(p for p in named if not (PACKAGE / p).exists())
    assert missing == [], f"docs/architecture.md names what does not exist: {missing}"


def test_every_package_under_simulator_is_in_the_tree() -> None:
    entries = set(_entries(_tree()))
    packages = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages - entries == set(), "packages the tree does not name"
    modules = {p.name for p in PACKAGE.glob("*.py") if not p.name.startswith("__")}
    assert {e for e in entries if e.endswith(".py")} <= modules


def _layers_in_doc() -> list[set[str]]:
    block = _blocks("## Layers")[0]
    layers = []
    for line in block.splitlines():
        if not line or line[0].isspace():
            continue  # a description carried over to its own line
        names = re.split(r"\s{2,}", line.strip())[0]
        layers.append({n.strip() for n in re.split(r"[|:,]", names) if n.strip()})
    return layers


def test_the_layer_list_is_the_layers_contract() -> None:
    contract = next(c for c in _contracts() if c["type"] == "layers")
    configured = [{n.strip().removeprefix("simulator.") for n in re.split(r"[|:]", layer)}
                  for layer in contract["layers"]]
    assert _layers_in_doc() == configured


@pytest.mark.parametrize("separator", ["|", ":"])
def test_the_doc_says_which_layers_are_independent(separator: str) -> None:
    """``|`` (independent) and ``:`` (may import each other) as the contract spells them."""
    contract = next(c for c in _contracts() if c["type"] == "layers")
    block = _blocks("## Layers")[0]
    for layer in contract["layers"]:
        if separator in layer:
            names = [n.strip().removeprefix("simulator.") for n in layer.split(separator)]
            assert f" {separator} ".join(names) in block, layer


def test_every_contract_the_doc_states_is_configured_and_every_one_is_stated() -> None:
    stated = set(re.findall(r'^- "([^"]+)"', DOC, re.M))
    configured = {c["name"] for c in _contracts()}
    assert stated == configured
