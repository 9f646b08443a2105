"""The typed-words detectors, one behaviour at a time (issue 19).

Phrases here are written fresh, not copied from the labelled corpus, so these tests
check the grammar the detectors rely on rather than the corpus they were tuned on.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from simulator.loading.library import load_library
from simulator.words import Explained, Setting, explain
from simulator.words.text import find, sentences, words
from simulator.words_library import setting


@cache
def _setting(scenario: str | None = None, beat: str | None = None) -> Setting:
    library, _ = load_library([])
    return setting(library, scenario, beat, paraphrase=False)


def ex(text: str, mode: str = "line", scenario: str | None = None,
       beat: str | None = None) -> Explained:
    return explain(text, mode, _setting(scenario, beat))  # type: ignore[arg-type]


def flags(text: str, mode: str = "line") -> set[str]:
    return {k for k, v in ex(text, mode).flags.items() if v}


# --- text -------------------------------------------------------------------------

def test_contractions_expand_and_keep_their_place_in_the_text() -> None:
    text = "You're sure it won't?"
    got = words(text)
    assert [w.norm for w in got] == ["you", "are", "sure", "it", "will", "not", "?"]
    assert text[got[0].start:got[0].end] == "You're"
    assert find("you are sure", [w.norm for w in got]) == 0


def test_sentences_split_on_marks_and_line_breaks_and_remember_the_mark() -> None:
    parts = sentences("First thing. Second?!\nthird")
    assert [p.mark for p in parts] == [".", "?", ""]
    assert [p.norms for p in parts][2] == ("third",)


# --- questions and hand-back ------------------------------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    ("How did the week go?", "open"),
    ("what's been on your mind", "open"),
    ("Tell me about the flat.", "open"),
    ("I wonder what that was like for you.", "open"),
    ("Did you get any sleep?", "closed"),
    ("are you ok", "closed"),
    ("You were up all night, weren't you?", "closed"),
    ("On a scale of zero to ten, how sure are you?", "open"),
])
def test_questions_are_found_by_their_shape_with_or_without_a_mark(text: str,
                                                                   kind: str) -> None:
    result = ex(text)
    assert result.flags["question"]
    assert result.as_json()["question_kind"] == kind


@pytest.mark.parametrize("text", [
    "What you did on Friday took guts.",
    "How hard that must have been.",
    "What helped me most was a routine.",
    "I stayed in for a month after that, you know?",
])
def test_statements_that_look_like_questions_are_not(text: str) -> None:
    assert not ex(text).flags["question"]


def test_hand_back_is_the_last_sentence_asking_them() -> None:
    assert ex("I slipped once too. What's today been like?").flags["hands_back"]
    late = ex("What's today been like? I slipped once too.")
    assert late.flags["question"] and not late.flags["hands_back"]
    evidence = ex("That's a lot. How are you now?").of("hands_back")[0].evidence[0]
    assert evidence.quote == "How are you now?"


def test_a_filler_tag_after_talk_about_yourself_does_not_hand_back() -> None:
    result = ex("I went back to using twice before it stuck, right?")
    assert not result.flags["question"] and not result.flags["hands_back"]
    alone = ex("I took it a day at a time. Does that make sense?")
    assert not alone.flags["hands_back"]


# --- permission -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Would it be useful if I said a little about my own time in hospital?",
    "Do you mind if I tell you what got me through?",
    "I could share how I handled my first interview, if you'd find that useful.",
    "I had one of those weeks once. Want to hear how it ended?",
    "I'd like to share a bit about how I handled it, would that be okay?",
    "May I tell you about when I first went back to college?",
    "Would it help if I shared what my own first week out was like?",
    "I lost a job over my drinking once, could I tell you about it?",
])
def test_asking_leave_to_share_is_permission(text: str) -> None:
    result = ex(text)
    assert result.flags["asks_permission"]
    assert not result.flags["advice"]


@pytest.mark.parametrize("text", [
    "Can I ask you something about the group?",
    "Tell me what happened next.",
    "What would you like to know about how this works?",
])
def test_asking_them_to_tell_is_not_permission(text: str) -> None:
    assert not ex(text).flags["asks_permission"]


@pytest.mark.parametrize("text", [
    "Would it be all right if I shared some information about that?",
    "Can I explain how the appeal form works?",
    "Shall I phone the housing office for you?",
    "Would you like me to tell your mum what the doctor said?",
    "Do you want me to write down what I'm going to say to them?",
    "May I explain why I won't be at Thursday's group?",
    "I've done this job a while. Can I tell you where the drop-in is?",
])
def test_asking_leave_to_inform_or_act_is_a_question_not_permission(text: str) -> None:
    """What is offered is information or an act, not the trainee's own story: it asks
    them something (and hands it back), it is not asking leave to share (issue 19)."""
    result = ex(text)
    assert not result.flags["asks_permission"]
    assert result.flags["question"] and result.flags["hands_back"]


# --- advice and lessons -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "You should ring the housing office first thing.",
    "I think you really need to see a doctor.",
    "Maybe you could write it all down tonight.",
    "Just go to bed earlier.",
    "Stop worrying, it'll all work out.",
    "If I were you I'd walk away from them.",
    "The trick is to take one day at a time.",
    "Have you tried going to a meeting?",
    "It's hard, so don't give up now.",
    "Have you ever thought about cutting down?",
    "Some people find it helpful to keep a diary.",
    "If you keep missing appointments, they'll close your file.",
    "My suggestion would be to ring them first.",
])
def test_telling_them_what_to_do_is_advice(text: str) -> None:
    assert ex(text).flags["advice"], text


@pytest.mark.parametrize("text", [
    "You feel you have to keep it all to yourself.",
    "You shouldn't have to fight this hard to be heard.",
    "You don't have to decide anything today.",
    "I'm not going to tell you what you should do.",
    "Take your time.",
    "Tell me more about your mum.",
    "You could be right about that.",
    "You should be proud of getting here.",
])
def test_hearing_or_refusing_to_advise_is_not_advice(text: str) -> None:
    assert not ex(text).flags["advice"], text


def test_a_lesson_is_advice_with_its_own_detail() -> None:
    found = ex("Everything happens for a reason.").of("advice")
    assert found and found[0].detail == "lesson"


# --- sameness ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I know exactly what you're going through.",
    "Honestly, I totally get it, we're in the same boat.",
    "I've been exactly where you are.",
])
def test_claiming_to_know_exactly_is_sameness(text: str) -> None:
    assert ex(text).flags["claims_sameness"]


@pytest.mark.parametrize("text", [
    "I don't know exactly how it is for you.",
    "I know a bit of what that's like, in my own way.",
    "I had a slip too, years ago.",
])
def test_hedged_or_partial_knowing_is_not_sameness(text: str) -> None:
    assert not ex(text).flags["claims_sameness"]


# --- reflection -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "It sounds like the week wore you right down.",
    "So you're done with being told what to do.",
    "You've been carrying this on your own.",
    "Your brother's words are still stinging.",
    "You're not ready to quit.",
    "You're wondering whether it's worth it.",
    "I get the sense you've had enough of being told.",
    "Let me check I've got this: you want the job, and the rules are in the way.",
])
def test_saying_back_what_they_feel_is_a_reflection(text: str) -> None:
    assert ex(text).flags["reflects"], text


@pytest.mark.parametrize("text", [
    "I felt the same way when I left the ward.",
    "You're not weak.",
    "You'll be fine.",
    "What's been hardest?",
])
def test_talk_about_yourself_reassurance_and_questions_are_not_reflections(text: str) -> None:
    assert not ex(text).flags["reflects"], text


def test_saying_back_their_own_words_is_a_reflection_at_a_beat() -> None:
    result = ex("Back to zero, after sixty days.", "reflect", "sixty-days", "day-sixty")
    assert result.flags["reflects"]


# --- a beat: concerns, what they ask for, readings and words ---------------------

def test_concerns_named_are_the_beats_own_with_the_words_quoted() -> None:
    result = ex("You're ashamed, and scared it's all gone after one slip.", "reflect",
                "sixty-days", "day-sixty")
    assert set(result.concerns) == {"shame", "relapse"}
    quotes = {d.detail: d.evidence[0].quote for d in result.of("concern")}
    assert quotes["shame"] == "ashamed"
    # a theme that is not this beat's concern is not reported
    assert "fear" not in result.concerns


def test_concerns_in_talk_about_yourself_are_not_theirs() -> None:
    result = ex("When I relapsed I was so ashamed.", "share", "sixty-days", "day-sixty")
    assert result.concerns == []


def test_what_they_ask_for_is_named() -> None:
    result = ex("You want someone to listen, not a lecture.", "reflect", "sixty-days",
                "day-sixty")
    assert result.asks_for == "validation"


def test_judging_and_accepting_readings() -> None:
    judged = ex("Sounds like you're in denial about the using.", "reflect", "sixty-days",
                "day-sixty")
    assert judged.readings == ["denial"]
    assert "judging" in judged.of("reading")[0].note
    accepted = ex("Using made sense as a way to cope.", "reflect", "sixty-days", "day-sixty")
    assert accepted.readings == ["getting-by"]
    assert "accepting" in accepted.of("reading")[0].note


@pytest.mark.parametrize("text", [
    "You're not lazy.",
    "You're worried they'll think you're lying.",
    "I was lying to everyone back then.",
])
def test_negated_reported_or_self_readings_do_not_count(text: str) -> None:
    assert ex(text, "line", "sixty-days", "day-sixty").readings == []


def test_words_they_reject_and_judging_words() -> None:
    result = ex("Plenty of addicts slip. Nobody's calling you a junkie.", "line",
                "sixty-days", "day-sixty")
    assert [d.detail for d in result.of("rejected_word")] == ["addict", "junkie"]
    result = ex("That sounds manipulative.", "line", "sixty-days", "day-sixty")
    assert [d.detail for d in result.of("judging_word")] == ["manipulative"]


def test_length_and_focus() -> None:
    long = " ".join(["I went through a lot that year and"] * 12) + "."
    result = ex(long, "line")
    assert not result.brief and result.has("length") and result.has("focus")
    short = ex("How are you?", "line")
    assert short.brief and short.self_share == 0.0


def test_json_has_the_booleans_and_beat_fields_only_with_a_beat() -> None:
    plain = ex("How are you?").as_json()
    for key in ("question", "hands_back", "asks_permission", "advice", "claims_sameness",
                "reflects"):
        assert isinstance(plain[key], bool)
    assert "concerns" not in plain
    with_beat = ex("How are you?", "line", "sixty-days", "day-sixty").as_json()
    assert {"concerns", "asks_for", "reading", "words"} <= set(with_beat)
    assert "text" not in with_beat  # the typed words are not echoed whole


def test_markup_and_control_characters_are_just_text() -> None:
    text = "[bold]You should[/bold] rest.\x1b[31m"
    result = ex(text)
    assert result.flags["advice"]
    for detection in result.detections:
        for evidence in detection.evidence:
            assert evidence.quote == text[evidence.start:evidence.end]


def test_paraphrase_can_be_turned_off_without_changing_the_booleans() -> None:
    base = _setting("sixty-days", "day-sixty")
    text = "You're ashamed and expecting a lecture. How are you?"
    on = explain(text, "reflect", replace(base, paraphrase=True))
    off = explain(text, "reflect", base)
    assert on.flags == off.flags


# --- a typed turn as the dialogs' choices -----------------------------------------

def test_a_typed_share_reads_as_the_share_dialogs_choices() -> None:
    from simulator.model.plan import Detail, Framing
    from simulator.words import share_choices

    owned = share_choices(ex("Would it help if I said what got me through? It's only what"
                             " worked for me. How's today been?", "share"))
    assert owned.permission and owned.hand_back
    assert owned.framing is Framing.offered and owned.detail is Detail.brief
    same = share_choices(ex("I know exactly how it is, it worked for me so you should try"
                            " it.", "share"))
    assert same.framing is Framing.sameness and not same.permission
    lesson = share_choices(ex("I stopped, so you need to stop too.", "share"))
    assert lesson.framing is Framing.lesson
    long = share_choices(ex(" ".join(["I was in a bad way that year."] * 12), "share"))
    assert long.detail is Detail.detailed and long.framing is Framing.plain


def test_a_typed_reflection_reads_as_the_reflect_dialogs_choices() -> None:
    from simulator.words import reflect_choices

    result = ex("You're ashamed and you want someone to listen. Using made sense, but"
                " you're in denial about it.", "reflect", "sixty-days", "day-sixty")
    choices = reflect_choices(result, frozenset({"denial"}))
    assert set(choices.concerns) == {"shame"} and choices.asks_for == "validation"
    assert choices.reading == "denial"  # a judging reading is not averaged away
    assert reflect_choices(ex("How are you?", "reflect", "sixty-days", "day-sixty")
                           ).asks_for is None


def test_notes_are_messages_that_never_hold_the_typed_words() -> None:
    from simulator.wording import render

    text = "Sounds like you're ashamed, you addict. You should call your sponsor."
    result = ex(text, "reflect", "sixty-days", "day-sixty")
    assert result.detections
    for detection in result.detections:
        assert detection.message.id.startswith("words.")
        assert render(detection.message, label=_setting().label) == detection.note
        for value in detection.message.params.values():
            assert str(value) not in text or str(value) in {"shame", "addict"}
    asked = ex("You want someone to listen.", "reflect", "sixty-days", "day-sixty")
    assert asked.of("asks_for")[0].note == \
        "you named what they are asking for: to be heard and believed"
