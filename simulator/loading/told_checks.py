"""Checks that the person only answers what was actually said.

A reaction or ending that quotes a piece of the peer's story ("Five per cent, you
said") is wrong when that piece was never told. Such words belong in a ``variants:``
entry conditioned on ``told: <piece>``. These checks find:

- PS340 (error): a ``told:``/``not_told:`` condition naming a piece the scenario's deck
  does not have (or a scenario with no deck);
- PS341 (warning): reaction or ending words, offered whatever was told, that look like
  a piece's own words (a distinctive run of three words, or a phrase the piece puts in
  quotes), as far as words can tell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.documents import Loaded
from simulator.loading.library import Library
from simulator.model.deck import Deck, Fragment
from simulator.model.scenario import Condition, Scenario

P = tuple[str | int, ...]

_WORD = re.compile(r"[a-z0-9']+")
_QUOTED = re.compile(r"[\"“]([^\"”]{4,80})[\"”]")
# common words that make a run of three words ordinary rather than a piece's own
_COMMON = frozenset({
    "a", "an", "the", "and", "or", "but", "so", "if", "of", "to", "in", "on", "at", "by",
    "for", "with", "from", "up", "down", "out", "over", "about", "into", "is", "was", "were",
    "be", "been", "am", "are", "it", "its", "it's", "i", "i'm", "me", "my", "you", "your",
    "you're", "he", "she", "his", "her", "they", "them", "their", "we", "our", "us", "this",
    "that", "these", "those", "there", "here", "what", "when", "how", "who", "why", "not",
    "no", "yes", "do", "did", "does", "done", "have", "has", "had", "just", "then", "than",
    "too", "very", "all", "any", "some", "one", "two", "back", "get", "got", "go", "went",
    "going", "can", "could", "would", "should", "will", "said", "says", "say", "like", "know",
    "knew", "feel", "felt", "first", "last", "time", "times", "day", "days", "week", "weeks",
    "year", "years", "now", "still", "again", "little", "much", "more", "thing", "things",
    "people", "way", "ever", "never", "really", "bit", "lot",
})


def _runs(text: str) -> set[tuple[str, ...]]:
    """Runs of three words with at least two uncommon ones: what makes words someone's own."""
    words = _WORD.findall(text.lower())
    return {run for run in zip(words, words[1:], words[2:], strict=False)
            if sum(1 for w in run if w not in _COMMON and len(w) > 2) >= 2}


def _own_words(piece: Fragment) -> tuple[set[tuple[str, ...]], list[str]]:
    """A piece's distinctive runs of words and the phrases it quotes."""
    quoted = [q.strip().lower() for q in _QUOTED.findall(piece.text) if len(q.split()) >= 2]
    return _runs(piece.text) | _runs(piece.title), quoted


OwnWords = list[tuple[Fragment, set[tuple[str, ...]], list[str]]]


def _deck_words(deck: Deck) -> OwnWords:
    """Every piece's own words, worked out once per deck (not once per text checked)."""
    return [(piece, *_own_words(piece)) for piece in deck.fragments]


def _echo(text: str, pieces: OwnWords) -> Fragment | None:
    """The first piece whose own words ``text`` repeats, if any."""
    runs = _runs(text)
    lower = text.lower()
    for piece, own, quoted in pieces:
        if runs & own or any(q in lower for q in quoted):
            return piece
    return None


def _unconditioned(scenario: Scenario) -> Iterator[tuple[str, P]]:
    """Every reaction and ending text offered whatever has been told."""
    for beat_id, beat in scenario.beats.items():
        for step_name in ("reflect", "share"):
            step = getattr(beat, step_name)
            if step is None:
                continue
            for band in ("strong", "partial", "weak"):
                outcome = getattr(step.outcomes, band)
                if outcome.reaction:
                    yield outcome.reaction, ("beats", beat_id, step_name, "outcomes", band,
                                             "reaction")
        if beat.share is not None:
            for kind, text in beat.share.reactions.items():
                yield text, ("beats", beat_id, "share", "reactions", kind.value)
            if beat.share.hold_back.reaction:
                yield beat.share.hold_back.reaction, ("beats", beat_id, "share", "hold_back",
                                                      "reaction")
    for ending_id, ending in scenario.endings.items():
        yield ending.text, ("endings", ending_id, "text")


def told_conditions(scenario: Scenario) -> Iterator[tuple[Condition, P]]:
    """Every condition that can name a piece, with where it is."""
    for beat_id, beat in scenario.beats.items():
        base: P = ("beats", beat_id)
        for i, line in enumerate(beat.lines):
            for j, cond in enumerate(line.when):
                yield cond, (*base, "lines", i, "when", j)
        for step_name in ("reflect", "share"):
            step = getattr(beat, step_name)
            if step is None:
                continue
            for j, cond in enumerate(step.when):
                yield cond, (*base, step_name, "when", j)
            for band in ("strong", "partial", "weak"):
                outcome = getattr(step.outcomes, band)
                for k, variant in enumerate(outcome.variants):
                    for j, cond in enumerate(variant.when):
                        yield cond, (*base, step_name, "outcomes", band, "variants", k,
                                     "when", j)
    for ending_id, ending in scenario.endings.items():
        for k, variant in enumerate(ending.variants):
            for j, cond in enumerate(variant.when):
                yield cond, ("endings", ending_id, "variants", k, "when", j)


def check_told(loaded: Loaded, library: Library) -> list[Diagnostic]:
    """PS340 and PS341 for one scenario (see the module's docstring)."""
    scenario: Scenario = loaded.model
    deck = library.deck(scenario.deck) if scenario.deck in library.decks else None
    out: list[Diagnostic] = []
    for cond, path in told_conditions(scenario):
        piece = cond.told or cond.not_told
        if piece is None:
            continue
        key = "told" if cond.told else "not_told"
        if deck is None:
            line, col = loaded.at(*path, key)
            out.append(Diagnostic(loaded.path, line, col, "PS340",
                                  f"the condition names piece {piece!r}, but the scenario has"
                                  " no deck: name one with deck:"))
        elif deck.fragment(piece) is None:
            line, col = loaded.at(*path, key)
            out.append(Diagnostic(loaded.path, line, col, "PS340",
                                  f"deck {deck.id!r} has no piece {piece!r}"))
    if deck is not None:
        pieces = _deck_words(deck)
        for text, path in _unconditioned(scenario):
            echoed = _echo(text, pieces)
            if echoed is not None:
                line, col = loaded.at(*path)
                out.append(Diagnostic(
                    loaded.path, line, col, "PS341",
                    f"these words echo piece {echoed.id!r}, but they are offered whether or"
                    " not it was told; move them into variants: with when: [{told: "
                    f"{echoed.id}}}]", Severity.warning))
    return out
