"""Built-in measures for a share, computed from fragment tags against the beat.

The formulas follow the selectivity sketch in the research notes: relevance of the
fragments' themes to what the person is concerned with now, one piece at a time,
little raw detail, what helped rather than a war story, care for the teller's own
cost and privacy, asking first, and handing the focus back. Each returns a raw
value and the reason, in words a trainee can act on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from simulator.model.common import HOPEFUL_PHASES, AsksFor, Phase
from simulator.model.deck import Fragment
from simulator.model.plan import Detail, ShareStep
from simulator.model.rubric import Acceptance, ShareMeasure, Timing
from simulator.model.scenario import Beat
from simulator.scoring.types import Measured, Told
from simulator.wording import Message, msg

Labeller = Callable[[str], str]

_DEFAULT_OFFERS: dict[Phase, tuple[AsksFor, ...]] = {
    Phase.before: (AsksFor.validation,),
    Phase.struggle: (AsksFor.validation,),
    Phase.turning_point: (AsksFor.hope, AsksFor.validation),
    Phase.what_helped: (AsksFor.practical, AsksFor.hope),
    Phase.now: (AsksFor.hope,),
}


@dataclass(frozen=True)
class ShareContext:
    """A share, resolved against its beat and deck."""

    beat: Beat
    step: ShareStep
    fragments: Sequence[Fragment]
    label: Labeller
    told: Told = field(default_factory=Told)
    rules: Acceptance | None = None
    timing: Timing = field(default_factory=Timing)

    @property
    def too_soon(self) -> bool:
        """Shared before they invited it (or you asked) and before any listening here."""
        return not (self.told.invited or self.told.asked) and not self.told.listened

    def repeats(self) -> list[Fragment]:
        """Pieces already told earlier in this session."""
        return [f for f in self.fragments if f.id in self.told.shared]

    def hurts_listeners(self) -> list[tuple[str, Fragment]]:
        """(listener's name, piece) for each piece touching what a listener must avoid."""
        return [(who.name, f) for who in self.beat.listeners for f in self.fragments
                if set(f.themes) & set(who.avoid)]

    @property
    def asked(self) -> bool:
        """True when permission was asked: ticked with the share, or by the line before."""
        return self.step.permission or self.told.asked

    @property
    def detailed(self) -> bool:
        """True when the trainee chose to go into detail."""
        return self.step.detail is Detail.detailed

    def raised(self) -> set[str]:
        """What the person raised: their concerns, and what their question is about."""
        return set(self.beat.concerns) | set(self.beat.asks_about)

    def answers(self) -> set[str]:
        """Themes that answer what matters most: the heaviest concern(s) and the question."""
        top = max(self.beat.concerns.values())
        return {t for t, w in self.beat.concerns.items() if w >= top} | set(self.beat.asks_about)

    def reach(self, fragment: Fragment) -> float:
        """1 when the piece touches the heaviest concern or what they asked about; else
        the weight of the concerns it touches, as a share of the heaviest one's."""
        if set(fragment.themes) & self.answers():
            return 1.0
        top = max(self.beat.concerns.values())
        return min(1.0, sum(self.beat.concerns.get(t, 0.0) for t in fragment.themes) / top)

    def precision(self, fragment: Fragment) -> float:
        """The share of the piece's themes that the person raised."""
        raised = self.raised()
        return sum(1 for t in fragment.themes if t in raised) / len(fragment.themes)

    def relevance(self, fragment: Fragment) -> float:
        """How well the piece fits: its reach, diluted by themes they did not raise once
        fewer than two in three of its themes are theirs (``reach x min(1, 1.5 x precision)``)."""
        return self.reach(fragment) * min(1.0, 1.5 * self.precision(fragment))

    def mean_relevance(self) -> float:
        """Average fit of the shared fragments."""
        return sum(self.relevance(f) for f in self.fragments) / len(self.fragments)

    def intensity(self) -> int:
        """Highest level of detail shared; going into detail adds one."""
        bump = 1 if self.detailed else 0
        return min(3, max(f.intensity for f in self.fragments) + bump)

    def top_concern(self) -> str:
        """The theme the person is most concerned with."""
        return max(self.beat.concerns.items(), key=lambda kv: kv[1])[0]


def offers(fragment: Fragment) -> tuple[AsksFor, ...]:
    """What a fragment can give a listener: its own tag, else what its phase suggests."""
    return tuple(fragment.offers) or _DEFAULT_OFFERS[fragment.phase]


def _ids(fragments: Sequence[Fragment]) -> tuple[str, ...]:
    """The pieces by id: a reason never holds their titles (see simulator/wording)."""
    return tuple(f.id for f in fragments)


def selectivity(ctx: ShareContext) -> Measured:
    """Did you pick the one piece that pertains to this person, now, at the right size?"""
    n = len(ctx.fragments)
    raised = ctx.raised()
    on = [f for f in ctx.fragments if set(f.themes) & raised]
    off = [f for f in ctx.fragments if not set(f.themes) & raised]
    raw = 3 * ctx.mean_relevance()
    top = ctx.top_concern()
    why: list[Message] = []
    todo: list[Message] = []
    full = [f for f in on if ctx.reach(f) >= 1.0]
    if full:
        themes = sorted({t for f in full for t in f.themes if t in raised})
        why.append(msg("share.selectivity.fits", pieces=_ids(full), themes=themes))
    part = [f for f in on if ctx.reach(f) < 1.0]
    if part:
        themes = sorted({t for f in part for t in f.themes if t in raised})
        why.append(msg("share.selectivity.part", pieces=_ids(part), themes=themes, theme=top))
        todo.append(msg("advice.selectivity.heaviest", theme=top))
    diluted = [f for f in on if ctx.precision(f) < 2 / 3]
    if diluted:
        extra = sorted({t for f in diluted for t in f.themes if t not in raised})
        why.append(msg("share.selectivity.diluted", pieces=_ids(diluted), themes=extra))
        todo.append(msg("advice.selectivity.focused"))
    if off:
        why.append(msg("share.selectivity.off", pieces=_ids(off), theme=top))
        todo.append(msg("advice.selectivity.find-one", theme=top))
    if n > 1:
        raw -= 0.5 * (n - 1)
        why.append(msg("share.selectivity.many", n=n))
        todo.append(msg("advice.selectivity.one-at-a-time"))
    excess = max(0, ctx.intensity() - 1)
    if excess:
        raw -= excess
        why.append(msg("share.selectivity.detail"))
        todo.append(msg("advice.detail.brief"))
    avoid = [f for f in ctx.fragments if set(f.avoid_with) & set(ctx.beat.concerns)]
    if avoid:
        raw -= 1
        why.append(msg("share.selectivity.avoid", pieces=_ids(avoid), theme=top))
        todo.append(msg("advice.selectivity.avoid", pieces=_ids(avoid), theme=top))
    if all(f.phase in (Phase.before, Phase.struggle) for f in ctx.fragments):
        raw -= 0.5
        why.append(msg("share.selectivity.backstory"))
        todo.append(msg("advice.selectivity.what-helped"))
    kinds: set[str] = set()
    again = ctx.repeats()
    if again:
        raw -= ctx.timing.repeat * len(again)
        why.append(msg("share.selectivity.repeat", pieces=_ids(again)))
        todo.append(msg("advice.selectivity.new"))
        if len(again) == n:
            kinds.add("repeat")
    if ctx.too_soon:
        raw -= ctx.timing.too_soon
        why.append(msg("share.timing.too-soon"))
        todo.append(msg("advice.timing.listen-first"))
        kinds.add("too-soon")
    if off and not on:
        kinds.add("off-topic")
    if n >= 3 or ctx.intensity() >= 2:
        kinds.add("too-much")
    return Measured(raw, why, todo, kinds=frozenset(kinds),
                    cap="partial" if (again or ctx.too_soon) else None)


def focus(ctx: ShareContext) -> Measured:
    """Does the share answer "how can you help me?", and come back to them?"""
    raw = 3.0
    why: list[Message] = []
    todo: list[Message] = []
    ask = ctx.beat.asks_for
    given = {o for f in ctx.fragments for o in offers(f)}
    if ask in given:
        why.append(msg("share.focus.offers", ask=ask.value))
    else:
        raw -= 1
        why.append(msg("share.focus.offers-other", ask=ask.value,
                       asks=sorted(o.value for o in given)))
        todo.append(msg("advice.focus.answer-ask", ask=ask.value))
    if ctx.mean_relevance() < 0.34:
        raw -= 1
        why.append(msg("share.focus.unconnected", theme=ctx.top_concern()))
        todo.append(msg("advice.focus.connect", theme=ctx.top_concern()))
    if len(ctx.fragments) >= 3:
        raw -= 1
        why.append(msg("share.focus.crowded"))
        todo.append(msg("advice.focus.room"))
    if ctx.step.hand_back:
        why.append(msg("share.focus.handed-back"))
    else:
        raw -= 1
        why.append(msg("share.focus.kept"))
        todo.append(msg("advice.hand-back"))
    if ctx.too_soon:
        raw -= ctx.timing.too_soon
        why.append(msg("share.focus.too-soon"))
    elif not ctx.told.listened:
        raw -= ctx.timing.unlistened
        why.append(msg("share.focus.unlistened"))
        todo.append(msg("advice.timing.reflect-first"))
    elif ctx.told.listened and ctx.beat.reflect is not None:
        why.append(msg("share.focus.listened"))
    return Measured(raw, why, todo)


def hope(ctx: ShareContext) -> Measured:
    """Is it a wellness story (what helped) rather than an illness or war story?"""
    hopeful = [f for f in ctx.fragments if f.phase in HOPEFUL_PHASES]
    if hopeful and ctx.fragments[-1].phase in HOPEFUL_PHASES:
        return Measured(3.0, [msg("share.hope.ends-well", pieces=_ids(hopeful))])
    if hopeful:
        return Measured(2.0, [msg("share.hope.ends-hard")], [msg("advice.hope.end-on-help")])
    if ctx.intensity() <= 1:
        return Measured(1.0, [msg("share.hope.none")], [msg("advice.hope.turning-point")])
    return Measured(0.0, [msg("share.hope.war-story")], [msg("advice.hope.shift")])


def _told_raw(ctx: ShareContext) -> bool:
    """A private piece, or a raw or costly piece told in detail (to them or to someone
    else present who must not hear it)."""
    if any(f.private for f in ctx.fragments):
        return True
    if not ctx.detailed:
        return False
    return any(f.intensity >= 2 or f.self_cost >= 2 for f in ctx.fragments) \
        or bool(ctx.hurts_listeners())


def _left(ctx: ShareContext) -> float:
    """What is safe about a share that is not told raw: 3, less 2 for each listener it
    hurts, the detail past brief, and the cost to you past 1."""
    cost = max(f.self_cost for f in ctx.fragments)
    return 3.0 - 2 * len(ctx.hurts_listeners()) - max(0, ctx.intensity() - 1) \
        - (cost - 1 if cost >= 2 else 0)


def harmful(ctx: ShareContext) -> bool:
    """A critical action that fails the session: a share told raw (see above), or one
    that leaves nothing safe about it (two people in the room hurt; raw and costly at
    once, even briefly)."""
    return _told_raw(ctx) or _left(ctx) <= 0


def harm(ctx: ShareContext) -> Measured:
    """Is it safe for them (and anyone else present) to hear, and for you to tell?"""
    private = [f for f in ctx.fragments if f.private]
    if private:
        return Measured(0.0, [msg("share.harm.private", pieces=_ids(private))],
                        [msg("advice.harm.private")], cap="weak", kinds=frozenset({"too-much"}))
    why: list[Message] = []
    todo: list[Message] = []
    for name, piece in ctx.hurts_listeners():
        why.append(msg("share.harm.listener", pieces=(piece.id,), name=name))
        todo.append(msg("advice.harm.room"))
    if _told_raw(ctx):
        why.append(msg("share.harm.detail-costly"))
        todo.append(msg("advice.detail.brief"))
        return Measured(0.0, why, todo, cap="weak", kinds=frozenset({"too-much"}))
    if ctx.intensity() > 1:
        why.append(msg("share.harm.detail"))
        todo.append(msg("advice.detail.brief"))
    if max(f.self_cost for f in ctx.fragments) >= 2:
        why.append(msg("share.harm.cost"))
        todo.append(msg("advice.harm.cost"))
    if not why:  # the words follow the choice: detail chosen is never called brief
        why.append(msg("share.harm.safe-detail" if ctx.detailed else "share.harm.safe"))
    return Measured(_left(ctx), why, todo)


def mutuality(ctx: ShareContext) -> Measured:
    """Did you ask first and leave them in charge of where it goes?"""
    raw = 1.0
    why: list[Message] = []
    todo: list[Message] = []
    if ctx.step.permission:
        raw += 1
        why.append(msg("share.mutuality.asked"))
    elif ctx.told.asked:
        raw += 1
        why.append(msg("share.mutuality.asked-by-line"))
    else:
        why.append(msg("share.mutuality.not-asked"))
        todo.append(msg("advice.ask-first"))
    if ctx.step.hand_back:
        raw += 1
        why.append(msg("share.mutuality.checked"))
    else:
        why.append(msg("share.mutuality.not-checked"))
        todo.append(msg("advice.ask-after"))
    return Measured(raw, why, todo)


SHARE_MEASURES: dict[ShareMeasure, Callable[[ShareContext], Measured]] = {
    ShareMeasure.selectivity: selectivity,
    ShareMeasure.focus: focus,
    ShareMeasure.hope: hope,
    ShareMeasure.harm: harm,
    ShareMeasure.mutuality: mutuality,
}
