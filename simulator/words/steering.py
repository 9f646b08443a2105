"""Steering: advice, lessons drawn for the person, and claims that your experience is theirs.

Why grammar-aware: "you should" is advice, but "you feel you should" hears them,
"you shouldn't have to" takes their side, and "I won't tell you what you should
do" refuses to advise. A sentence opening with a bare verb ("Call them", "Try...")
instructs; "Tell me more" and "Take your time" invite.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.model import Phrasebook
from simulator.words.asking import opening
from simulator.words.text import Sentence, find_all, phrase_words, starts_with

_ADVERBS = {"really", "just", "still", "definitely", "honestly", "probably", "maybe", "also",
            "all", "then", "so", "actually", "seriously", "absolutely", "totally", "only",
            "even", "perhaps", "kind", "of", "now", "first", "certainly", "simply", "better"}
_INVITING_OBJECTS = {"me", "us"}
_NOT_DOING = {"be", "have", "not", "been", "get", "lose", "end", "feel", "need", "want"}


def negated(norms: Sequence[str], at: int, book: Phrasebook, window: int = 4) -> bool:
    """Whether a negation comes in the few words before position ``at``."""
    before = norms[max(0, at - window):at]
    return any(w in before for w in (n for n in book.negations if " " not in n))


def _heard(norms: Sequence[str], at: int, book: Phrasebook) -> bool:
    """Whether the words before ``at`` report what they feel or were told ("you feel
    you have to"), as opposed to the trainee's own view ("I think you should")."""
    start = max(0, at - 6)
    before = list(norms[start:at])
    return any(not (s + start > 0 and norms[s + start - 1] == "i")
               for s, _e, _p in find_all(book.advice.hearing, before))


def advice(sentence: Sentence, book: Phrasebook, is_question: bool,
           extra: Sequence[str] = ()) -> tuple[str, int, int] | None:
    """("advice" or "lesson", first word, last word + 1) when the sentence steers them."""
    norms = sentence.norms
    cues = book.advice
    refused = False
    for start, end, _phrase in find_all(cues.phrases, norms):
        if not negated(norms, start, book, 6):
            return "advice", start, end
        refused = True  # "I won't tell you what you should do"
    if not is_question and not refused:
        for start, end, _phrase in find_all(cues.lessons, norms):
            if not negated(norms, start, book, 3):
                return "lesson", start, end
        found = _you_modal(norms, book)
        if found is not None:
            return "advice", *found
        for clause in (0, *sentence.clauses):
            at = opening(sentence, book, extra, clause)
            if at < clause or starts_with(cues.not_instructions, norms, at) is not None:
                continue
            verb = starts_with(cues.imperatives, norms, at)
            if verb is not None and _imperative(norms, at + len(phrase_words(verb))):
                return "advice", at, min(len(norms), at + len(phrase_words(verb)) + 3)
    return None


def _imperative(norms: Sequence[str], after: int) -> bool:
    """Whether a sentence-opening verb is an instruction, not a subject ("Try harder"
    instructs; "Talk is cheap" is a statement)."""
    if after >= len(norms):
        return True
    nxt = norms[after]
    return nxt not in {"is", "was", "are", "were", "has", "had", "would", "will", "can", "been",
                       "and", "of", "that", "s"}


def _you_modal(norms: Sequence[str], book: Phrasebook) -> tuple[int, int] | None:
    """"you (really) should / need to / could try ..." not heard, negated or inviting."""
    cues = book.advice
    for i, word in enumerate(norms):
        if word != "you":
            continue
        j = i + 1
        while j < len(norms) and norms[j] in _ADVERBS:
            j += 1
        if j < len(norms) and norms[j] == "not":
            continue  # "you don't have to", "you shouldn't have to": on their side
        modal = starts_with(cues.modals, norms, j)
        suggestion = starts_with(cues.suggestions, norms, j) or _soft(norms, j, book)
        found = modal or suggestion
        if found is None:
            continue
        end = j + len(phrase_words(found))
        if end < len(norms) and norms[end] == "not" and modal is not None and \
                end + 2 < len(norms) and norms[end + 1] in {"have", "need"}:
            continue  # "you should not have to": on their side
        if end < len(norms) and norms[end] in _INVITING_OBJECTS:
            continue  # "you could tell me more"
        if tuple(norms[end:end + 2]) == ("be", "proud"):
            continue  # "you should be proud": an affirmation
        if _heard(norms, i, book) or (i > 0 and norms[i - 1] in {"if", "when", "whether"}):
            continue
        return i, min(len(norms), end + 2)
    return None


def _soft(norms: Sequence[str], at: int, book: Phrasebook) -> str | None:
    """"could / might / may" and a verb of doing ("you could ring them"), not of being,
    feeling or thinking ("you might feel", "you could be right")."""
    soft = starts_with(book.advice.soft_modals, norms, at)
    if soft is None:
        return None
    after = at + len(phrase_words(soft))
    while after < len(norms) and norms[after] in _ADVERBS:
        after += 1
    if after >= len(norms) or norms[after] in _NOT_DOING \
            or starts_with(book.advice.hearing, norms, after) is not None:
        return None
    return " ".join(norms[at:after + 1])


def sameness(sentence: Sentence, book: Phrasebook) -> tuple[int, int] | None:
    """Words that claim to know exactly what it is like for them, unhedged."""
    norms = sentence.norms
    cues = book.sameness
    for start, end, _phrase in find_all(cues.claims, norms):
        if negated(norms, start, book, 3):
            continue
        if find_all(cues.hedges, norms):
            return None
        return start, end
    return None
