"""Score one choice against the rubric: authored evidence, or built-in measures."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

from simulator.model.deck import Fragment
from simulator.model.plan import ReflectStep, ShareStep, Typed
from simulator.model.rubric import GateEvent, ReflectMeasure, Rubric, ShareMeasure, TurnKind
from simulator.model.scenario import Beat, Line, SafetyResponse
from simulator.scoring.measures_acceptance import (
    JUDGES_THEM,
    line_acceptance,
    reflect_acceptance,
    share_acceptance,
)
from simulator.scoring.measures_reflect import REFLECT_MEASURES, ReflectContext
from simulator.scoring.measures_share import SHARE_MEASURES, ShareContext, harmful
from simulator.scoring.types import CriterionScore, Measured, Told, TurnScore, scored
from simulator.wording import Message, msg

Labeller = Callable[[str], str]
NOTHING_TOLD = Told()

#: Every built-in measure, keyed by the enum the rubric names it with: a criterion's
#: measure is looked up by its enum member, so a member with no function (or a function
#: under a name no rubric can give) fails tests/test_measures.py, not a trainee's turn.
SHARE: Mapping[ShareMeasure, Callable[[ShareContext], Measured | None]] = MappingProxyType({
    **SHARE_MEASURES, ShareMeasure.acceptance: share_acceptance})
REFLECT: Mapping[ReflectMeasure, Callable[[ReflectContext], Measured | None]] = \
    MappingProxyType({**REFLECT_MEASURES, ReflectMeasure.acceptance: reflect_acceptance})


def band(rubric: Rubric, scores: Sequence[CriterionScore]) -> tuple[str, float]:
    """Weighted mean level of the scores, and the band (strong/partial/weak) it falls in."""
    total = weight = 0.0
    for score in scores:
        w = rubric.criteria[score.criterion].weight
        total += w * score.level
        weight += w
    mean = total / weight if weight else 0.0
    if mean >= rubric.bands.strong:
        return "strong", mean
    if mean >= rubric.bands.partial:
        return "partial", mean
    return "weak", mean


def _authored(rubric: Rubric, evidence: Mapping[str, int], feedback: str,
              kind: TurnKind) -> list[CriterionScore]:
    """The author's levels, with their feedback as the reason (and as the coaching:
    no generic advice is added to what the author wrote for this moment)."""
    reason = msg("authored", text=feedback)
    return [
        CriterionScore(crit, level, float(level), reason, "author")
        for crit, level in evidence.items()
        if crit in rubric.criteria and kind in rubric.criteria[crit].applies_to
    ]


_ORDER = ("weak", "partial", "strong")
# what the person hears first, when a share is more than one kind (ShareKind)
_KIND_ORDER = ("verdict", "too-much", "off-topic", "repeat", "too-soon")


def capped(label: str, caps: Sequence[str | None]) -> str:
    """The band, lowered to the strictest cap a measure set (a judging reading makes a
    reflection weak; a verdict keeps a share from being strong)."""
    rank = min([_ORDER.index(label), *(_ORDER.index(c) for c in caps if c is not None)])
    return _ORDER[rank]


def _finish(rubric: Rubric, scores: list[CriterionScore], events: list[str],
            notes: list[Message], kind: str, caps: Sequence[str | None] = (),
            kinds: frozenset[str] = frozenset(), skill: bool = False) -> TurnScore:
    label, mean = band(rubric, scores)
    label = capped(label, caps)
    if events:
        label = "weak"
    share_kind = ""
    if kind == "share":
        share_kind = next((k for k in _KIND_ORDER if k in kinds), "fits")
    return TurnScore(tuple(scores), label, round(mean, 4), tuple(events), tuple(notes), kind,
                     share_kind, skill)


def score_line(rubric: Rubric, beat: Beat, line: Line, typed: Typed | None = None,
               told: Told = NOTHING_TOLD) -> TurnScore:
    """An authored line is scored from the author's evidence, with their feedback as reason.
    A line ``typed`` in the trainee's own words and taken as ``line`` is also read for
    the words it used: a word the person rejects or a judging word lowers acceptance as
    on a share (the lower of the two levels stands), and a rejected word trips the gate."""
    scores = _authored(rubric, line.evidence, line.feedback, TurnKind.line)
    events: list[str] = []
    notes: list[Message] = []
    caps: list[str | None] = []
    words = line_acceptance(rubric.acceptance, typed, told.rejects)
    crit = next((c for c, k in rubric.criteria.items() if TurnKind.line in k.applies_to
                 and k.measures.share is not None and k.measures.share.value == "acceptance"),
                None)
    if words is not None and crit is not None:
        mine = scored(crit, words, "acceptance")
        authored = next((s for s in scores if s.criterion == crit), None)
        if authored is None or mine.level <= authored.level:
            scores = [s for s in scores if s.criterion != crit] + [mine]
        caps.append(words.cap)
        if JUDGES_THEM in words.kinds:
            events.append(GateEvent.judging_share.value)
            notes.append(msg("acceptance.critical-words"))
    if beat.safety is not None:
        if line.safety is SafetyResponse.minimises:
            events.append(GateEvent.risk_minimised.value)
        elif line.safety is not SafetyResponse.addresses:
            events.append(GateEvent.risk_ignored.value)
        if events:
            notes.append(msg("safety.risk-first"))
    return _finish(rubric, scores, events, notes, "line", caps, skill=line.holds_back)


def score_reflect(rubric: Rubric, beat: Beat, step: ReflectStep, label: Labeller,
                  told: Told = NOTHING_TOLD) -> TurnScore:
    """A reflection is scored on the measures the rubric names for reflect turns (a
    measure that does not apply at this beat, such as acceptance where nothing was
    disclosed, gives no score)."""
    ctx = ReflectContext(beat, step, label, told, rubric.acceptance)
    scores: list[CriterionScore] = []
    caps: list[str | None] = []
    for crit_id, criterion in rubric.criteria.items():
        measure = criterion.measures.reflect
        if TurnKind.reflect not in criterion.applies_to or measure is None:
            continue
        found = REFLECT[measure](ctx)
        if found is not None:
            scores.append(scored(crit_id, found, measure.value))
            caps.append(found.cap)
    events: list[str] = []
    notes: list[Message] = []
    if beat.safety is not None and not set(step.concerns) & set(beat.safety.notice):
        events.append(GateEvent.risk_ignored.value)
        notes.append(msg("safety.reflect-missed"))
    return _finish(rubric, scores, events, notes, "reflect", caps)


def score_share(rubric: Rubric, beat: Beat, step: ShareStep, fragments: Sequence[Fragment],
                label: Labeller, told: Told = NOTHING_TOLD) -> TurnScore:
    """A share is scored from its fragments' tags; holding back from the author's evidence."""
    events: list[str] = []
    notes: list[Message] = []
    caps: list[str | None] = []
    kinds: set[str] = set()
    hold = beat.share.hold_back if beat.share is not None else None
    if not fragments:
        scores = _authored(rubric, hold.evidence, hold.feedback, TurnKind.share) if hold else []
    else:
        ctx = ShareContext(beat, step, fragments, label, told, rubric.acceptance, rubric.timing)
        scores = []
        for crit_id, criterion in rubric.criteria.items():
            measure = criterion.measures.share
            if TurnKind.share not in criterion.applies_to or measure is None:
                continue
            found = SHARE[measure](ctx)
            if found is not None:
                scores.append(scored(crit_id, found, measure.value))
                caps.append(found.cap)
                kinds |= found.kinds
        if harmful(ctx):
            events.append(GateEvent.harmful_share.value)
            notes.append(msg("harm.critical"))
        if JUDGES_THEM in kinds:
            events.append(GateEvent.judging_share.value)
            notes.append(msg("acceptance.critical"))
            kinds.discard(JUDGES_THEM)
    if beat.safety is not None:
        events.append(GateEvent.risk_ignored.value)
        notes.append(msg("safety.risk-first"))
    skill = not fragments and hold is not None and hold.skill
    return _finish(rubric, scores, events, notes, "share" if fragments else "hold-back",
                   caps, frozenset(kinds), skill)
