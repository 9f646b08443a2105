"""Files and folders the system will not open are PS110 diagnostics, and the rest is checked.

Tests usually run as root, who may open anything, so a folder is "locked" by making
the system calls that a real locked folder refuses (listing it, and looking up
anything inside it) raise PermissionError.
"""

from __future__ import annotations

import builtins
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.loading.checks import validate_paths
from simulator.loading.safeyaml import MAX_BYTES
from tests.conftest import MINI

Write = Callable[[str, str | bytes], Path]


def _lock(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` behave like a folder with no permissions (mode 000)."""
    real_stat, real_scandir, real_listdir = os.stat, os.scandir, os.listdir

    def refuse(path: Any) -> None:
        if isinstance(path, int):
            return
        here = Path(os.fsdecode(path)).absolute()
        if here == folder or folder in here.parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

    def inside(path: Any) -> None:
        if not isinstance(path, int) and folder in Path(os.fsdecode(path)).absolute().parents:
            refuse(path)

    def fake_stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        inside(path)
        return real_stat(path, *args, **kwargs)

    def fake_scandir(path: Any = ".") -> Any:
        refuse(path)
        return real_scandir(path)

    def fake_listdir(path: Any = ".") -> Any:
        refuse(path)
        return real_listdir(path)

    monkeypatch.setattr(os, "stat", fake_stat)
    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.setattr(os, "listdir", fake_listdir)


def test_file_inside_an_unreadable_folder_is_ps110_and_the_rest_is_checked(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write("locked/x.yaml", "kind: deck\n")
    good = write("good.yaml", MINI.replace("title: Mini", "title: no"))
    _lock(monkeypatch, locked.parent)
    _library, problems = validate_paths([str(locked), str(good)])
    assert [(p.path, p.line, p.col, p.code) for p in problems] == [
        (str(good), 4, 8, "PS103"),
        (str(locked), 0, 0, "PS110"),
    ]
    assert "Permission denied" in problems[1].message


def test_unreadable_subfolder_is_ps110_and_its_siblings_load(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write("lib/a.yaml", MINI)
    write("lib/locked/b.yaml", "kind: deck\n")
    write("lib/z/c.yaml", "kind: deck\n")
    _lock(monkeypatch, good.parent / "locked")
    library, problems = validate_paths([str(good.parent)])
    lib = good.parent
    assert [(p.path, p.code) for p in problems if p.code == "PS110"] == [
        (str(lib / "locked"), "PS110"),
    ]
    assert "cannot read the folder: Permission denied" in problems[0].message
    assert "mini" in library.scenarios
    assert str(lib / "z" / "c.yaml") in {p.path for p in problems}  # searched past the lock
    assert library.files_read == 2


def test_unreadable_folder_given_by_name(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write("shut/a.yaml", MINI).parent
    _lock(monkeypatch, folder)
    _library, problems = validate_paths([str(folder)])
    assert [(p.path, p.code) for p in problems] == [(str(folder), "PS110")]


def test_cli_reports_unreadable_paths_without_a_traceback(
    write: Write, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = write("locked/x.yaml", "kind: deck\n")
    _lock(monkeypatch, locked.parent)
    code = main(["validate", str(locked)])
    out, err = capsys.readouterr()
    assert code == 1 and "internal error" not in out + err
    assert err.startswith(f"{locked}:0:0: PS110 cannot read the file or folder: Permission")


def test_special_file_is_not_a_file(write: Write) -> None:
    fifo = write("dummy.yaml", "").parent / "pipe.yaml"
    os.mkfifo(fifo)
    _library, problems = validate_paths([str(fifo), str(fifo.parent)])
    assert [(p.path, p.code) for p in problems] == [
        (str(fifo.parent / "dummy.yaml"), "PS107"),  # the folder's search skips the pipe
        (str(fifo), "PS110"),
    ]
    assert problems[1].message == "not a plain file or a folder"


def test_huge_file_is_refused_without_being_read(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = write("big.yaml", "kind: deck\n")
    os.truncate(big, 8 * MAX_BYTES)  # sparse: costs no disk
    read: list[int] = []
    real_open = builtins.open

    class Counting:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def read(self, size: int = -1) -> bytes:
            data: bytes = self.handle.read(size)
            read.append(len(data))
            return data

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

    def spy_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, *args, **kwargs)
        return Counting(handle) if str(file) == str(big) else handle

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr("io.open", spy_open)
    _library, problems = validate_paths([str(big)])
    assert [(p.code, p.line, p.col) for p in problems] == [("PS105", 1, 1)]
    assert f"file is {8 * MAX_BYTES:,} bytes" in problems[0].message
    assert sum(read) <= MAX_BYTES + 1
