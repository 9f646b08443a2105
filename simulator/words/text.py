"""Typed text as words and sentences, each word knowing where it came from.

Why our own small tokenizer: every detection quotes its evidence from the
trainee's own text, so each matched word must keep its place in the original;
and contractions are expanded ("you're" -> "you are", "don't" -> "do not") so one
phrase in the phrasebook matches every way of typing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[?.!;:,—–-]|\n")

_WHOLE = {
    "can't": ("can", "not"), "cannot": ("can", "not"), "won't": ("will", "not"),
    "shan't": ("shall", "not"), "ain't": ("is", "not"), "let's": ("let", "us"),
    "dont": ("do", "not"), "didnt": ("did", "not"), "doesnt": ("does", "not"),
    "cant": ("can", "not"), "wont": ("will", "not"), "im": ("i", "am"), "ive": ("i", "have"),
    "youre": ("you", "are"), "youve": ("you", "have"), "isnt": ("is", "not"),
    "wasnt": ("was", "not"), "havent": ("have", "not"), "wouldnt": ("would", "not"),
    "couldnt": ("could", "not"), "shouldnt": ("should", "not"), "arent": ("are", "not"),
    "gonna": ("going", "to"), "wanna": ("want", "to"), "gotta": ("got", "to"),
    "y'know": ("you", "know"), "ya": ("you",), "u": ("you",), "ur": ("your",),
}
_SUFFIX = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would",
           "'m": "am"}
#: "'s" is "is" after these, a possessive elsewhere ("Lena's flat")
_IS_AFTER = {"it", "that", "what", "there", "here", "he", "she", "who", "how", "where",
             "this", "everything", "nothing", "something", "someone", "everyone",
             "which", "when", "why", "one"}
_END = {"?", ".", "!", "\n"}
_BREAKS = {",", ";", ":", "—", "–", "-"}


@dataclass(frozen=True, slots=True)
class Word:
    """One normalised word and the span of the original text it came from."""

    norm: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its span in the original text, its words, and how it ended."""

    start: int
    end: int
    words: tuple[Word, ...]
    mark: str  # "?", "." or "!", or "" when it simply stops
    #: where each clause after the first starts (after a comma, semicolon or dash)
    clauses: tuple[int, ...] = ()

    @property
    def norms(self) -> tuple[str, ...]:
        """The normalised words, for matching."""
        return tuple(w.norm for w in self.words)


def _expand(raw: str) -> tuple[str, ...]:
    low = raw.lower().replace("’", "'")
    if low in _WHOLE:
        return _WHOLE[low]
    for suffix, full in _SUFFIX.items():
        if low.endswith(suffix) and len(low) > len(suffix):
            head = low[: -len(suffix)]
            if suffix == "n't":
                head = {"ca": "can", "wo": "will", "sha": "shall"}.get(head, head)
            return (head, full)
    if low.endswith("'s") and len(low) > 2:
        head = low[:-2]
        return (head, "is") if head in _IS_AFTER else (head,)
    return (low,)


def words(text: str) -> list[Word]:
    """Every word of ``text`` (punctuation kept as its own word), contractions expanded."""
    out: list[Word] = []
    for match in _WORD.finditer(text):
        for norm in _expand(match.group()):
            out.append(Word(norm, match.start(), match.end()))
    return out


def sentences(text: str) -> list[Sentence]:
    """``text`` cut into sentences at ., ! and ? (and line breaks)."""
    out: list[Sentence] = []
    current: list[Word] = []
    for word in words(text):
        if word.norm in _END:
            if current:
                mark = "" if word.norm == "\n" else word.norm
                out.append(_sentence(current, word.end if mark else current[-1].end, mark))
                current = []
            elif out and word.norm != "\n":  # "?!" or "..." after a sentence
                last = out[-1]
                out[-1] = Sentence(last.start, word.end, last.words, last.mark or word.norm,
                                   last.clauses)
            continue
        current.append(word)
    if current:
        out.append(_sentence(current, current[-1].end, ""))
    return [s for s in out if s.words]


def _sentence(raw: list[Word], end: int, mark: str) -> Sentence:
    kept: list[Word] = []
    clauses: list[int] = []
    for word in raw:
        if word.norm in _BREAKS:
            if kept and (not clauses or clauses[-1] != len(kept)):
                clauses.append(len(kept))
            continue
        kept.append(word)
    return Sentence(raw[0].start, end, tuple(kept), mark,
                    tuple(c for c in clauses if c < len(kept)))


