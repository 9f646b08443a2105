"""The shipped library as a trainer would review it: plans, settings, promises, distractors.

These read the scenario files, so a later edit that brings back an absolute promise of
confidentiality as a skilled line, or a distractor that is one of the person's own
concerns, fails here.
"""

from __future__ import annotations

import re

from simulator.loading.library import Library

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
