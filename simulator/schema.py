"""JSON Schemas for the data files, generated from the models (never written by hand).

Editors with a YAML language server use them to complete and check files as a
trainer types; ``tests/test_schema.py`` keeps ``docs/schema/`` in step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simulator.loading.documents import KINDS
from simulator.paths import private_dir, write_private

BASE_URL = "https://peersim.invalid/schema/"


def schemas() -> dict[str, dict[str, Any]]:
    """One schema per file kind, keyed by kind."""
    out: dict[str, dict[str, Any]] = {}
    for kind, model in KINDS.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{BASE_URL}{kind}.schema.json"
        out[kind] = schema
    return out


def render(schema: dict[str, Any]) -> str:
    """Stable text for a schema file."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    private_dir(folder)
    written: list[Path] = []
    for kind, schema in schemas().items():
        path = folder / f"{kind}.schema.json"
        write_private(path, render(schema))  # 0600 like every file peersim writes
        written.append(path)
    return written
