"""The shipped library as a trainer would review it: plans, settings, promises, distractors.

These read the scenario files, so a later edit that brings back an absolute promise of
confidentiality as a skilled line, or a distractor that is one of the person's own
concerns, fails here.
"""

from __future__ import annotations

import re

from simulator.loading.flow_checks import answer_key_share, skilled_line
from simulator.loading.library import Library
from simulator.model.scenario import Line

PROMISE = re.compile(r"stays between us|won't tell anyone|say to me goes anywhere"
                     r"|that's confidential"
                     r"|not here to report|only what you're happy with|it's safe here",
                     re.IGNORECASE)


def test_every_scenario_has_three_plans_a_setting_and_content_notes(shipped: Library) -> None:
    for scenario_id in shipped.scenarios:
        scenario = shipped.scenario(scenario_id)
        assert len(scenario.tests) >= 3, scenario_id
        assert any(p.expect.passed is True for p in scenario.tests), scenario_id
        assert any(p.expect.passed is False for p in scenario.tests), scenario_id
        assert scenario.setting.strip(), scenario_id
        assert scenario.content_notes and scenario.sources, scenario_id


def test_no_shipped_line_promises_absolute_confidentiality(shipped: Library) -> None:
    # Honest limits are trained against evasion ("don't worry about it", "I'll leave it
    # there"), never by offering a promise of secrecy, even as a poor choice.
    offenders = [f"{scenario_id}/{beat_id}/{line.id}"
                 for scenario_id in shipped.scenarios
                 for beat_id, beat in shipped.scenario(scenario_id).beats.items()
                 for line in beat.lines if PROMISE.search(line.text)]
    assert offenders == []


def test_the_pattern_catches_a_promise_of_secrecy() -> None:
    for promise in ("This stays between us, I promise.", "I won't tell anyone.",
                    "That's confidential, don't worry.", "I'm not here to report on you."):
        assert PROMISE.search(promise), promise


def test_no_reflect_distractor_is_a_concern_of_the_person_anywhere(shipped: Library) -> None:
    for scenario_id in shipped.scenarios:
        scenario = shipped.scenario(scenario_id)
        concerns = {t for beat in scenario.beats.values() for t in beat.concerns}
        for beat_id, beat in scenario.beats.items():
            if beat.reflect is not None:
                wrong = set(beat.reflect.distractors) & concerns
                assert not wrong, f"{scenario_id}/{beat_id}: {sorted(wrong)}"


def test_holding_back_never_borrows_a_shares_reaction(shipped: Library) -> None:
    for scenario_id in shipped.scenarios:
        for beat_id, beat in shipped.scenario(scenario_id).beats.items():
            if beat.share is None:
                continue
            hold = beat.share.hold_back
            assert hold.next and hold.reaction, f"{scenario_id}/{beat_id}"
            assert "too?" not in hold.reaction.lower(), f"{scenario_id}/{beat_id}"


def test_twenty_scenarios_and_no_two_people_share_a_name(shipped: Library) -> None:
    # Issue 18 asked for the five missing situations (20 in all) and for people who are
    # varied; two people with one name would also be two people a trainee mixes up.
    names = [shipped.scenario(s).persona.name for s in sorted(shipped.scenarios)]
    assert len(names) >= 20
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)
# --- Lines that don't give the answer away (issue 18) -----------------------------------

LONGEST_AT_MOST = 0.10   # of beats with two or more lines
FIRST_AT_MOST = 0.5


def test_the_skilled_line_is_seldom_the_longest_and_not_usually_first(
        shipped: Library) -> None:
    # Test-wise trainees pick the longest option, or the first; a pass must not come from
    # that. The skilled line is the one with the highest weighted evidence.
    beats = longest = first = 0
    for scenario_id in shipped.scenarios:
        scenario = shipped.scenario(scenario_id)
        counts = answer_key_share(scenario, shipped.rubric(scenario.rubric))
        beats, longest, first = beats + counts[0], longest + counts[1], first + counts[2]
    assert beats >= 100
    assert longest <= LONGEST_AT_MOST * beats, f"longest in {longest} of {beats}"
    assert first <= FIRST_AT_MOST * beats, f"first in {first} of {beats}"


