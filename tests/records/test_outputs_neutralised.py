"""Every output goes through the one sanitiser: no formula runs in a spreadsheet (header
or cell), and no raw control character or bidi override reaches a CSV, an Excel sheet,
the report or a JSON Lines file, whoever wrote the text (author, trainer, roster)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from simulator.exports import review, tables, xapi
from simulator.exports.names import Names
from simulator.exports.sanitise import cell, json_line, markup, plain_line, shown
from simulator.records import open_store
from simulator.records.cohorts import Roster
from simulator.records.review import Reviews
from simulator.report.html import build_report

#: a formula, ESC, BEL, a C1 CSI, a bidi override and an isolate, all in one string
HOSTILE = "=HYPERLINK(\"http://x\")\x1b]0;pwned\x07\x9b31m\u202eevil\u2066end"
#: what must never be found raw in an output file's bytes
RAW = [b"\x1b", b"\x07", "\x9b".encode(), "\u202e".encode(), "\u2066".encode()]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_the_sanitiser_shows_every_unsafe_character() -> None:
    assert shown("a\x1bb\x9bc\u202ed\u2066e\u200ff") == "a\\x1bb\\x9bc\\u202ed\\u2066e\\u200ff"
    assert shown("two\nlines\tand tab") == "two\nlines\tand tab"
    assert cell("\u202e=1+1") == "'\\u202e=1+1"
    assert markup("<b>\x1b</b>") == "&lt;b&gt;\\x1b&lt;/b&gt;"
    assert plain_line("one\ntwo\x07") == "one two\\x07"
    line = json_line({"t": "\x1b\x9b\u202e"})
    assert json.loads(line) == {"t": "\x1b\x9b\u202e"}  # the data is unchanged
    assert not any(raw.decode() in line for raw in RAW)


@pytest.fixture
def hostile(cohort: list[str], tmp_path: Path) -> tables.Gradebook:
    """Hostile text in the names (authored), the roster and a comment (its author too)."""
    store = open_store()
    Reviews(store).add("s-gate", kind="flag", author=HOSTILE, role="trainer", turn=1,
                       criterion="harm", body=HOSTILE)
    store.close()
    roster = Roster(tmp_path / "roster.sqlite3")
    roster.set(cohort[0], HOSTILE, HOSTILE)
    roster.close()
    names = Names(scenarios={"loud-again": (HOSTILE, HOSTILE), "nothing-left": (HOSTILE, "")},
                  criteria={"safety": HOSTILE})
    return tables.Gradebook(names=names)


def _no_raw_bytes(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            data = b"".join(book.read(n) for n in book.namelist())
        assert b"_x001B_" not in data and b"_x0007_" not in data, path
    for raw in RAW:
        assert raw not in data, (path.name, raw)


def _csv_cells(path: Path) -> list[str]:
    return [c for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
            for c in row]


def test_no_output_carries_a_formula_or_a_raw_control(hostile: tables.Gradebook,
                                                      tmp_path: Path) -> None:
    store = open_store()
    roster = Roster(tmp_path / "roster.sqlite3")
    try:
        written = {
            "long.csv": lambda p: tables.write_csv_long(store, "spring", p, hostile),
            "wide.csv": lambda p: tables.write_csv_wide(store, "spring", p, roster, hostile),
            "book.xlsx": lambda p: tables.write_xlsx(store, "spring", p, roster, hostile),
            "all.jsonl": lambda p: tables.write_jsonl(store, "spring", p, None, hostile),
            "x.json": lambda p: xapi.write_statements(store, "spring", p, hostile),
            "report.html": lambda p: build_report(store, "spring", p, hostile),
            "c.csv": lambda p: review.write_entries(Reviews(store).export_rows("spring"), p),
            "c.jsonl": lambda p: review.write_entries(Reviews(store).export_rows("spring"), p),
        }
        for name, write in written.items():
            write(tmp_path / name)
    finally:
        store.close()
        roster.close()
    for name in written:
        _no_raw_bytes(tmp_path / name)
    for name in ("long.csv", "wide.csv", "c.csv"):
        cells = _csv_cells(tmp_path / name)
        assert any("pwned" in c for c in cells), name  # the hostile text is there...
        for value in cells:  # ...but no cell, header included, starts a formula
            assert not value.startswith(FORMULA_STARTS), (name, value)
    header = next(csv.reader(io.StringIO((tmp_path / "wide.csv").read_text())))
    assert any(h.startswith("'=HYPERLINK") for h in header)  # a scenario title as header
    report = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "\\x1b]0;pwned\\x07" in report and "\\u202eevil" in report
    for line in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert record["scenario_title"] == HOSTILE  # escaped in the file, intact as data
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(tmp_path / "book.xlsx", read_only=True)
    values = [value for sheet in book.worksheets
              for row in sheet.iter_rows(values_only=True) for value in row]
    book.close()  # a read-only workbook holds its file open until closed
    for value in values:
        assert not (isinstance(value, str) and value.startswith(FORMULA_STARTS))
