"""Radical acceptance on shares and reflections, read from tags like every other measure.

"You can't hold it against them because that's the way they survived" (Mancini 2019):
a share can sound like a verdict on how the person gets by, and a reflection can read
survival as manipulation. Both are read mechanically from data an author (or a
trainee, for their own deck) tags, never from the words:

- what the person **disclosed** about how they get by (beats' ``discloses``, kept for
  the rest of the session) and the **words they reject** (the persona's ``rejects``);
- which disclosed ways a piece would sound like a **verdict** on (``judges``) and which
  **labels** it uses (``labels``), and in a typed share the words the detectors found
  (a word they reject, a judging word), which count like labels;
- the **framing** the trainee chose for a share, and the **reading** they gave in a
  reflection.

A share or reflection starts at 3 and loses the rubric's deductions
(``acceptance.deductions``); a judging reading scores 0. Acceptance bites: a share
that sounds like a verdict, uses a word they reject or a judging word, claims
sameness or draws a lesson scores at most 1 and cannot be judged strong, however it
is framed; a judging reading makes the reflection weak; a reflection that gives no
reading, or an accepting reading that does not fit what they disclosed, cannot be
strong. A share that judges a way they disclosed, or uses a word they reject, also
trips the rubric's acceptance gate (``judging-share``): like a harmful share, it fails
the session however well the rest went.
"""

from __future__ import annotations

from simulator.model.common import AsksFor
from simulator.model.plan import Framing, Typed
from simulator.model.rubric import Acceptance
from simulator.scoring.measures_reflect import ReflectContext
from simulator.scoring.measures_share import ShareContext, offers
from simulator.scoring.types import Measured
from simulator.wording import Message, msg

_ASKS_FOR_ANSWERS = (AsksFor.hope, AsksFor.practical)
_TYPED_WORDS = frozenset({"rejected_word", "judging_word"})
JUDGES_THEM = "judges-them"  # a kind of share (beside the reaction kinds): see _ON_THEM
# findings that judge the person (the share cannot be strong, and scores at most 1)
_JUDGING = frozenset({"share.acceptance.judges", "share.acceptance.judges-offered",
                      "share.acceptance.rejected-word", "share.acceptance.judging-word",
                      "share.acceptance.sameness", "share.acceptance.lesson"})
# findings the person hears as a verdict on them (they answer it as one)
_VERDICT = _JUDGING - {"share.acceptance.sameness"}
# verdicts on what they disclosed, or in a word they reject for themselves: a critical
# action (the rubric's acceptance gate), not a deduction to be averaged away
_ON_THEM = frozenset({"share.acceptance.judges", "share.acceptance.judges-offered",
                      "share.acceptance.rejected-word"})


def typed_words(typed: Typed | None) -> set[str]:
    """The words a typed turn used that acceptance reads: those the detectors found as a
    word the person rejects or a judging word (``rejected_word:ID``, ``judging_word:ID``).
    Why: typed words count like a picked piece's labels (issue 19); which of them the
    person rejects, or the rubric counts as judging, is decided here as for labels."""
    if typed is None:
        return set()
    return {key.split(":", 1)[1] for key in typed.found
            if ":" in key and key.split(":", 1)[0] in _TYPED_WORDS}


def _words(used: set[str], rejects: frozenset[str], rules: Acceptance,
           why: list[Message], todo: list[Message]) -> float:
    """What the words used cost (a word they reject, a judging word), with the reasons
    and advice added to ``why`` and ``todo``."""
    cut = rules.deductions
    rejected = sorted(w for w in used if w in rejects)
    cost = 0.0
    if rejected:
        cost += cut.rejected_word * len(rejected)
        why.append(msg("share.acceptance.rejected-word", words=rejected))
        todo.append(msg("advice.acceptance.their-words", words=rejected))
    judging = sorted(w for w in used if w in rules.judging_words and w not in rejected)
    if judging:
        cost += cut.judging_word * len(judging)
        why.append(msg("share.acceptance.judging-word", words=judging))
        todo.append(msg("advice.acceptance.no-labels", words=judging))
    return cost


