"""Hearing: saying back what they said or feel, naming their concerns and what they ask for.

Why structure first: a reflection is a statement about them ("It sounds like...",
"You're scared that...", "So you want...") that neither asks nor steers. Which of
their concerns it names is read from the phrasebook's theme words, and from the
embedding model for paraphrase when it is installed. Sentences about the trainee
("when I relapsed...") name nothing of theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.model import Phrasebook
from simulator.words.asking import opening
from simulator.words.steering import negated
from simulator.words.text import Sentence, find_all, phrase_words, starts_with, words

_SELF = {"i", "me", "my", "mine", "myself"}
_SELF_OPENINGS = {"i", "we", "my", "our", "me", "us"}
_ADVERBS = {"really", "just", "still", "must", "might", "may", "probably", "also", "all",
            "both", "kind", "of", "sort", "almost", "even", "never", "always", "clearly"}


def self_focused(sentence: Sentence, book: Phrasebook) -> bool:
    """Whether a sentence is about the trainee more than about the person."""
    norms = sentence.norms
    meta = {i for start, end, _p in find_all(book.reflection.meta, norms)
            for i in range(start, end)}
    mine = sum(1 for i, w in enumerate(norms) if w in _SELF and i not in meta)
    other = len(find_all(book.focus.other_words, norms))
    hearing = starts_with(book.reflection.stems, norms, 0)
    return mine > other and not (hearing and hearing.split()[0] == "i")


def reflection(sentence: Sentence, book: Phrasebook,
               extra: Sequence[str] = ()) -> tuple[int, int] | None:
    """The words that make a statement a reflection, if it is one: a reflective
    opening of any clause ("sounds like", "so you...", "you feel..."), a reflective
    word anywhere ("seems", "a lot to"), or a statement about their life."""
    norms = sentence.norms
    if self_focused(sentence, book):
        return None
    cues = book.reflection
    first = opening(sentence, book, extra)
    inviting = starts_with(book.advice.not_instructions, norms, first) is not None
    for clause in (0, *sentence.clauses):
        at = opening(sentence, book, extra, clause)
        if (clause == 0 and inviting) or starts_with(cues.not_reflections, norms, at):
            continue  # "take your time", "let me see if I've got this right: ..."
        stem = starts_with(cues.stems, norms, at)
        if stem is not None:
            return at, at + len(phrase_words(stem))
        if at < len(norms) and norms[at] == "you":
            j = at + 1
            while j < len(norms) and norms[j] in _ADVERBS:
                j += 1
            if starts_with(cues.verbs, norms, j) is not None:
                return at, j + 1
    if inviting:
        return None
    for start, end, _phrase in find_all(cues.anywhere, norms):
        return start, end
    if starts_with(cues.not_reflections, norms, first) is not None:
        return None
    return _about_them(norms, first, book)


def _about_them(norms: Sequence[str], at: int, book: Phrasebook) -> tuple[int, int] | None:
    """A statement about their life, in any shape ("Your dad's words are still loud",
    "They took Mason, and nobody believes you"): it speaks of them in the second
    person, does not open with the trainee or a reassurance ("you're not lazy",
    "you'll be fine"), and does not only say "you know"."""
    if at < len(norms) and norms[at] in _SELF_OPENINGS:
        return None
    for start, end, _phrase in find_all(book.focus.other_words, norms):
        if end < len(norms) and norms[end] == "know" and start + 2 >= len(norms):
            continue  # a trailing "you know"
        return start, end
    return None


def named(sentences: Sequence[Sentence], phrases_by_id: dict[str, list[str]],
          book: Phrasebook, negatable: bool = True) -> dict[str, tuple[Sentence, int, int]]:
    """Which ids' phrases occur in sentences that are not about the trainee (when
    ``negatable``, not negated: "you don't trust" names mistrust, but "not a
    lecture" is not asking for one): id -> (sentence, first word, last word + 1)."""
    out: dict[str, tuple[Sentence, int, int]] = {}
    for sentence in sentences:
        if self_focused(sentence, book):
            continue
        for key, phrases in phrases_by_id.items():
            if key in out:
                continue
            for start, end, _phrase in find_all(phrases, sentence.norms, inflect=True):
                if not negatable or not negated(sentence.norms, start, book, 2):
                    out[key] = (sentence, start, end)
                    break
    return out


def _stem(word: str) -> str:
    """A crude stem, so "used" echoes "using" and "days" echoes "day"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def echoed(parts: Sequence[Sentence], candidates: Sequence[Sentence], said: str,
           book: Phrasebook) -> tuple[Sentence, int, int] | None:
    """A statement that says back the person's own words (a simple reflection):
    enough content words shared with what they said. -> (sentence, first, last + 1)."""
    stop = set(book.stopwords)
    theirs = {_stem(w.norm) for w in words(said) if w.norm[:1].isalnum() and w.norm not in stop}
    for sentence in candidates:
        if self_focused(sentence, book) or sentence.mark == "?" \
                or starts_with(book.reflection.not_reflections, sentence.norms, 0):
            continue
        shared = [i for i, w in enumerate(sentence.norms)
                  if w not in stop and w[:1].isalnum() and _stem(w) in theirs]
        if len({_stem(sentence.norms[i]) for i in shared}) >= book.reflection.echo_words:
            return sentence, shared[0], shared[-1] + 1
    return None
