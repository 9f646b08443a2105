"""Built-in measures for a share, computed from fragment tags against the beat.

The formulas follow the selectivity sketch in the research notes: relevance of the
fragments' themes to what the person is concerned with now, one piece at a time,
little raw detail, what helped rather than a war story, care for the teller's own
cost and privacy, asking first, and handing the focus back. Each returns a raw
value and the reason, in words a trainee can act on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.model.common import HOPEFUL_PHASES, AsksFor, Phase
from simulator.model.deck import Fragment
from simulator.model.plan import Detail, ShareStep
from simulator.model.scenario import Beat
from simulator.scoring.reasons import ref

Labeller = Callable[[str], str]

_DEFAULT_OFFERS: dict[Phase, tuple[AsksFor, ...]] = {
    Phase.before: (AsksFor.validation,),
    Phase.struggle: (AsksFor.validation,),
    Phase.turning_point: (AsksFor.hope, AsksFor.validation),
    Phase.what_helped: (AsksFor.practical, AsksFor.hope),
    Phase.now: (AsksFor.hope,),
}
_ASK_WORDS = {
    AsksFor.validation: "to be heard and believed",
    AsksFor.hope: "hope",
    AsksFor.practical: "practical help",
    AsksFor.information: "information",
}


@dataclass(frozen=True)
class ShareContext:
    """A share, resolved against its beat and deck."""

    beat: Beat
    step: ShareStep
    fragments: Sequence[Fragment]
    label: Labeller

    @property
    def detailed(self) -> bool:
        """True when the trainee chose to go into detail."""
        return self.step.detail is Detail.detailed

    def relevance(self, fragment: Fragment) -> float:
        """Sum of the beat's concern weights over the fragment's themes, at most 1."""
        return min(1.0, sum(self.beat.concerns.get(t, 0.0) for t in fragment.themes))

    def mean_relevance(self) -> float:
        """Average relevance of the shared fragments."""
        return sum(self.relevance(f) for f in self.fragments) / len(self.fragments)

    def intensity(self) -> int:
        """Highest level of detail shared; going into detail adds one."""
        bump = 1 if self.detailed else 0
        return min(3, max(f.intensity for f in self.fragments) + bump)

    def top_concern(self) -> str:
        """The label of what the person is most concerned with."""
        theme = max(self.beat.concerns.items(), key=lambda kv: kv[1])[0]
        return self.label(theme)


def offers(fragment: Fragment) -> tuple[AsksFor, ...]:
    """What a fragment can give a listener: its own tag, else what its phase suggests."""
    return tuple(fragment.offers) or _DEFAULT_OFFERS[fragment.phase]


def _names(ctx: ShareContext, fragments: Sequence[Fragment]) -> str:
    """A reference to the fragments, never their titles (see scoring/reasons.py)."""
    return ref(f.id for f in fragments)


def selectivity(ctx: ShareContext) -> tuple[float, str]:
    """Did you pick the one piece that pertains to this person, now, at the right size?"""
    n = len(ctx.fragments)
    relevant = [f for f in ctx.fragments if ctx.relevance(f) >= 0.3]
    off = [f for f in ctx.fragments if ctx.relevance(f) < 0.3]
    raw = 3 * ctx.mean_relevance()
    parts: list[str] = []
    if relevant:
        concerns = ctx.beat.concerns
        themes = sorted({ctx.label(t) for f in relevant for t in f.themes if t in concerns})
        parts.append(f"{_names(ctx, relevant)} speaks to what they are dealing with"
                     f" ({', '.join(themes)}).")
    if off:
        parts.append(f"{_names(ctx, off)} is about something else, but they are talking about"
                     f" {ctx.top_concern()}.")
    if n > 1:
        raw -= 0.5 * (n - 1)
        parts.append(f"You shared {n} pieces at once; one at a time leaves room for them.")
    excess = max(0, ctx.intensity() - 1)
    if excess:
        raw -= excess
        parts.append("It went into more detail than the moment needed.")
    avoid = [f for f in ctx.fragments if set(f.avoid_with) & set(ctx.beat.concerns)]
    if avoid:
        raw -= 1
        parts.append(f"{_names(ctx, avoid)} is a poor fit while they are dealing with"
                     f" {ctx.top_concern()}.")
    if all(f.phase in (Phase.before, Phase.struggle) for f in ctx.fragments):
        raw -= 0.5
        parts.append("It tells how things were, not what helped.")
    return raw, " ".join(parts)


def focus(ctx: ShareContext) -> tuple[float, str]:
    """Does the share answer "how can you help me?", and come back to them?"""
    raw = 3.0
    parts: list[str] = []
    ask = ctx.beat.asks_for
    given = {o for f in ctx.fragments for o in offers(f)}
    if ask in given:
        parts.append(f"They wanted {_ASK_WORDS[ask]}, and your share offers that.")
    else:
        raw -= 1
        kinds = ", ".join(sorted(_ASK_WORDS[o] for o in given))
        parts.append(f"They wanted {_ASK_WORDS[ask]}; your share offers {kinds}.")
    if ctx.mean_relevance() < 0.34:
        raw -= 1
        parts.append(f"It does not connect to {ctx.top_concern()}, which is on their mind.")
    if len(ctx.fragments) >= 3:
        raw -= 1
        parts.append("Several stories crowd out theirs.")
    if ctx.step.hand_back:
        parts.append("You handed the conversation back to them.")
    else:
        raw -= 1
        parts.append("The focus stayed on your story; hand it back with a question.")
    return raw, " ".join(parts)


def hope(ctx: ShareContext) -> tuple[float, str]:
    """Is it a wellness story (what helped) rather than an illness or war story?"""
    hopeful = [f for f in ctx.fragments if f.phase in HOPEFUL_PHASES]
    if hopeful and ctx.fragments[-1].phase in HOPEFUL_PHASES:
        return 3.0, f"{_names(ctx, hopeful)} shows a way forward, and you ended on it."
    if hopeful:
        return 2.0, "There is hope in it, but you ended on the hard part; end on what helped."
    if ctx.intensity() <= 1:
        return 1.0, "It tells how hard things were without showing what helped."
    return 0.0, "A detailed story of the worst times can leave them with less hope, not more."


def harm(ctx: ShareContext) -> tuple[float, str]:
    """Is it safe for them to hear and for you to tell?"""
    private = [f for f in ctx.fragments if f.private]
    if private:
        return 0.0, (f"{_names(ctx, private)} is marked private in your deck. Keeping some things"
                     " for yourself is self-care, not secrecy.")
    raw = 3.0
    parts: list[str] = []
    excess = max(0, ctx.intensity() - 1)
    if excess:
        raw -= excess
        parts.append("The level of detail could be hard for them to hear.")
    cost = max(f.self_cost for f in ctx.fragments)
    if cost >= 2:
        raw -= cost - 1
        parts.append("Telling it costs you a lot; check that you are sharing for them, not to"
                     " unburden yourself.")
    if not parts:
        parts.append("Brief, processed and safe for both of you.")
    return raw, " ".join(parts)


def mutuality(ctx: ShareContext) -> tuple[float, str]:
    """Did you ask first and leave them in charge of where it goes?"""
    raw = 1.0
    parts: list[str] = []
    if ctx.step.permission:
        raw += 1
        parts.append("You asked before sharing.")
    else:
        parts.append("You did not ask whether they wanted to hear it.")
    if ctx.step.hand_back:
        raw += 1
        parts.append("You asked what fits for them.")
    else:
        parts.append("You did not ask what, if anything, fits for them.")
    return raw, " ".join(parts)


SHARE_MEASURES: dict[str, Callable[[ShareContext], tuple[float, str]]] = {
    "selectivity": selectivity,
    "focus": focus,
    "hope": hope,
    "harm": harm,
    "mutuality": mutuality,
}
