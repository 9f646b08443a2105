"""One call that reads a typed response: :func:`explain`.

It runs every detector over the text (and the beat, when one is given) and returns
:class:`~simulator.words.results.Explained`: each detection with a plain-words note
and its evidence quoted from the text. Nothing here changes the text, stores it or
sends it anywhere; the caller decides what is kept (docs/records.md).
"""

from __future__ import annotations

from simulator.wording import msg, render
from simulator.words import paraphrase
from simulator.words.asking import is_filler_question, permission, question_kind
from simulator.words.hearing import echoed, named, reflection, self_focused
from simulator.words.judging import readings, words_used
from simulator.words.results import Detection, Evidence, Explained, Mode
from simulator.words.setting import Setting
from simulator.words.steering import advice, sameness
from simulator.words.text import Sentence, find_all, sentences, words

_DEFAULT_BRIEF = {"reflect": 45, "share": 70, "line": 50}
_SELF = {"i", "me", "my", "mine", "myself"}


def _quote(text: str, sentence: Sentence, start: int, end: int) -> Evidence:
    ws = sentence.words
    end = max(start + 1, min(end, len(ws)))
    return Evidence.of(text, ws[start].start, ws[end - 1].end)


def _to_clause_end(text: str, sentence: Sentence, start: int) -> Evidence:
    """From ``start`` to the end of its clause: advice is quoted as said ("You should
    call your sponsor tonight"), not cut off after its modal."""
    end = next((c for c in sentence.clauses if c > start), len(sentence.words))
    return _quote(text, sentence, start, end)


def _whole(text: str, sentence: Sentence) -> Evidence:
    return Evidence.of(text, sentence.start, sentence.end)


def _found(setting: Setting, kind: str, message_id: str, evidence: tuple[Evidence, ...] = (),
           detail: str = "", **params: str | int | float) -> Detection:
    """A detection whose note is the phrase ``message_id``, worded with the setting's
    labels (the quoted evidence stays outside the message)."""
    message = msg(message_id, **params)
    return Detection(kind, message, render(message, label=setting.label), evidence, detail)


def explain(text: str, mode: Mode, setting: Setting) -> Explained:
    """Every detection in ``text``, typed as a reflection, a share or a line."""
    book = setting.book
    extra = (setting.name,) if setting.name else ()
    parts = sentences(text)
    found: list[Detection] = []
    asked: list[tuple[Sentence, str]] = []
    steering: set[int] = set()
    for index, sentence in enumerate(parts):
        leave = permission(sentence, book, parts[index - 1] if index else None)
        if leave is not None:
            steering.add(index)
            found.append(_found(setting, "asks_permission", "words.permission",
                                (_quote(text, sentence, *leave),)))
            continue
        if len(sentence.words) <= 6 and find_all(book.permission.offers, sentence.norms):
            steering.add(index)  # "Only if you want.": part of an offer, not about them
        kind = question_kind(sentence, book, extra)
        if kind is not None and is_filler_question(sentence, book, extra):
            kind = None  # "..., you know?" after talk about yourself asks nothing
        if kind is not None:
            asked.append((sentence, kind))
            found.append(_found(setting, "question", f"words.question.{kind}",
                                (_whole(text, sentence),), kind))
        steer = advice(sentence, book, kind is not None, extra)
        if steer is not None:
            steering.add(index)
            what, start, _end = steer
            found.append(_found(setting, "advice", f"words.{what}",
                                (_to_clause_end(text, sentence, start),), what))
        same = sameness(sentence, book)
        if same is not None:
            found.append(_found(setting, "claims_sameness", "words.sameness",
                                (_quote(text, sentence, *same),)))
    if mode == "share":
        found.extend(_owned(text, parts, setting))
    if parts:
        last = parts[-1]
        kind_of_last = next((k for s, k in asked if s is last), None)
        if kind_of_last is not None and not is_filler_question(last, book, extra):
            found.append(_found(setting, "hands_back", "words.hands-back",
                                (_whole(text, last),)))
    reflective = [s for i, s in enumerate(parts) if i not in steering
                  and not any(s is q for q, _ in asked)]
    for sentence in reflective:
        hit = reflection(sentence, book, extra)
        if hit is not None:
            found.append(_found(setting, "reflects", "words.reflects",
                                (_whole(text, sentence),)))
            break
    if setting.beat is not None:
        found.extend(_beat(text, mode, setting, parts, reflective, found))
    count = sum(1 for w in words(text) if w.norm[:1].isalnum())
    mine = sum(1 for w in words(text) if w.norm in _SELF)
    other = sum(len(find_all(book.focus.other_words, s.norms)) for s in parts)
    share = mine / (mine + other) if mine + other else 0.0
    limit = book.brief_words.get(mode, _DEFAULT_BRIEF[mode])
    if count > limit:
        found.append(_found(setting, "length", "words.length", detail="long", n=count,
                            value=limit))
    if share > 0.6 and mode != "share":
        found.append(_found(setting, "focus", "words.focus.self", detail="self"))
    return Explained(text, mode, tuple(found), count, limit, share, setting.beat_id)


