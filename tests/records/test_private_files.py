"""Folders 0700 and files 0600 whatever the umask: data, parents, exports, the trainee-id
file (private before a byte is written), the roster and the library cache."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator import paths
from simulator.cli.main import main
from simulator.library_index import write_index
from simulator.loading.library import Library
from simulator.records import open_store
from simulator.records.identity import remembered_trainee

pytestmark = pytest.mark.sqlite_only


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Run the test under umask 000, the most open there is."""
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def test_everything_made_is_private_under_umask_000(
        open_umask: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        shipped: Library, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "home" / "share" / "peersim"
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(data))
    store = open_store()
    trainee = remembered_trainee(store)
    store.close()
    for folder in (data, data.parent, data.parent.parent):
        assert mode(folder) == 0o700, folder
    for name in ("records.sqlite3", "trainee-id"):
        assert mode(data / name) == 0o600, name
    assert main(["cohort", "create", "spring"]) == 0
    assert main(["cohort", "add", "spring", "--trainee", trainee, "--name", "Ann"]) == 0
    assert mode(data / "roster.sqlite3") == 0o600
    out = tmp_path / "exports" / "deep"
    assert main(["export", "--cohort", "spring", "--format", "csv",
                 "-o", str(out / "x.csv")]) == 0
    assert main(["records", "export-mine", "-o", str(tmp_path / "mine" / "m.json")]) == 0
    assert (mode(out), mode(out.parent), mode(out / "x.csv")) == (0o700, 0o700, 0o600)
    assert (mode(tmp_path / "mine"), mode(tmp_path / "mine" / "m.json")) == (0o700, 0o600)
    write_index(shipped)
    cache = data / "cache"
    assert mode(cache) == 0o700 and mode(cache / "library-index.json") == 0o600
    capsys.readouterr()


def test_an_open_data_folder_is_tightened(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(data))
    open_store().close()
    assert mode(data) == 0o700


def test_the_trainee_id_file_is_private_before_it_is_written(
        open_umask: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(tmp_path / "d"))
    seen: list[int] = []
    real = os.fdopen

    def spy(fd: int, *args: Any, **kwargs: Any) -> Any:
        seen.append(stat.S_IMODE(os.fstat(fd).st_mode))  # before a byte is written
        return real(fd, *args, **kwargs)

    monkeypatch.setattr(paths.os, "fdopen", spy)
    store = open_store()
    remembered_trainee(store)
    store.close()
    assert seen == [0o600]
    assert mode(tmp_path / "d" / "trainee-id") == 0o600