def test_the_skilled_line_is_the_one_with_the_highest_weighted_evidence(
        shipped: Library) -> None:
    rubric = shipped.rubric("core")
    lines = [Line(id="warm", text="a", evidence={"acceptance": 3, "focus": 2},
                  feedback="f", next="x"),
             Line(id="cold", text="a much longer line", evidence={"acceptance": 0, "harm": 3},
                  feedback="f", next="x")]
    assert skilled_line(lines, rubric).id == "warm"
    beat_counts = answer_key_share(
        shipped.scenario("loud-again").model_copy(update={"beats": {
            "b": shipped.scenario("loud-again").beats["loud-again"].model_copy(
                update={"lines": lines})}}), rubric)
    assert beat_counts == (1, 0, 1)


# --- Evidence that means what it says ---------------------------------------------------

# Words a line's own feedback uses to call it a verdict, a promise, collusion, siding
# with someone against the person, or agreeing with them where it harms: such a line is
# not acceptance, whatever its warmth (acceptance is of the person, not of every plan).
NOT_ACCEPTANCE = re.compile(
    r"(?<!for )\ba verdict\b"                   # "a verdict on her medication"
    r"|(?<!without )\ba promise\b"              # "a promise you can't keep"
    r"|\bcollu(?:sion|des?|ding)\b"             # "collusion, not acceptance"
    r"|\bsides with\b|\bsiding\b|\btakes (?:his|her|their) side\b"
    r"|\bagrees (?:he|she|they|it's|with)\b"    # "agrees it's back to zero"
    r"|\bagree(?:s|ing)? with (?:a|his|her|their) plan\b",
    re.IGNORECASE)
UNTRUE = re.compile(r"\b(?:isn't|is not|not) (?:quite )?true\b", re.IGNORECASE)


def _lines(shipped: Library) -> list[tuple[str, Line]]:
    return [(f"{scenario_id}/{beat_id}/{line.id}", line)
            for scenario_id in shipped.scenarios
            for beat_id, beat in shipped.scenario(scenario_id).beats.items()
            for line in beat.lines]


def test_a_line_its_feedback_calls_a_verdict_promise_or_collusion_is_not_acceptance(
        shipped: Library) -> None:
    named = [(where, line) for where, line in _lines(shipped)
             if NOT_ACCEPTANCE.search(" ".join(line.feedback.split()))]
    assert len(named) >= 15   # the scale words do find the library's verdicts and promises
    offenders = [f"{where}: acceptance {line.evidence['acceptance']}"
                 for where, line in named if line.evidence.get("acceptance", 0) > 1]
    assert offenders == []


def test_a_reassurance_that_is_not_true_gains_no_trust(shipped: Library) -> None:
    untrue = [(where, line) for where, line in _lines(shipped)
              if UNTRUE.search(" ".join(line.feedback.split()))]
    assert untrue
    offenders = [where for where, line in untrue
                 if any(isinstance(v, int) and not isinstance(v, bool) and v > 0
                        for v in line.effects.values())
                 or line.evidence.get("acceptance", 0) > 1]
    assert offenders == []


def test_the_scale_words_read_as_a_trainer_would() -> None:
    for calls_it in ("A verdict, even a kind one, decides for her.",
                     "A promise you can't keep.", "Siding against colleagues is collusion.",
                     "This agrees he is the problem.", "It sides with the file against her.",
                     "This takes her side, but it is still a verdict on her medication."):
        assert NOT_ACCEPTANCE.search(calls_it), calls_it
    for praises_it in ("You turned the request for a verdict into an offer of your process.",
                       "No verdict, a concrete next step.", "Hope without a promise.",
                       "You agreed with what is true in her mistrust.",
                       "You held both sides without tipping her towards either."):
        assert not NOT_ACCEPTANCE.search(praises_it), praises_it