@lru_cache(maxsize=4096)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """A phrasebook phrase as normalised words, the same way the text is."""
    return tuple(w.norm for w in words(phrase) if w.norm not in ",;:—–-")


def _same(pattern: str, word: str, inflect: bool = False) -> bool:
    """Whether a phrase word matches a text word: exactly, by a ``*`` prefix, or as a
    regular inflection of it ("drink" matches "drinks", "drinking"; "believe" matches
    "believing"; "family" matches "families")."""
    if pattern == word:
        return True
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    if not inflect or len(pattern) < 3 or not word.startswith(pattern[:-1]):
        return False
    return word in _inflections(pattern)


@lru_cache(maxsize=8192)
def _inflections(pattern: str) -> frozenset[str]:
    forms = {pattern + "s", pattern + "es", pattern + "ed", pattern + "ing", pattern + "d",
             pattern + pattern[-1] + "ing", pattern + pattern[-1] + "ed"}  # getting, stopped
    if pattern.endswith("e"):
        forms.add(pattern[:-1] + "ing")
    if pattern.endswith("y"):
        forms.update({pattern[:-1] + "ies", pattern[:-1] + "ied"})
    return frozenset(forms)


def find(phrase: str, norms: Sequence[str], start: int = 0, inflect: bool = False) -> int:
    """Where ``phrase`` starts in ``norms`` at or after ``start``, or -1 (``inflect``:
    its words may be regularly inflected in the text)."""
    pattern = phrase_words(phrase)
    size = len(pattern)
    if not size:
        return -1
    for i in range(start, len(norms) - size + 1):
        if all(_same(p, norms[i + k], inflect) for k, p in enumerate(pattern)):
            return i
    return -1


def find_all(phrases: Iterable[str], norms: Sequence[str],
             inflect: bool = False) -> list[tuple[int, int, str]]:
    """Every (first word, last word + 1, phrase) where one of ``phrases`` occurs;
    where two overlap, the longer is kept."""
    hits: list[tuple[int, int, str]] = []
    present = set(norms)
    for phrase in phrases:
        pattern = phrase_words(phrase)
        if not pattern or not _may_occur(pattern[0], present, inflect):
            continue  # most phrases are ruled out by their first word, cheaply
        at = find(phrase, norms, 0, inflect)
        while at >= 0:
            hits.append((at, at + len(phrase_words(phrase)), phrase))
            at = find(phrase, norms, at + 1, inflect)
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, str]] = []
    for hit in hits:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def _may_occur(first: str, present: set[str], inflect: bool) -> bool:
    if first.endswith("*") or (inflect and len(first) >= 3):
        stem = first[:-1]
        return any(word.startswith(stem) for word in present)
    return first in present


_Index = tuple[dict[str, list[str]], list[str]]
_INDEXES: dict[int, tuple[object, _Index]] = {}


def _index(phrases: Iterable[str]) -> _Index:
    """The phrases of a (long-lived) list by their first word, and those whose first
    word is a ``*`` prefix; built once per list, so matching a sentence opening
    looks at the few phrases that can match instead of every phrase."""
    cached = _INDEXES.get(id(phrases))
    if cached is not None and cached[0] is phrases:
        return cached[1]
    by_first: dict[str, list[str]] = {}
    wild: list[str] = []
    for phrase in phrases:
        pattern = phrase_words(phrase)
        if not pattern:
            continue
        if pattern[0].endswith("*"):
            wild.append(phrase)
        else:
            by_first.setdefault(pattern[0], []).append(phrase)
    index = (by_first, wild)
    if isinstance(phrases, (list, tuple)):
        _INDEXES[id(phrases)] = (phrases, index)
    return index


def starts_with(phrases: Iterable[str], norms: Sequence[str], at: int = 0) -> str | None:
    """The longest of ``phrases`` that ``norms`` has at position ``at``, if any."""
    if at >= len(norms):
        return None
    by_first, wild = _index(phrases)
    best: str | None = None
    best_len = 0
    for phrase in [*by_first.get(norms[at], ()), *wild]:
        pattern = phrase_words(phrase)
        size = len(pattern)
        if size > best_len and len(norms) - at >= size and all(
                _same(p, norms[at + k]) for k, p in enumerate(pattern)):
            best, best_len = phrase, size
    return best
