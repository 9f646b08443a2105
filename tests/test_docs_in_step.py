"""Docs that are generated or enumerated must match the code."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.loading.diagnostics import CODES
from simulator.schema import render, schemas

DOCS = Path(__file__).parent.parent / "docs"


def test_json_schemas_are_up_to_date() -> None:
    for kind, schema in schemas().items():
        path = DOCS / "schema" / f"{kind}.schema.json"
        assert path.exists(), f"run: peersim schema -o docs/schema ({path} missing)"
        assert path.read_text(encoding="utf-8") == render(schema), \
            f"{path} is stale: run peersim schema -o docs/schema"


def test_schema_describes_the_id_grammar() -> None:
    text = json.dumps(schemas()["scenario"])
    assert "^[a-z][a-z0-9]*(-[a-z0-9]+)*$" in text


def test_scenario_catalogue_is_current() -> None:
    from simulator.catalogue import catalogue
    from simulator.loading.library import load_library

    library, _ = load_library([])
    page = (DOCS / "scenarios.md").read_text(encoding="utf-8")
    assert page == catalogue(library), "run: peersim catalogue > docs/scenarios.md"
    for scenario_id in library.scenarios:
        assert f'<a id="{scenario_id}"></a>' in page


def test_every_error_code_is_documented() -> None:
    text = (DOCS / "errors.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"### {code}" not in text]
    assert missing == []
