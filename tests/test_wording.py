"""The wording module: messages are ids and parameters, rendered only where shown."""

from __future__ import annotations

import json
from typing import Any

import pytest

from simulator.engine.record import dumps, read_turn
from simulator.wording import PHRASES, Message, msg, redact, render, sentences


def test_a_stored_turn_keeps_ids_and_parameters_not_sentences(mini_engine: Any) -> None:
    from simulator.model.plan import Step

    session = mini_engine.start("s")
    turn = mini_engine.choose(session, Step(line="cold"))
    stored = json.loads(dumps(turn))
    assert stored["score"]["scores"][0]["reason"] == {"id": "authored",
                                                      "params": {"text": "Dismissive."}}
    assert read_turn(stored) == turn


def test_old_records_with_english_reasons_and_notes_migrate_on_reading() -> None:
    old = {"index": 0, "beat": "b", "step": {"line": "x"}, "band": "weak", "mean": 1.0,
           "scores": [{"criterion": "focus", "level": 1, "raw": 1.0, "source": "author",
                       "reason": "You drifted."}],
           "events": ["risk-ignored"], "notes": ["Risk comes first."], "next": "b",
           "variables": {}}
    turn = read_turn(old)
    assert turn.score.scores[0].reason == Message("legacy.text", {"text": "You drifted."})
    assert turn.score.scores[0].advice is None
    assert [render(n) for n in turn.score.notes] == ["Risk comes first."]
    again = read_turn(json.loads(dumps(turn)))
    assert again == turn


def test_parameters_are_never_read_as_templates_or_markup() -> None:
    text = "{pieces} [bold]{0}[/bold] {text}"
    assert render(msg("authored", text=text)) == text


def test_unknown_ids_are_a_bug_when_made_and_harmless_when_read() -> None:
    with pytest.raises(KeyError):
        msg("no-such-phrase")
    assert render(Message.from_stored({"id": "from-a-newer-version", "params": {}})) \
        == "(from-a-newer-version)"


def test_labels_come_from_the_labeller_at_display_time() -> None:
    reason = sentences([msg("reflect.listening.heard", themes=["voices", "not-believed"])])
    labels = {"voices": "hearing voices", "not-believed": "not being believed"}.__getitem__
    assert render(reason, None, labels) == "You heard hearing voices and not being believed."
    assert render(reason) == "You heard voices and not believed."


def test_pieces_are_named_only_with_titles() -> None:
    reason = msg("share.harm.private", pieces=["p1"])
    assert render(reason, {"p1": "My secret"}.get).startswith("'My secret' is marked private")
    assert redact(reason).startswith("One piece of your story is marked private")


def test_every_template_names_only_known_parameter_kinds() -> None:
    import string

    from simulator.wording import KINDS

    plain = {"n", "turns", "name", "value"}
    for message_id, template in PHRASES.items():
        names = {f for _t, f, _s, _c in string.Formatter().parse(template) if f}
        assert names <= set(KINDS) | plain, message_id
