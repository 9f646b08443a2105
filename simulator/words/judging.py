"""Judging: how a response reads what they disclosed, and the words it calls them.

Why the reported-speech check: "you're worried they'll think you're lying" hears
their fear of being judged; "you're lying to yourself" judges. A reading counts only
when it is the trainee's own (not after "they think", "you were told"), not negated
("you're not lazy"), and about the person rather than the trainee's own past.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from simulator.model import Phrasebook
from simulator.words.hearing import self_focused
from simulator.words.steering import negated
from simulator.words.text import Sentence, find_all

_REPORTING = {"think", "thinks", "thought", "say", "says", "said", "told", "tell", "call",
              "called", "calls", "worried", "worry", "afraid", "scared", "feel", "felt",
              "seen", "see", "saw", "treated", "labelled", "labeled", "accused", "assume",
              "assumed", "believe", "believed", "heard", "hear"}


def _reported(norms: Sequence[str], at: int) -> bool:
    return any(w in _REPORTING for w in norms[max(0, at - 5):at])


def readings(sentences: Sequence[Sentence], book: Phrasebook,
             judging: frozenset[str] = frozenset()) -> Iterator[tuple[str, Sentence, int, int]]:
    """(reading id, sentence, first word, last word + 1) for each reading given. A
    judging reading in reported speech ("they'll think you're lying") is theirs, not
    the trainee's; an accepting one ("afraid of what they'd think") is still heard."""
    seen: set[str] = set()
    for sentence in sentences:
        if self_focused(sentence, book):
            continue
        norms = sentence.norms
        for reading, phrases in book.readings.items():
            if reading in seen:
                continue
            for start, end, _phrase in find_all(phrases, norms, inflect=True):
                if negated(norms, start, book, 3) or (
                        reading in judging and _reported(norms, start)):
                    continue
                seen.add(reading)
                yield reading, sentence, start, end
                break


def words_used(sentences: Sequence[Sentence], ids: Sequence[str], book: Phrasebook,
               label: dict[str, str]) -> Iterator[tuple[str, Sentence, int, int]]:
    """(word id, sentence, first word, last word + 1) for each of ``ids`` the text uses,
    by its label or one of its other forms."""
    for word_id in ids:
        forms = [label.get(word_id, word_id.replace("-", " ")), *book.words.get(word_id, [])]
        for sentence in sentences:
            hits = find_all(forms, sentence.norms)
            if hits:
                start, end, _phrase = hits[0]
                yield word_id, sentence, start, end
                break

