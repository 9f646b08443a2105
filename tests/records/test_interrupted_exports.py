"""An export that is stopped leaves no partial file: SIGTERM mid-write cleans up and says
so (exit 143); what a SIGKILL left behind is swept by the next export to that file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli.main import main

pytestmark = pytest.mark.sqlite_only

#: an export whose rows stop half-way with a SIGTERM to its own process
_STOPPED_EXPORT = """
import os, signal, sys
from simulator.cli.main import main
from simulator.exports import tables

real = tables.long_rows

def rows(*args, **kwargs):
    for number, row in enumerate(real(*args, **kwargs)):
        if number == 2:
            os.kill(os.getpid(), signal.SIGTERM)
        yield row

tables.long_rows = rows
sys.exit(main(["export", "--cohort", "spring", "--format", "csv", "-o", sys.argv[1]]))
"""


def test_sigterm_mid_export_leaves_no_partial_file(cohort: list[str], tmp_path: Path) -> None:
    target = tmp_path / "out" / "long.csv"
    done = subprocess.run([sys.executable, "-c", _STOPPED_EXPORT, str(target)],
                          capture_output=True, text=True, env=os.environ.copy(), timeout=120,
                          check=False)
    assert done.returncode == 143, done.stderr
    assert "stopped by signal 15" in done.stderr and "Traceback" not in done.stderr
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no temporary file either


def test_what_a_killed_export_left_is_swept(cohort: list[str], tmp_path: Path) -> None:
    target = tmp_path / "long.csv"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".long.csv.{dead}.abc123.tmp"
    stale.write_text("trainee_id,half a row")
    running = tmp_path / f".long.csv.{os.getpid()}.def456.tmp"  # a live export's: kept
    running.write_text("in progress")
    assert main(["export", "--cohort", "spring", "--format", "csv", "-o", str(target)]) == 0
    assert not stale.exists() and running.exists() and target.exists()


def test_excel_keeps_its_scratch_files_beside_the_target_never_in_tmp(
        cohort: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import xlsxwriter

    seen: list[str] = []
    real = xlsxwriter.Workbook

    def spy(filename: str, options: dict[str, object]) -> object:
        seen.append(str(options.get("tmpdir")))
        return real(filename, options)

    monkeypatch.setattr(xlsxwriter, "Workbook", spy)
    target = tmp_path / "book.xlsx"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = tmp_path / f".book.xlsx.{dead}.x1y2.tmp"  # what a killed Excel export left
    stale.mkdir()
    (stale / "tmpab12").write_text("t-named,Ann,ann@example.org")
    assert main(["export", "--cohort", "spring", "--format", "xlsx", "--roster",
                 "-o", str(target)]) == 0
    assert len(seen) == 1 and Path(seen[0]).parent == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]  # all swept
