"""``peersim review show``: every part of a two-part turn, each with its own scores.

A reflection followed by a share (or a line) is one turn of two parts, and the same
criterion can be scored in both ("focus 2/3 ... focus 3/3"): each score is shown under
the part it belongs to, labelled."""

from __future__ import annotations

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import ReflectStep, ShareStep, Step
from simulator.practice.supervision import session_view
from simulator.records import open_store
from tests.records.conftest import play

HEARD = ReflectStep(concerns=["voices", "not-believed"], asks_for="validation")


@pytest.fixture
def sessions(shipped: Library) -> Library:
    store = open_store()
    loud = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                  shipped.deck("robin"), label=shipped.theme_label)
    play(store, loud, "t-one", "s-share", [
        Step(reflect=HEARD, share=ShareStep(fragments=["writing-them-down"], permission=True,
                                            hand_back=True))])
    play(store, loud, "t-one", "s-line", [Step(reflect=HEARD, line="exhausting")])
    store.close()
    return shipped


def _show(capsys: pytest.CaptureFixture[str], session: str) -> str:
    assert main(["review", "show", session]) == 0
    return " ".join(capsys.readouterr().out.split())  # wrapped to the terminal's width


def test_show_has_the_reflection_and_the_share_each_with_its_scores(
        sessions: Library, capsys: pytest.CaptureFixture[str]) -> None:
    out = _show(capsys, "s-share")
    reflection = out.index("Reflection: heard hearing voices, not being believed")
    response = out.index("Response: shared 'Writing down what the voices said' from the"
                         " practice deck")
    assert reflection < out.index("the reflection judged") < response
    assert "(asked first, " in out and "handed the focus back" in out
    assert out.index("the response judged") > response
    assert "selectivity 2/3" in out[response:]
    assert "selectivity" not in out[reflection:response]  # a share's score, not the reflection's
    assert "judged" in out[out.index("as a whole") - 30:]


def test_show_has_the_reflection_and_the_line(
        sessions: Library, capsys: pytest.CaptureFixture[str]) -> None:
    out = _show(capsys, "s-line")
    assert "Reflection: heard hearing voices" in out
    assert "Response, said: That sounds exhausting" in out


def test_each_part_keeps_its_own_scores(sessions: Library) -> None:
    store = open_store()
    try:
        view = session_view(store, "s-line", sessions)
    finally:
        store.close()
    (turn,) = view.turns
    reflection, response = turn.parts
    assert (reflection.label, response.label) == ("Reflection", "Response")
    assert reflection.scores and response.scores
    both = {c for c, *_ in reflection.scores} & {c for c, *_ in response.scores}
    assert both  # the same criterion scored in each part ...
    labels = [name for _cid, name, _part in turn.choices()]
    assert len(labels) == len(set(labels))  # ... and told apart in the "I disagree" list
    assert any(name.startswith("Reflection: ") and name.endswith("/3)") for name in labels)


def test_flag_names_the_part_whose_score_is_disputed(
        sessions: Library, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "flag", "s-share", "--turn", "1", "--part", "response",
                 "--criterion", "selectivity", "--by", "Dana", "One", "piece", "was",
                 "enough."]) == 0
    capsys.readouterr()
    # the reflection scored no selectivity: said, with what it was scored on
    assert main(["review", "flag", "s-share", "--turn", "1", "--part", "reflection",
                 "--criterion", "selectivity", "--by", "Dana", "Hm."]) == 1
    assert "the reflection of turn 1 was not scored on 'selectivity'" in \
        capsys.readouterr().err
    out = _show(capsys, "s-share")
    assert "flag: I disagree on selectivity" in out and "On the response: One piece" in out


def test_a_part_an_older_record_did_not_score_apart_has_no_band_line() -> None:
    from simulator.practice.supervision import PartView

    older = PartView("Reflection", "Reflected: heard sleep; took them to want hope.", "", [])
    assert older.judged("judged strong") == ""
    assert older.heading() == "Reflection: heard sleep; took them to want hope."
    whole = PartView("", "Said: Hello.", "strong", [])
    assert whole.judged("judged strong") == "judged strong"
    assert PartView("Response", "Said: Hello.", "weak", []).heading() == \
        "Response, said: Hello."
