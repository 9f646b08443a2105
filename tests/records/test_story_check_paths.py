"""The story-text check on every path: titles, own decks kept in the store (served) and
in this machine's folder (the trainer CLI and app), and every output of an entry that
got past it (written by an older version, or put in the store directly)."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.loading.library import Library
from simulator.model import Deck
from simulator.owndecks import render, save_deck
from simulator.practice.supervision import story_texts
from simulator.records import open_store
from simulator.records.access import put_own_deck
from simulator.records.review import WITHHELD, ReviewError, Reviews

OWN_TITLE = "Kite over Harlow marsh"
OWN_TEXT = "The orange kite drifted over Harlow marsh at dawn while my brother kept quiet."


def _own_deck(shipped: Library) -> Deck:
    robin = shipped.deck("robin")
    piece = robin.fragments[0].model_copy(update={"id": "kite", "title": OWN_TITLE,
                                                  "text": OWN_TEXT})
    return robin.model_copy(update={"id": "my-story", "fragments": [piece]})


def _comment(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str]:
    code = main(["review", "comment", "s-skilled", "--kind", "note", "--by", "Dana", *words])
    return code, capsys.readouterr().err


def test_a_title_from_a_practice_deck_is_refused(cohort: list[str], shipped: Library) -> None:
    store = open_store()
    try:
        with pytest.raises(ReviewError, match="quotes the story"):
            Reviews(store).add("s-skilled", kind="note", author="Dana", role="trainer",
                               body="Lovely: the night I was restrained, told gently.",
                               story_texts=story_texts(shipped))
    finally:
        store.close()


def test_the_trainer_cli_checks_titles_and_tricks(cohort: list[str],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _comment(capsys, "You", "told", "The", "n\u0456ght", "I", "was",
                         "restr\u00adained", "well.")
    assert code == 1 and "quotes the story" in err


def test_an_own_deck_kept_in_the_store_is_checked_on_every_path(
        cohort: list[str], shipped: Library, capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store()
    trainee = str(store.execute(
        "SELECT trainee_id FROM sessions WHERE id = 's-skilled'").fetchone()[0])
    put_own_deck(store, trainee, "my-story", render(_own_deck(shipped)))
    try:
        with pytest.raises(ReviewError):  # no texts given: the store adds the trainee's
            Reviews(store).add("s-skilled", kind="reply", author=trainee, role="trainee",
                               body=f"As I said, {OWN_TITLE.lower()}.")
    finally:
        store.close()
    code, err = _comment(capsys, "the", "orange", "kite", "drifted", "over", "Harlow")
    assert code == 1 and "quotes the story" in err


def test_an_own_deck_in_this_machines_folder_is_checked_by_the_cli(
        cohort: list[str], shipped: Library, capsys: pytest.CaptureFixture[str]) -> None:
    save_deck(_own_deck(shipped))
    code, err = _comment(capsys, "Your", "kite", "over", "Harlow", "marsh", "piece.")
    assert code == 1 and "quotes the story" in err
    code, _err = _comment(capsys, "You", "kept", "it", "short", "and", "handed", "back.")
    assert code == 0


def _every_output(tmp_path: Path) -> dict[str, str]:
    """Every export, the report, the review export and the xAPI statements, as text."""
    out: dict[str, str] = {}
    for fmt, name in [("csv", "a.csv"), ("csv-wide", "w.csv"), ("xlsx", "a.xlsx"),
                      ("jsonl", "a.jsonl"), ("xapi", "a.json")]:
        target = tmp_path / name
        assert main(["export", "--cohort", "spring", "--format", fmt, "-o", str(target)]) == 0
        if fmt == "xlsx":
            with zipfile.ZipFile(target) as book:
                out[fmt] = "".join(book.read(n).decode("utf-8", "replace")
                                   for n in book.namelist())
        else:
            out[fmt] = target.read_text(encoding="utf-8")
    assert main(["report", "--cohort", "spring", "-o", str(tmp_path / "r.html")]) == 0
    out["report"] = (tmp_path / "r.html").read_text(encoding="utf-8")
    for name in ("c.csv", "c.jsonl"):
        assert main(["review", "export", "--cohort", "spring", "-o", str(tmp_path / name)]) == 0
        out[name] = (tmp_path / name).read_text(encoding="utf-8")
    return out


def test_an_entry_that_got_past_the_check_is_in_no_output(
        cohort: list[str], shipped: Library, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    save_deck(_own_deck(shipped))
    store = open_store()
    reviews = Reviews(store)
    kept = reviews.add("s-skilled", kind="strength", author="Dana", role="trainer", turn=0,
                       body="You named both worries.")
    leaked = reviews.add("s-gate", kind="flag", author="Dana", role="trainer", turn=1,
                         criterion="harm", body="placeholder")
    other = reviews.add("s-skilled", kind="note", author="Dana", role="trainer",
                        body="placeholder")
    # as an older version (or a hand edit) would have stored them
    for entry, body in ((leaked, "The night I w\u0430s restrained: too harsh a score"),
                        (other, f"Loved {OWN_TEXT}")):
        store.execute("UPDATE review_entries SET body = :body WHERE id = :id",
                      {"body": body, "id": entry.id})
    store.close()
    outputs = _every_output(tmp_path)
    capsys.readouterr()
    for name, text in outputs.items():
        assert "restrained: too harsh" not in text and "w\u0430s restrained" not in text, name
        assert "orange kite" not in text and "Harlow" not in text, name
    rows = list(csv.DictReader(outputs["c.csv"].splitlines()))
    bodies = {r["id"]: r["body"] for r in rows}
    assert bodies[leaked.id] == WITHHELD and bodies[other.id] == WITHHELD
    assert bodies[kept.id] == "You named both worries."
    statements = json.loads(outputs["xapi"])
    responses = [s["result"].get("response") for s in statements
                 if s["verb"]["id"].endswith("/commented")]
    assert responses == ["You named both worries."]  # the others never go to an LRS
    assert WITHHELD in outputs["report"]  # the flag is counted, its words are not shown
