"""No import cycles, between modules or between the packages of simulator/.

The layer contracts themselves (which package may import which) are checked by
import-linter (`lint-imports`, configured in pyproject.toml, run by .ci/run); these
tests catch any cycle at all, which is what makes a layer order possible.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def module_graph(package: str) -> dict[str, set[str]]:
    """Each module of ``package`` and the modules of it that it imports (type-only too)."""
    graph = grimp.build_graph(package, include_external_packages=False,
                              exclude_type_checking_imports=False)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def package_graph(modules: Mapping[str, set[str]], depth: int = 2) -> dict[str, set[str]]:
    """The same graph with modules folded into their package at ``depth`` dotted parts."""
    def fold(name: str) -> str:
        return ".".join(name.split(".")[:depth])
    out: dict[str, set[str]] = {}
    for module, imported in modules.items():
        out.setdefault(fold(module), set()).update(
            fold(i) for i in imported if fold(i) != fold(module))
    return out


@pytest.fixture(scope="module")
def simulator_modules() -> dict[str, set[str]]:
    return module_graph("simulator")


def test_no_module_imports_itself_round_a_loop(simulator_modules: dict[str, set[str]]) -> None:
    assert cycles(simulator_modules) == []


def test_no_package_imports_itself_round_a_loop(simulator_modules: dict[str, set[str]]) -> None:
    assert cycles(package_graph(simulator_modules)) == []


def test_the_cycle_check_finds_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "loopy"
    (pkg / "a").mkdir(parents=True)
    (pkg / "b").mkdir()
    for folder in (pkg, pkg / "a", pkg / "b"):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a" / "one.py").write_text("from loopy.b import two\n", encoding="utf-8")
    (pkg / "b" / "two.py").write_text("from typing import TYPE_CHECKING\n"
                                      "if TYPE_CHECKING:\n    from loopy.a import one\n",
                                      encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        modules = module_graph("loopy")
    finally:
        sys.modules.pop("loopy", None)
    assert cycles(modules) == [["loopy.a.one", "loopy.b.two"]]
    assert cycles(package_graph(modules)) == [["loopy.a", "loopy.b"]]
