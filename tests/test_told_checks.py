"""PS340 and PS341: a `told:` condition names a piece the deck has, and words offered on
every path do not echo a piece that may never have been told (docs/errors.md)."""

from __future__ import annotations

from pathlib import Path

from simulator.loading.checks import validate_paths

ROOT = Path(__file__).resolve().parent.parent
LOUD = (ROOT / "scenarios" / "loud-again.yaml").read_text(encoding="utf-8")
ENDING = "      Dani says she'll try to come next week. She might. The door is open.\n"


def _problems(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    path = tmp_path / "loud-again.yaml"
    path.write_text(text, encoding="utf-8")
    _library, problems = validate_paths([str(path), str(ROOT / "decks" / "robin.yaml"),
                                         str(ROOT / "rubrics")])
    return [(p.code, p.line) for p in problems if p.code in {"PS340", "PS341"}]


def _line(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_the_shipped_scenario_is_clean(tmp_path: Path) -> None:
    assert _problems(tmp_path, LOUD) == []


def test_an_ending_that_echoes_a_piece_on_every_path_is_warned(tmp_path: Path) -> None:
    echo = "      Dani says she started writing down what they said. The door is open.\n"
    text = LOUD.replace(ENDING, echo)
    assert text != LOUD
    assert _problems(tmp_path, text) == [("PS341", _line(text, "  maybe-next-week:") + 3)]


def test_the_same_words_under_a_told_condition_are_fine(tmp_path: Path) -> None:
    told = ENDING + ("    variants:\n      - when: [{told: writing-them-down}]\n"
                     "        text: Dani started writing down what they said.\n")
    assert _problems(tmp_path, LOUD.replace(ENDING, told)) == []


def test_a_told_condition_naming_no_piece_of_the_deck_is_an_error(tmp_path: Path) -> None:
    told = ENDING + ("    variants:\n      - when: [{told: writing-them-dwn}]\n"
                     "        text: Dani waves from the door.\n")
    text = LOUD.replace(ENDING, told)
    [(code, line)] = _problems(tmp_path, text)
    assert (code, line) == ("PS340", _line(text, "{told: writing-them-dwn}"))
