"""Scores and judgements in words: one rounding, one wording, warm for a poor choice.

Why one place: a trainee who reads "Passed: overall 2.6" above "Overall 2.59 of 3",
or "Judged WEAK" in capitals above the person's face closing, is told two things at
once, or told off. Every screen and command that shows a score or a judgement uses
these, so the verdict line, the debrief, the review and the run agree to the digit.
"""

from __future__ import annotations

#: How one choice went, by band: what the trainee reads first after choosing.
#: Plain and warm; a poor choice is something to learn from, never a verdict in capitals.
BAND_WORDS: dict[str, str] = {
    "strong": "That worked well.",
    "partial": "Some of that worked; here is what could go better.",
    "weak": "That did not land this time; here is why, and what to try.",
}

#: A hold-back, by band: holding back is a choice about your story, not a share.
HOLD_WORDS: dict[str, str] = {
    "strong": "Holding back worked well here.",
    "partial": "Holding back was all right here; here is what could go better.",
    "weak": "Holding back did not help this time; here is why, and what to try.",
}


def score(value: float, mark: float | None = None) -> str:
    """``value`` to one decimal, or two where one would read as the wrong side of
    ``mark`` (2.46 below a mark of 2.5 is "2.46", never "2.5")."""
    short = f"{value:.1f}"
    if mark is None or (float(short) >= mark) == (value >= mark):
        return short
    return f"{value:.2f}"


def of_three(value: float, mark: float | None = None) -> str:
    """A score out of 3 with its pass mark: "2.6 of 3 (pass mark 2)"."""
    tail = "" if mark is None else f" (pass mark {mark:g})"
    return f"{score(value, mark)} of 3{tail}"


def choices(count: int) -> str:
    """How many scored choices a mean is over: "1 choice", "10 choices". A turn that
    reflects and then responds counts twice, so these are never called turns."""
    return "1 choice" if count == 1 else f"{count} choices"


def band_words(band: str, kind: str = "") -> str:
    """How one choice went (``kind`` "hold-back" for holding back), in warm words."""
    table = HOLD_WORDS if kind == "hold-back" else BAND_WORDS
    return table.get(band, BAND_WORDS["partial"])


def count(number: int, one: str, many: str) -> str:
    """"an unfinished session" / "2 unfinished sessions"."""
    return one if number == 1 else f"{number} {many}"


__all__ = ["BAND_WORDS", "HOLD_WORDS", "band_words", "choices", "count", "of_three", "score"]
