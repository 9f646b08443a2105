"""Exports of a fixed store are byte-for-byte what they were (golden files).

Why: the export writers were made faster (one turn reader per session, cached
sentences, one JSON encoder); a speed-up must never change a byte a trainer's
spreadsheet or learning record store reads. The store is built from real play of
shipped scenarios with a fixed clock and fixed ids, so the files are stable.
Regenerate (only when an export's format is deliberately changed) with
``python -m tests.test_export_golden``.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.engine.engine import Engine
from simulator.exports import tables, xapi
from simulator.loading.library import Library, load_library
from simulator.model.plan import ShareStep, Step
from simulator.practice import PracticeService
from simulator.records.cohorts import add_members, create_cohort
from simulator.records.sqlite_store import SqliteStore

GOLDEN = Path(__file__).parent / "data" / "exports"


def _clock() -> datetime:
    return datetime(2027, 1, 1, 10, 0, tzinfo=UTC)


def _play(store: SqliteStore, engine: Engine, trainee: str, sid: str,
          steps: list[Step]) -> None:
    service = PracticeService(store)
    practice = service.start(engine, trainee_id=trainee, mode="assessment", session_id=sid)
    for step in steps:
        service.choose(practice, step)
    service.finish(practice)


def build(library: Library, path: Path) -> SqliteStore:
    """Two trainees: a skilled session with shares and a reflection, one that trips a
    safety gate."""
    store = SqliteStore(path, clock=_clock)
    store.ensure_trainee("t-aaaa00000001")
    store.ensure_trainee("t-aaaa00000002")
    create_cohort(store, "spring", "Spring")
    add_members(store, "spring", trainee_ids=["t-aaaa00000001", "t-aaaa00000002"])
    loud = Engine(library.scenario("loud-again"), library.rubric("core"), library.deck("robin"))
    skilled = next(p for p in loud.scenario.tests if p.model)
    _play(store, loud, "t-aaaa00000001", "s-skilled", list(skilled.steps))
    risky = Engine(library.scenario("nothing-left"), library.rubric("core"),
                   library.deck("robin"))
    _play(store, risky, "t-aaaa00000002", "s-gate", [
        Step(line="tell-me-more"),
        Step(share=ShareStep(fragments=["wanting-to-disappear"], permission=True))])
    return store


def write_all(library: Library, folder: Path) -> dict[str, bytes]:
    """Every export of the fixed store, by file name."""
    store = build(library, folder / "golden.sqlite3")
    try:
        def story(deck_id: str | None, fragment_id: str) -> str | None:
            return f"words of {fragment_id} in {deck_id}"

        tables.write_jsonl(store, "spring", folder / "plain.jsonl")
        tables.write_jsonl(store, "spring", folder / "story.jsonl", story)
        tables.write_csv_long(store, "spring", folder / "long.csv")
        tables.write_csv_wide(store, "spring", folder / "wide.csv")
        xapi.write_statements(store, "spring", folder / "xapi.json")
    finally:
        store.close()
    names = ("plain.jsonl", "story.jsonl", "long.csv", "wide.csv", "xapi.json")
    return {name: (folder / name).read_bytes() for name in names}


@pytest.mark.parametrize("name", ["plain.jsonl", "story.jsonl", "long.csv", "wide.csv",
                                  "xapi.json"])
def test_export_is_byte_identical(name: str, shipped: Library, tmp_path: Path) -> None:
    written = write_all(shipped, tmp_path)
    assert written[name] == (GOLDEN / name).read_bytes()


if __name__ == "__main__":
    found, problems = load_library([])
    if problems:
        sys.exit("the shipped library has problems")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for file_name, data in write_all(found, Path(tmp)).items():
            (GOLDEN / file_name).write_bytes(data)
