"""Every worked example in docs/scoring.md is recomputed here: the docs cannot drift."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from simulator.loading.library import Library
from simulator.model.deck import Fragment
from simulator.model.plan import ReflectStep, ShareStep
from simulator.model.scenario import Beat
from simulator.scoring.turns import score_reflect, score_share
from simulator.scoring.types import Told, TurnScore
from tests.test_scoring import beat

DOC = Path(__file__).parent.parent / "docs" / "scoring.md"


def _tables() -> dict[str, list[list[str]]]:
    """The worked-example tables, by their header row ("share | selectivity | ...")."""
    text = DOC.read_text(encoding="utf-8").split("## Worked examples", 1)[1]
    text = text.split("\n## ", 1)[0]
    out: dict[str, list[list[str]]] = {}
    for block in re.findall(r"((?:^\|.*\|\n)+)", text, flags=re.M):
        rows = [[c.strip() for c in line.strip().strip("|").split("|")]
                for line in block.strip().splitlines()]
        out[" | ".join(rows[0])] = rows[2:]
    return out


def _level(cell: str) -> int:
    return int(cell.split()[0].rstrip(","))


def frag(fid: str = "f", **kw: Any) -> Fragment:
    base: dict[str, Any] = {"id": fid, "title": "T", "text": "w",
                            "themes": ["voices", "not-believed"], "phase": "what-helped",
                            "intensity": 1, "self_cost": 0}
    base.update(kw)
    return Fragment.model_validate(base)


EIGHT = ["voices", "not-believed", "money", "work", "family", "sleep", "housing", "grief"]
ASKED = {"permission": True, "hand_back": True}
SHARES: dict[str, tuple[Beat, list[Fragment], dict[str, Any]]] = {
    "one what-helped fragment about voices and not being believed": (beat(), [frag()], ASKED),
    "a what-helped fragment about voices only": (beat(), [frag(themes=["voices"])], {}),
    "a what-helped fragment about not being believed only":
        (beat(), [frag(themes=["not-believed"])], {}),
    "the same, when their question is about not being believed":
        (beat(asks_about=["not-believed"]), [frag(themes=["not-believed"])], {}),
    "a what-helped fragment tagged with eight themes": (beat(), [frag(themes=EIGHT)], {}),
    "a struggle fragment about a hospital stay":
        (beat(), [frag(themes=["hospital"], phase="struggle", intensity=3)], {}),
    "three what-helped fragments": (beat(), [frag(f"f{i}") for i in range(3)], ASKED),
    "the first row's fragment, but marked private": (beat(), [frag(private=True)], ASKED),
}
SHARE_COLUMNS = ["selectivity", "focus", "acceptance", "hope", "harm", "mutuality"]


def _find(table: dict[str, Any], description: str) -> Any:
    found = [v for k, v in table.items() if description.startswith(k)]
    assert len(found) == 1, f"no single worked example for: {description}"
    return found[0]


def levels(turn: TurnScore) -> dict[str, int]:
    return {s.criterion: s.level for s in turn.scores}


@pytest.fixture(scope="module")
def tables() -> dict[str, list[list[str]]]:
    return _tables()


def test_share_examples(shipped: Library, tables: dict[str, list[list[str]]]) -> None:
    rubric = shipped.rubric("core")
    rows = tables[" | ".join(["share", *SHARE_COLUMNS])]
    assert len(rows) == len(SHARES)
    for row in rows:
        b, frags, how = _find(SHARES, row[0])
        step = ShareStep(fragments=[f.id for f in frags], **how)
        got = levels(score_share(rubric, b, step, frags, lambda t: t))
        assert [got[c] for c in SHARE_COLUMNS] == [_level(c) for c in row[1:]], row[0]


STOPPED = Told(frozenset({"stopping-medication"}), frozenset({"patient"}))
MEDS = {"concerns": {"medication": 0.6, "choice": 0.4}}


def _piece(**kw: Any) -> Fragment:
    return frag(themes=["medication"], phase="turning-point", intensity=0, **kw)


ACCEPT: dict[str, tuple[str, Fragment, str]] = {
    "a piece tagged `judges: [stopping-medication]`, shared plainly":
        ("validation", _piece(judges=["stopping-medication"]), "plain"),
    "the same piece, offered as yours":
        ("validation", _piece(judges=["stopping-medication"]), "offered"),
    "the same piece, as a lesson": ("validation", _piece(judges=["stopping-medication"]),
                                    "lesson"),
    "a piece tagged `judges: [using-to-cope]`":
        ("validation", _piece(judges=["using-to-cope"]), "plain"),
    'a piece that uses the word "patient"': ("validation", _piece(labels=["patient"]),
                                              "plain"),
    'a piece that uses "non-compliant"': ("validation", _piece(labels=["non-compliant"]),
                                          "plain"),
    "any piece, claiming sameness": ("validation", _piece(), "sameness"),
    "a hope ask, a turning-point piece shared plainly": ("hope", _piece(), "plain"),
    "a hope ask, the same piece offered as yours": ("hope", _piece(), "offered"),
}


def test_acceptance_share_examples(shipped: Library,
                                   tables: dict[str, list[list[str]]]) -> None:
    rubric = shipped.rubric("core")
    rows = tables["share | acceptance (raw)"]
    assert len(rows) == len(ACCEPT)
    for row in rows:
        ask, piece, framing = _find(ACCEPT, row[0])
        b = beat(asks_for=ask, **MEDS)
        step = ShareStep(fragments=[piece.id], framing=framing)
        turn = score_share(rubric, b, step, [piece], lambda t: t, STOPPED)
        assert levels(turn)["acceptance"] == _level(row[1]), row[0]
        if "never strong" in row[1]:
            assert turn.band != "strong", row[0]


def test_reflection_examples(shipped: Library, tables: dict[str, list[list[str]]]) -> None:
    rubric = shipped.rubric("core")
    for row in tables["reflection (named; ask) | listening | focus"]:
        named, ask = row[0].split("; ")
        step = ReflectStep(concerns=named.split(", "), asks_for=ask)
        got = levels(score_reflect(rubric, beat(), step, lambda t: t))
        assert [got["listening"], got["focus"]] == [_level(row[1]), _level(row[2])], row[0]
    readings = {"a way of getting by": "getting-by", "a choice that is theirs": "their-choice",
                "protecting themselves": "self-protection", "manipulation": "manipulation",
                "no reading given": None}
    rows = next(v for k, v in tables.items() if k.startswith("reading, at a beat"))
    assert len(rows) == len(readings)
    for row in rows:
        step = ReflectStep(concerns=["medication", "choice"], asks_for="validation",
                           reading=_find(readings, row[0]))
        b = beat(discloses=["stopping-medication"], **MEDS)
        turn = score_reflect(rubric, b, step, lambda t: t, STOPPED)
        assert levels(turn)["acceptance"] == _level(row[1]), row[0]
        if "never strong" in row[1]:
            assert turn.band != "strong", row[0]
        if "weak" in row[1]:
            assert turn.band == "weak", row[0]


TIMING: dict[str, Told] = {
    "before any listening here": Told(invited=False, listened=False),
    "after reflecting here": Told(invited=False, listened=True),
    "after reflecting, a piece told earlier": Told(invited=False, listened=True,
                                                   shared=frozenset({"f"})),
}


def test_timing_examples(shipped: Library, tables: dict[str, list[list[str]]]) -> None:
    rubric = shipped.rubric("core")
    rows = tables["when | selectivity | focus"]
    assert len(rows) == len(TIMING)
    for row in rows:
        told = _find(TIMING, row[0])
        b = beat(reflect={"outcomes": {band: {"next": "x"} for band in
                                       ("strong", "partial", "weak")}})
        step = ShareStep(fragments=["f"], **ASKED)
        turn = score_share(rubric, b, step, [frag()], lambda t: t, told)
        got = levels(turn)
        assert [got["selectivity"], got["focus"]] == [_level(row[1]), _level(row[2])], row[0]
        if "never strong" in row[1]:
            assert turn.band != "strong", row[0]