def _owned(text: str, parts: list[Sentence], setting: Setting) -> list[Detection]:
    """A share offered as theirs to take or leave ("that's what worked for me")."""
    for sentence in parts:
        for start, end, _phrase in find_all(setting.book.sharing.owned, sentence.norms):
            return [_found(setting, "owned", "words.owned",
                           (_quote(text, sentence, start, end),))]
    return []


def _beat(text: str, mode: Mode, setting: Setting, parts: list[Sentence],
          reflective: list[Sentence], found: list[Detection]) -> list[Detection]:
    """What only a beat can tell: concerns, what they ask for, readings and words."""
    beat = setting.beat
    assert beat is not None
    book = setting.book
    out: list[Detection] = []
    concerns = {t: [*book.themes.get(t, []), setting.label(t)] for t in beat.concerns}
    hits = named(parts, concerns, book, negatable=False)
    for theme, (sentence, start, end) in hits.items():
        out.append(_found(setting, "concern", "words.concern",
                          (_quote(text, sentence, start, end),), theme, theme=theme))
    if setting.paraphrase and len(hits) < len(beat.concerns) and setting.theme_texts:
        theirs = [s for s in parts if not self_focused(s, book)]
        if theirs:
            span = text[theirs[0].start:theirs[-1].end]
            wanted = set(beat.concerns) - set(hits)
            for theme, score in paraphrase.closest(span, list(setting.theme_texts.items()), wanted):
                hits[theme] = (theirs[0], 0, len(theirs[0].words))
                out.append(_found(
                    setting, "concern", "words.concern.paraphrase",
                    (Evidence.of(text, theirs[0].start, theirs[-1].end),), theme,
                    theme=theme, value=round(score, 2)))
    ask = beat.asks_for.value
    asks = named(parts, {ask: list(book.asks.get(beat.asks_for, []))}, book)
    if ask in asks:
        sentence, start, end = asks[ask]
        out.append(_found(setting, "asks_for", "words.asks-for",
                          (_quote(text, sentence, start, end),), ask, ask=ask))
    has_reflection = any(d.kind == "reflects" for d in found)
    if not has_reflection:
        echo = echoed(parts, reflective, beat.says, book)
        if echo is not None:
            sentence, start, end = echo
            has_reflection = True
            out.append(_found(setting, "reflects", "words.reflects.echo",
                              (_quote(text, sentence, start, end),)))
    if not has_reflection and mode == "reflect" and hits:
        named_in = [s for s in reflective if any(s is h[0] for h in hits.values())]
        if named_in:
            out.append(_found(setting, "reflects", "words.reflects.named",
                              (_whole(text, named_in[0]),)))
    for reading, sentence, start, end in readings(parts, book, setting.judging_readings):
        which = "judging" if reading in setting.judging_readings else "accepting"
        out.append(_found(setting, "reading", f"words.reading.{which}",
                          (_quote(text, sentence, start, end),), reading, reading=reading))
    labels = dict(setting.labels)
    for word, sentence, start, end in words_used(parts, setting.rejects, book, labels):
        out.append(_found(setting, "rejected_word", "words.rejected-word",
                          (_quote(text, sentence, start, end),), word, words=word))
    judging_words = sorted(setting.judging_words - set(setting.rejects))
    for word, sentence, start, end in words_used(parts, judging_words, book, labels):
        out.append(_found(setting, "judging_word", "words.judging-word",
                          (_quote(text, sentence, start, end),), word, words=word))
    return out
