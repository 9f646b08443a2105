"""Does a piece of writing quote a story piece? The check every comment passes.

Why it exists: supervision comments, replies and proposed lines are exported, sent to a
Learning Record Store and shown in reports; the story pieces a peer shared (their own
history) must never travel with them. A comment that repeats a run of a piece's words,
or its title, is refused when written and withheld from every output.

Why normalise first: the words must match however they were typed. Before comparing,
text is put through NFKC (full-width and mathematical letters become plain ones),
case-folded, stripped of accents, of invisible characters (zero-width spaces and
joiners, soft hyphens, bidi controls, the byte-order mark) and of apostrophes, and
letters that look like Latin ones (Cyrillic ``а``, Greek ``ο`` and the like) are read
as those Latin letters. So ``tеlling`` with a Cyrillic ``е``, ``tel\u00adling`` with a
soft hyphen or ``ｔｅｌｌｉｎｇ`` all read as ``telling``.

Why five or six words, and how many that carry meaning: five words in a row from a
piece can be a quote (the old check let five-word chunks through), but five everyday
words ("when I went back to", "is how I look after") are ordinary English. So a run of
six counts when at least one of its words is not among the most common English words
(:data:`COMMON`), and a run of five when at least two are not everyday words
(:data:`EVERYDAY`). A title, or any piece of six words or fewer, counts when all of it
is repeated (three words at least, two of them not common). Measured on the shipped
decks: 98% of their six-word runs and 59% of their five-word runs are caught (the five
let through hold at most one word that is not everyday, such as "was good at it, and");
of 4,050 sentences of the scenarios, rubrics and docs, the only ones caught repeat a
deck's own words.

Core code: no Textual, no store; used by the records, the exports, the app and the CLI.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: a run of this many words from a piece is quoting it, when at least the given number
#: of them are not among the given words (five everyday words in a row are not a quote);
#: the word lists are defined below
RUNS: dict[int, tuple[int, str]] = {5: (2, "everyday"), 6: (1, "common")}
#: a piece no longer than the longest run (a title, say) is also quoting when repeated
#: whole, from this many words, with :data:`MEANING_WHOLE` of them not common
SHORTEST = 3
MEANING_WHOLE = 2

#: lowercase letters of other scripts that look like Latin ones, read as those
LOOKALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i",
    "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "һ": "h", "ү": "y", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k",
    "μ": "u", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    # Latin letters that stand in for plain ones
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i", "ʟ": "l", "ᴏ": "o",
})

_COMMON_WORDS = """
a about after again all also am an and any are as at be because been before being but
by can could did didnt do does doesnt doing dont down even every for from get gets
getting go going gone got had has have having he her here hers him his how i id if im
in into is isnt it its ive just know like make me more most much my no not now of off
on once one only or other our out over really said say see she so some still such than
that thats the their them then there these they thing things think this those through
to too up us very was wasnt way we well were what when where which while who why will
with would you your youre yours yourself myself
"""
_EVERYDAY_WORDS = """
back went come came take took want need feel felt look looked time day good new first
last give gave put tell told keep kept let find found never always something anything
nothing someone people start
"""
#: the most common English words: a run of these alone is not a quote
COMMON = frozenset(_COMMON_WORDS.split())
#: and everyday words besides, which a five-word run needs two words outside of
EVERYDAY = COMMON | frozenset(_EVERYDAY_WORDS.split())

_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\u0060\u00b4]")
_WORD = re.compile(r"[^\W_]+")


def _kept(char: str) -> bool:
    """False for the characters that change nothing a reader sees: invisible format
    characters (zero-width, soft hyphen, bidi) and combining marks (accents)."""
    return unicodedata.category(char) not in ("Cf", "Mn", "Me")


def normalise(text: str) -> str:
    """``text`` as the check reads it: NFKC, case-folded, no accents or invisible
    characters, look-alike letters as Latin ones, no apostrophes."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    plain = "".join(filter(_kept, folded)).translate(LOOKALIKES)
    return _APOSTROPHES.sub("", unicodedata.normalize("NFKC", plain))


def words(text: str) -> list[str]:
    """The words of ``text``, normalised."""
    return _WORD.findall(normalise(text))


def _meaningful(run: tuple[str, ...], needed: int, among: str = "common") -> bool:
    usual = EVERYDAY if among == "everyday" else COMMON
    return sum(w not in usual for w in run) >= needed


class StoryQuotes:
    """The runs of words a comment must not repeat, from every story text and title
    given; built once, then :meth:`quoted` checks a comment in one pass."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.runs: set[tuple[str, ...]] = set()
        self.sizes: set[int] = set()
        longest = max(RUNS)
        for text in texts:
            found = words(text)
            if SHORTEST <= len(found) <= longest:
                self._add(tuple(found), MEANING_WHOLE)
            for size, (needed, among) in RUNS.items():
                for start in range(len(found) - size + 1):
                    self._add(tuple(found[start:start + size]), needed, among)

    def _add(self, run: tuple[str, ...], needed: int, among: str = "common") -> None:
        if _meaningful(run, needed, among):
            self.runs.add(run)
            self.sizes.add(len(run))

    def quoted(self, body: str) -> bool:
        """True when ``body`` repeats a run (or a whole short piece) of a story text."""
        if not self.runs:
            return False
        said = words(body)
        return any(tuple(said[start:start + size]) in self.runs
                   for size in self.sizes for start in range(len(said) - size + 1))


def quotes_story(body: str, story_texts: Iterable[str]) -> bool:
    """True when ``body`` quotes any of ``story_texts`` (see :class:`StoryQuotes`)."""
    return StoryQuotes(story_texts).quoted(body)
