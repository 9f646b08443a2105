"""The export command's formats, help and dispatch are read from one registry."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.cli.parser import build_parser
from simulator.exports import formats
from simulator.exports.formats import FORMATS, ExportFormat, Request


def _export_parser() -> argparse.ArgumentParser:
    sub = next(a for a in build_parser()._actions
               if isinstance(a, argparse._SubParsersAction))
    parser: argparse.ArgumentParser = sub.choices["export"]
    return parser


def _action(option: str) -> argparse.Action:
    return next(a for a in _export_parser()._actions if option in a.option_strings)


def test_the_parsers_format_choices_are_the_registry() -> None:
    choices = _action("--format").choices
    assert choices is not None and list(choices) == list(FORMATS)
    assert set(FORMATS) == {"csv", "csv-wide", "xlsx", "jsonl", "xapi"}
    shown = _action("--format").help or ""
    assert all(f"{f.name}: {f.holds} ({f.suffix})" in shown for f in FORMATS.values())


def test_every_format_only_option_is_an_option_of_the_command() -> None:
    dests = {a.dest for a in _export_parser()._actions}
    for fmt in FORMATS.values():
        assert set(fmt.options) <= dests, fmt.name
        assert fmt.suffix.startswith(".") and fmt.holds
    assert [f.name for f in FORMATS.values() if f.story_text] == ["jsonl"]
    assert "jsonl" in (_action("--include-story-text").help or "")
    assert "csv-wide/xlsx" in (_action("--roster").help or "")


def test_the_command_writes_with_the_registered_writer(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Dispatch goes through the registry: a writer swapped in is the one that runs."""
    from simulator.cli import records_cmds
    from simulator.exports.tables import PLAIN

    seen: list[Request] = []

    def fake(request: Request) -> int:
        seen.append(request)
        return 7

    swapped = dict(FORMATS) | {"csv": ExportFormat("csv", ".csv", "test rows", fake)}
    monkeypatch.setattr(records_cmds, "FORMATS", swapped)
    monkeypatch.setattr(formats, "FORMATS", swapped)
    monkeypatch.setattr(records_cmds, "need_trainer", lambda *_a: None)
    monkeypatch.setattr(records_cmds, "get_cohort", lambda *_a: None)
    monkeypatch.setattr(records_cmds, "_gradebook", lambda _args: PLAIN)
    args = _export_parser().parse_args(["--cohort", "c", "--format", "csv",
                                        "-o", str(tmp_path / "x.csv")])
    assert records_cmds.cmd_export(args) == 0
    assert len(seen) == 1 and seen[0].cohort_id == "c" and seen[0].book is PLAIN
    assert seen[0].story_text is None and seen[0].place is None
