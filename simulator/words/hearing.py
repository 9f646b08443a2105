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
from simulator.words.text import Sentence, find_all, phrase_words, starts_with

_SELF = {"i", "me", "my", "mine", "myself"}
_ADVERBS = {"really", "just", "still", "must", "might", "may", "probably", "also", "all",
            "both", "kind", "of", "sort", "almost", "even", "never", "always", "clearly"}


def self_focused(sentence: Sentence, book: Phrasebook) -> bool:
    """Whether a sentence is about the trainee more than about the person."""
    norms = sentence.norms
    mine = sum(1 for w in norms if w in _SELF)
    other = len(find_all(book.focus.other_words, norms))
    hearing = starts_with(book.reflection.stems, norms, 0)
    return mine > other and not (hearing and hearing.split()[0] == "i")


def reflection(sentence: Sentence, book: Phrasebook,
               extra: Sequence[str] = ()) -> tuple[int, int] | None:
    """The opening words that make a statement a reflection, if it is one."""
    norms = sentence.norms
    if self_focused(sentence, book):
        return None
    at = opening(sentence, book, extra)
    stem = starts_with(book.reflection.stems, norms, at)
    if stem is not None:
        return at, at + len(phrase_words(stem))
    for word in ("sounds", "seems", "must"):
        if word in norms[at:]:
            i = norms.index(word, at)
            return i, i + 1
    if at < len(norms) and norms[at] == "you":
        j = at + 1
        while j < len(norms) and norms[j] in _ADVERBS:
            j += 1
        if starts_with(book.reflection.verbs, norms, j) is not None:
            return at, j + 1
    return None


def named(sentences: Sequence[Sentence], phrases_by_id: dict[str, list[str]],
          book: Phrasebook) -> dict[str, tuple[Sentence, int, int]]:
    """Which ids' phrases occur (not negated) in sentences that are not about the
    trainee: id -> (sentence, first word, last word + 1)."""
    out: dict[str, tuple[Sentence, int, int]] = {}
    for sentence in sentences:
        if self_focused(sentence, book):
            continue
        for key, phrases in phrases_by_id.items():
            if key in out:
                continue
            for start, end, _phrase in find_all(phrases, sentence.norms):
                if not negated(sentence.norms, start, book, 2):
                    out[key] = (sentence, start, end)
                    break
    return out
