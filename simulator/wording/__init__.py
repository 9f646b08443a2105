"""One place for every phrase the trainee reads: message ids with parameters.

Scoring reasons, advice, notes and the UI's verdict phrases are stored as a
:class:`Message` (an id and plain parameters), never as finished English, and
turned into words only where they are shown (:func:`render`). Why:

- wording can change, or be translated, without touching stored records;
- a parameter names story pieces by id, so a reason can be stored and exported
  without the pieces' titles (story fragments are private); the trainee's own
  screen renders the titles, everything else counts the pieces instead;
- a parameter is never read as a template or as markup, so authored text in it
  is shown literally.

Records made before messages existed hold English sentences; :meth:`Message.from_stored`
accepts both and keeps an old sentence as the ``legacy.text`` message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from simulator.wording.phrases import ASK_WORDS, FRAMING_WORDS, PHRASES

Titles = Callable[[str], "str | None"]
"""A story piece's title by its id (None when it must not, or cannot, be named)."""

Labeller = Callable[[str], str]
"""A vocabulary id's plain-words label (themes, ways of getting by, words, readings)."""

Param = str | int | float | bool | tuple[str, ...] | tuple["Message", ...]

#: How a parameter is rendered, by its name. Anything else is shown as plain text.
KINDS: dict[str, str] = {
    "pieces": "pieces", "themes": "labels", "theme": "label", "ways": "labels",
    "way": "label", "words": "quoted", "reading": "label", "ask": "ask", "asks": "asks",
    "parts": "parts", "text": "literal",
}

_REF = re.compile(r"\{fragments:([a-z0-9,-]+)\}")


@dataclass(frozen=True, slots=True)
class Message:
    """A phrase by id, with the parameters it is rendered with."""

    id: str
    params: dict[str, Param] = field(default_factory=dict)

    @classmethod
    def from_stored(cls, obj: object) -> Message:
        """A message from stored data: today's ``{"id", "params"}`` or an old English
        sentence (kept as ``legacy.text``)."""
        if isinstance(obj, Message):
            return obj
        if isinstance(obj, str):
            return cls("legacy.text", {"text": obj})
        if isinstance(obj, Mapping) and isinstance(obj.get("id"), str):
            raw = obj.get("params")
            params: dict[str, Param] = {}
            for key, value in (raw.items() if isinstance(raw, Mapping) else ()):
                converted = _param(value)
                if isinstance(key, str) and converted is not None:
                    params[key] = converted
            return cls(obj["id"], params)
        return cls("legacy.text", {"text": "" if obj is None else str(obj)})


def _param(value: object) -> Param | None:
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        if all(isinstance(v, Mapping) for v in value):
            return tuple(Message.from_stored(v) for v in value)
        return tuple(str(v) for v in value)
    return None


def msg(message_id: str, **params: Param | Iterable[str]) -> Message:
    """A message, checked against the phrase book (a typo is a bug, caught in tests)."""
    if message_id not in PHRASES:
        raise KeyError(f"no phrase {message_id!r} in simulator/wording/phrases.py")
    out: dict[str, Param] = {}
    for key, value in params.items():
        if isinstance(value, (str, int, float, bool, tuple)):
            out[key] = value
        else:
            out[key] = tuple(value)
    return Message(message_id, out)


def sentences(parts: Iterable[Message]) -> Message:
    """Several messages shown as one paragraph (a reason made of sentences)."""
    return Message("sentences", {"parts": tuple(parts)})


def join(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def plain_label(vocab_id: str) -> str:
    """The fallback label when no vocabulary is at hand: the id in words."""
    return vocab_id.replace("-", " ")


def _pieces(ids: Iterable[str], titles: Titles | None,
            joined: Callable[[list[str]], str] = join) -> str:
    ids = list(ids)
    known = [t for t in ((titles(i) if titles else None) for i in ids) if t is not None]
    unknown = len(ids) - len(known)
    parts = [f"'{t}'" for t in known]
    if unknown:
        parts.append("one piece of your story" if unknown == 1
                     else f"{unknown} pieces of your story")
    return joined(parts)


def _value(key: str, value: Param, titles: Titles | None, label: Labeller) -> str:
    kind = KINDS.get(key, "")
    items: list[Any] = list(value) if isinstance(value, tuple) else [value]
    if kind == "pieces":
        return _pieces((str(v) for v in items), titles)
    if kind in ("label", "labels"):
        return join([label(str(v)) for v in items])
    if kind == "quoted":
        return join([f"'{label(str(v))}'" for v in items])
    if kind in ("ask", "asks"):
        return join([ASK_WORDS.get(str(v), str(v)) for v in items])
    if kind == "parts":
        return " ".join(render(v, titles, label) for v in items if isinstance(v, Message))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _legacy(text: str, titles: Titles | None) -> str:
    """An old stored sentence, with its ``{fragments:ID,ID}`` references rendered."""

    def named(match: re.Match[str]) -> str:
        words = _pieces(match.group(1).split(","), titles, ", ".join)
        before = text[:match.start()].rstrip()
        starts_sentence = not before or before.endswith((".", "!", "?"))
        return words[0].upper() + words[1:] if starts_sentence else words

    return _REF.sub(named, text)


def render(message: Message, titles: Titles | None = None, label: Labeller | None = None) -> str:
    """The message in words. ``titles`` names story pieces (the trainee's own screen
    only); without it pieces are counted, never named. ``label`` gives vocabulary labels."""
    labeller = label or plain_label
    if message.id == "legacy.text":
        return _legacy(str(message.params.get("text", "")), titles)
    template = PHRASES.get(message.id)
    if template is None:
        return f"({message.id})"
    values = {key: _value(key, value, titles, labeller) for key, value in message.params.items()}
    try:
        text = template.format_map(values)
    except (KeyError, IndexError, ValueError):
        return f"({message.id})"
    return text[:1].upper() + text[1:] if template.startswith("{") else text


def verdict_text(verdict: str, turns: int) -> str:
    """A criterion's verdict in words, e.g. "meets the mark, on one turn only"."""
    if verdict == "too-few":
        return render(msg("verdict.too-few.one") if turns == 1
                      else msg("verdict.too-few", turns=turns))
    return render(Message(f"verdict.{verdict}"))


def passed_text(passed: bool | None) -> str:
    """A session's verdict in words ("passed" / "not passed", also for no verdict yet),
    the same on every screen."""
    return PHRASES["session.passed" if passed else "session.not-passed"]


def redact(message: Message, label: Labeller | None = None) -> str:
    """The message with no story piece named: for anything that may leave the machine."""
    return render(message, None, label)


def ref(fragment_ids: Iterable[str]) -> str:
    """The reference old stored sentences held in place of pieces' titles."""
    return "{fragments:" + ",".join(fragment_ids) + "}"


__all__ = ["ASK_WORDS", "FRAMING_WORDS", "KINDS", "PHRASES", "Labeller", "Message", "Param",
           "Titles", "join", "msg", "passed_text", "plain_label", "redact", "ref", "render",
           "sentences", "verdict_text"]
