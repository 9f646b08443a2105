"""The story-text check holds however the words are typed, catches titles and five- or
six-word runs, and leaves everyday supervision language alone."""

from __future__ import annotations

import pytest

from simulator.loading.library import Library
from simulator.practice.supervision import story_texts
from simulator.storyquote import COMMON, EVERYDAY, StoryQuotes, normalise, quotes_story, words

PIECE = ("When mine got loud I started writing down what they said, with the time. I noticed"
         " they were worse when I hadn't slept.")
TITLE = "The night I was restrained"
TEXTS = [PIECE, TITLE]
RUN = "started writing down what they said"  # six words of the piece


def _between_letters(text: str, mark: str) -> str:
    return "".join(c + mark if c.isalpha() else c for c in text)


VARIANTS = {
    "plain": RUN,
    "upper case": RUN.upper(),
    "zero-width space": _between_letters(RUN, "\u200b"),
    "zero-width joiner": _between_letters(RUN, "\u200d"),
    "word joiner": _between_letters(RUN, "\u2060"),
    "byte-order mark": _between_letters(RUN, "\ufeff"),
    "soft hyphens": _between_letters(RUN, "\u00ad"),
    "bidi marks": _between_letters(RUN, "\u200e"),
    "Cyrillic e and a": RUN.replace("e", "\u0435").replace("a", "\u0430"),
    "Cyrillic o, p, c": "started writing down what they said".replace("o", "\u043e"),
    "Greek omicron and iota": RUN.replace("o", "\u03bf").replace("i", "\u03b9"),
    "full width": "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in RUN),
    "mathematical bold": "".join(chr(0x1D41A + ord(c) - 97) if c.isalpha() else c
                                 for c in RUN),
    "accents": RUN.replace("e", "\u00e9").replace("a", "\u00e0"),
    "combining marks": _between_letters(RUN, "\u0301"),
    "extra spaces and lines": "started  writing\n down\twhat   they said",
    "punctuation between words": "started, writing - down... what: they said",
    "no-break spaces": RUN.replace(" ", "\u00a0"),
    "ideographic spaces": RUN.replace(" ", "\u3000"),
    "five words": "I noticed they were worse",
    "five words, curly apostrophe": "worse when I hadn\u2019t slept",
    "apostrophe dropped": "worse when I hadnt slept",
    "the title": TITLE,
    "the title in a sentence": f"You shared {TITLE.lower()}, which was brave.",
    "the title, zero-width": _between_letters(TITLE, "\u200b"),
    "the title, Cyrillic": TITLE.replace("e", "\u0435").replace("o", "\u043e"),
    "the title, full width": "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c
                                     for c in TITLE),
    "mixed tricks": _between_letters(RUN.replace("a", "\u0430"), "\u00ad").upper(),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_way_of_typing_a_quote_is_caught(name: str) -> None:
    body = f"Well done. You told them: {VARIANTS[name]}. Keep going."
    assert quotes_story(body, TEXTS), name


def test_normalising_reads_the_tricks_as_plain_words() -> None:
    assert normalise("t\u0435l\u00adl\u200bing") == "telling"
    assert words("ＴＨＥ ｎｉｇｈｔ, I\u2019m") == ["the", "night", "im"]


PLAIN_COMMENTS = [
    "You shared a piece about keeping a log; well timed.",
    "I noticed you waited until they asked before sharing, which gave them room.",
    "What did you notice in yourself at this point?",
    "What would you share differently now?",
    "Try asking what they need before you tell your own story.",
    "I don't know what to say about this one, it was good.",
    "When I went back to the start, this is how I look after the notes.",
    "It might help to say less about the details and more about what helped you.",
    "Good reflection of their feelings; you named the fear without rushing to fix it.",
    "Consider checking in with the person after you share to see how it landed.",
    "The timing felt a bit early; they had not asked yet.",
    "Next time, let the silence sit a little longer before you speak.",
    "You kept the focus on them, which is the point of sharing.",
    "I think you could have asked more open questions at the start.",
    "That was a strong moment of mutuality and hope.",
    "You were really there for them and it showed in what they said next.",
]


@pytest.mark.parametrize("comment", PLAIN_COMMENTS)
def test_everyday_supervision_language_is_not_a_quote(comment: str, shipped: Library) -> None:
    assert not StoryQuotes(story_texts(shipped)).quoted(comment)


def test_every_run_of_every_shipped_piece_that_means_something_is_caught(
        shipped: Library) -> None:
    check = StoryQuotes(story_texts(shipped))
    for text in story_texts(shipped):
        found = words(text)
        for start in range(len(found) - 5):
            run = found[start:start + 6]
            if any(w not in COMMON for w in run):
                assert check.quoted("so " + " ".join(run) + " then"), run
            five = run[:5]
            if sum(w not in EVERYDAY for w in five) >= 2:
                assert check.quoted("so " + " ".join(five) + " then"), five


def test_titles_of_the_shipped_decks_are_checked(shipped: Library) -> None:
    check = StoryQuotes(story_texts(shipped))
    titles = [f.title for d in shipped.decks for f in shipped.deck(d).fragments]
    long_enough = [t for t in titles if len(words(t)) >= 3
                   and sum(w not in COMMON for w in words(t)) >= 2]
    assert len(long_enough) > len(titles) // 2
    for title in long_enough:
        assert check.quoted(f"You shared '{title}' at the right time."), title


def test_four_common_words_of_a_piece_are_not_a_quote() -> None:
    assert not quotes_story("they were worse when", TEXTS)  # four words
    assert not quotes_story("You did well with the time", [PIECE, "with the time"])
