"""A canary in every field a trainee or a roster keeps: it appears in no output it should
not (story text only with ``--include-story-text``; names only with ``--roster``), and
in no file anyone else can read, under umask 022, 000 and 077."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.owndecks import save_deck
from simulator.records import open_store
from tests.records.conftest import play

pytestmark = pytest.mark.sqlite_only  # file modes are the SQLite store's; PostgreSQL's
# own tests cover what the database holds

STORY = "Canarystory"  # a trainee's own piece: its title and words
NAME = "Canaryname"  # the roster's name and email
SECRET_DB = "Canarypassword"


@pytest.fixture(params=[0o022, 0o000, 0o077], ids=["umask-022", "umask-000", "umask-077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


def _readable_by_others(root: Path) -> list[str]:
    """Every file or folder under ``root`` that anyone but its owner may open."""
    found = []
    for path in [root, *root.rglob("*")]:
        if stat.S_IMODE(path.lstat().st_mode) & 0o077:
            found.append(f"{path.relative_to(root)} {oct(stat.S_IMODE(path.lstat().st_mode))}")
    return found


def _text(path: Path) -> str:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as book:
            return "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
    return path.read_bytes().decode("utf-8", "replace")


def test_the_canary_stays_where_it_belongs(umask: int, tmp_path: Path, shipped: Library,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data" / "peersim"
    out = tmp_path / "out" / "deep"
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(data))
    robin = shipped.deck("robin")
    piece = robin.fragments[0].model_copy(update={
        "id": "canary", "title": f"{STORY} title piece",
        "text": f"{STORY} words of my own story, told once to a friend at night."})
    deck = robin.model_copy(update={"id": "my-story", "fragments": [piece]})
    save_deck(deck)
    assert main(["cohort", "create", "spring"]) == 0
    assert main(["cohort", "add", "spring", "--trainee", "t-canary", "--name", f"{NAME} A",
                 "--email", f"{NAME}@example.org"]) == 0
    store = open_store()
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), deck)
    play(store, engine, "t-canary", "s-canary", [
        Step(line="exhausting"),
        Step(share=ShareStep(fragments=["canary"], permission=True, hand_back=True))])
    store.close()
    plain = {"a.csv": "csv", "b.jsonl": "jsonl", "c.json": "xapi", "d.csv": "csv-wide",
             "e.xlsx": "xlsx"}
    for name, fmt in plain.items():
        assert main(["export", "--cohort", "spring", "--format", fmt,
                     "-o", str(out / name)]) == 0, name
    assert main(["report", "--cohort", "spring", "-o", str(out / "r.html")]) == 0
    assert main(["review", "export", "--cohort", "spring", "-o", str(out / "rv.csv")]) == 0
    assert main(["records", "export-mine", "-o", str(out / "mine.json")]) == 0
    assert main(["schema", "-o", str(tmp_path / "schema" / "here")]) == 0
    # opted in: the story with the flag, the names with --roster
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "--include-story-text",
                 "-o", str(out / "story.jsonl")]) == 0
    assert main(["export", "--cohort", "spring", "--format", "csv-wide", "--roster",
                 "-o", str(out / "roster.csv")]) == 0
    monkeypatch.setenv("PEERSIM_DATABASE_URL", f"postgresql://u:{SECRET_DB}@127.0.0.1:1/db")
    assert main(["cohort", "list"]) == 1
    monkeypatch.delenv("PEERSIM_DATABASE_URL")
    said = capsys.readouterr()
    assert SECRET_DB not in said.out + said.err
    assert STORY not in said.out + said.err and NAME not in said.out + said.err

    for name in [*plain, "r.html", "rv.csv", "mine.json"]:
        text = _text(out / name)
        assert STORY not in text, name
        assert NAME not in text, name
    assert STORY in _text(out / "story.jsonl") and NAME not in _text(out / "story.jsonl")
    assert NAME in _text(out / "roster.csv") and STORY not in _text(out / "roster.csv")
    for root in (data, tmp_path / "out", tmp_path / "schema"):
        assert _readable_by_others(root) == [], root
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []
