"""A typed turn as the engine takes it: a line typed in the trainee's own words mapped to
the closest authored line at the beat, and typed reflections and shares read as the
choices the picking dialogs offer.

Why by what a line does, not only its words: "would you like to hear what helped me?"
and "can I tell you something that worked for me?" share few words but do the same
thing (ask leave to share), while "you should call them" and "you could call them if
you like" share words and do different things. So a typed line is compared with each
authored line by its detections (question, hand-back, permission, advice, sameness,
reflection, the concerns and readings named) first and its content words second.

Nothing here keeps or sends the text: the caller records it (in :class:`Typed`, whose
text only the records store writes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from simulator.model.common import AsksFor
from simulator.model.plan import ReflectStep, ShareStep, Typed
from simulator.model.scenario import Line
from simulator.words import Explained, Setting, explain, reflect_choices, share_choices
from simulator.words.text import words

#: how much of the likeness is what the line does (the rest is the words it uses)
_DOES = 0.6
#: detections that say how long or whose a response is, not what it does
_NOT_DOING = {"length", "focus"}


def found(result: Explained) -> list[str]:
    """The detections as stored: ``kind`` or ``kind:detail``, in order, without the
    quoted words (the text is kept once, in :attr:`Typed.text`)."""
    out: list[str] = []
    for detection in result.detections:
        key = f"{detection.kind}:{detection.detail}" if detection.detail else detection.kind
        if key not in out:
            out.append(key)
    return out


def _doing(result: Explained) -> set[str]:
    keys = {key for key in found(result) if key.split(":", 1)[0] not in _NOT_DOING}
    return keys | {key.split(":", 1)[0] for key in keys}


def _content(text: str, stopwords: frozenset[str]) -> set[str]:
    return {w.norm for w in words(text) if w.norm[:1].isalnum() and w.norm not in stopwords}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


@dataclass(frozen=True)
class Match:
    """An authored line and how close a typed line came to it (0..1)."""

    line: Line
    score: float


def closest(text: str, lines: Sequence[Line], setting: Setting) -> list[Match]:
    """The authored ``lines`` ranked by how close ``text`` comes to each, closest first
    (ties keep the order given, so the same text at the same beat maps the same way)."""
    quick = replace(setting, paraphrase=False)  # authored lines: the phrasebook is enough
    stop = frozenset(setting.book.stopwords)
    typed = explain(text, "line", setting)
    doing, content = _doing(typed), _content(text, stop)
    ranked = []
    for order, line in enumerate(lines):
        theirs = explain(line.text, "line", quick)
        score = _DOES * _overlap(doing, _doing(theirs)) + \
            (1 - _DOES) * _overlap(content, _content(line.text, stop))
        ranked.append((-round(score, 6), order, Match(line, round(score, 4))))
    return [match for _score, _order, match in sorted(ranked, key=lambda r: r[:2])]


def typed_line(text: str, result: Explained, taken_as: str, chosen: str) -> Typed:
    """The record of a typed line: its words, what was found, what the engine took it as,
    and whether the trainee corrected that."""
    return Typed(text=text, found=found(result), taken_as=taken_as,
                 corrected=chosen != taken_as)


def typed_reflection(text: str, result: Explained, judging: frozenset[str],
                     fallback_ask: AsksFor | None, themes: Sequence[str]) -> ReflectStep | None:
    """A typed reflection as the reflect step it amounts to; the ask the text names
    wins over ``fallback_ask`` (the one ticked, if any). None when neither says what the
    person asks for (the dialog asks for it: an ask is never guessed)."""
    choices = reflect_choices(result, judging)
    ask = AsksFor(choices.asks_for) if choices.asks_for is not None else fallback_ask
    if ask is None:
        return None
    concerns = [c for c in choices.concerns if c in themes]
    return ReflectStep(concerns=concerns, asks_for=ask, reading=choices.reading,
                       typed=Typed(text=text, found=found(result)))


def typed_share(text: str, result: Explained, fragments: Sequence[str]) -> ShareStep:
    """A typed share of ``fragments``: permission, hand-back, detail and framing read
    from the words (a typed hand-back replaces the tick)."""
    how = share_choices(result)
    return ShareStep(fragments=list(fragments), permission=how.permission,
                     hand_back=how.hand_back, detail=how.detail, framing=how.framing,
                     typed=Typed(text=text, found=found(result)))