def line_acceptance(rules: Acceptance | None, typed: Typed | None,
                    rejects: frozenset[str]) -> Measured | None:
    """A typed line's words, read like a share's (issue 19): a word they reject or a
    judging word scores at most 1, and a word they reject is a verdict on them (the
    acceptance gate). None when the line uses neither: the authored line's evidence
    stands."""
    if rules is None:
        return None
    why: list[Message] = []
    todo: list[Message] = []
    cost = _words(typed_words(typed), rejects, rules, why, todo)
    if not why:
        return None
    kinds = frozenset({JUDGES_THEM}) if any(m.id in _ON_THEM for m in why) else frozenset()
    return Measured(max(0.0, min(3.0 - cost, 1.0)), why, todo, cap="partial", kinds=kinds)


def share_acceptance(ctx: ShareContext) -> Measured | None:
    """Does anything in the share, or the way it is put, pass judgement on them?"""
    rules = ctx.rules
    if rules is None:
        return None
    cut = rules.deductions
    offered = ctx.step.framing is Framing.offered
    raw = 3.0
    why: list[Message] = []
    todo: list[Message] = []
    disclosed = ctx.told.disclosed
    for piece in ctx.fragments:
        ways = [w for w in piece.judges if w in disclosed]
        if not ways:
            continue
        if offered:
            raw -= cut.judges_way_offered
            why.append(msg("share.acceptance.judges-offered", pieces=(piece.id,), ways=ways))
        else:
            raw -= cut.judges_way
            why.append(msg("share.acceptance.judges", pieces=(piece.id,), ways=ways))
        todo.append(msg("advice.acceptance.verdict", pieces=(piece.id,), ways=ways))
    used = {w for piece in ctx.fragments for w in piece.labels} | typed_words(ctx.step.typed)
    raw -= _words(used, ctx.told.rejects, rules, why, todo)
    if ctx.step.framing is Framing.sameness:
        raw -= cut.claimed_sameness
        why.append(msg("share.acceptance.sameness"))
        todo.append(msg("advice.acceptance.sameness"))
    if ctx.step.framing is Framing.lesson:
        raw -= cut.lesson
        why.append(msg("share.acceptance.lesson"))
        todo.append(msg("advice.acceptance.lesson"))
    ask = ctx.beat.asks_for
    answers = ask in _ASKS_FOR_ANSWERS and any(ask in offers(f) for f in ctx.fragments)
    if answers and not offered:
        raw -= cut.unowned_answer
        why.append(msg("share.acceptance.unowned", ask=ask.value))
        todo.append(msg("advice.acceptance.offer-as-yours"))
    if not why:
        if disclosed:
            why.append(msg("share.acceptance.respects", ways=sorted(disclosed)))
        else:
            why.append(msg("share.acceptance.accepting"))
    if offered:
        why.append(msg("share.acceptance.offered"))
    judged = any(m.id in _JUDGING for m in why)
    if judged:  # acceptance is not averaged away: a verdict is a verdict, however put
        raw = min(raw, 1.0)
    kinds = frozenset({"verdict"}) if any(m.id in _VERDICT for m in why) else frozenset()
    if any(m.id in _ON_THEM for m in why):
        kinds |= {JUDGES_THEM}
    return Measured(raw, why, todo, cap="partial" if judged else None, kinds=kinds)


def reflect_acceptance(ctx: ReflectContext) -> Measured | None:
    """At a beat where they disclosed how they get by: how did you read it?"""
    rules = ctx.rules
    ways = list(ctx.beat.discloses)
    if rules is None or not ways:
        return None
    reading = ctx.step.reading
    if reading is None:
        return Measured(3.0 - rules.deductions.no_reading,
                        [msg("reflect.acceptance.no-reading", ways=ways)],
                        [msg("advice.acceptance.name-reading", ways=ways)], cap="partial")
    if reading in rules.judging_readings:
        return Measured(0.0, [msg("reflect.acceptance.judging", ways=ways, reading=reading)],
                        [msg("advice.acceptance.read-as-getting-by", ways=ways)], cap="weak")
    fitting = rules.fits.get(reading)
    if fitting is not None and not set(fitting) & set(ways):
        return Measured(3.0 - rules.deductions.unfitting_reading,
                        [msg("reflect.acceptance.unfitting", ways=ways, reading=reading)],
                        [msg("advice.acceptance.fitting-reading", ways=ways)], cap="partial")
    return Measured(3.0, [msg("reflect.acceptance.accepting", ways=ways, reading=reading)])
