"""Skill-free strategies: how a test-wise trainee would try to pass without the skill.

A pass must mean the trainee can share their story strategically, so a scenario is
checked against players who never do: pick the line that looks best, or the first, or
the longest; reflect and say no more; hold back every time; or share the deck's most
private piece in detail. `peersim walk --strategies` runs them for an author, and the
library test fails if any of them passes a shipped scenario (except one that marks
holding back as the skill, for the strategies that only hold back).

Each strategy sees only what the app shows a trainee (the engine's menu, as the
conversation screen lists it): the lines on offer (in the session's shuffled order),
whether reflecting and sharing are on offer, and the deck.
"Best" reads the author's evidence, which a trainee cannot see: it is the strongest
never-sharing player there is, not a realistic one.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from simulator.engine.engine import ChoiceError, Engine
from simulator.engine.menu import Menu, Offer
from simulator.engine.session import Session
from simulator.model.plan import Detail, Framing, ReflectStep, ShareStep, Step
from simulator.model.scenario import Line
from simulator.scoring.results import SessionResult

MAX_TURNS = 60

Chooser = Callable[[Engine, Session, Menu], Step]


def _weight(engine: Engine, line: Line) -> float:
    """The line's author-rated quality: its weighted mean evidence level."""
    total = weight = 0.0
    for criterion, level in line.evidence.items():
        crit = engine.rubric.criteria.get(criterion)
        if crit is not None:
            total += crit.weight * level
            weight += crit.weight
    return total / weight if weight else 0.0


def _hold() -> Step:
    return Step(share=ShareStep(fragments=[]))


def _perfect_reflection(engine: Engine, session: Session) -> ReflectStep:
    """A reflection naming every concern and the ask, with an accepting reading: the best
    listening there is, so 'reflect and say no more' is tried at its strongest."""
    beat = engine.beat(session)
    assert beat is not None
    reading = None
    if beat.discloses and engine.rubric.acceptance is not None:
        rules = engine.rubric.acceptance
        fitting = [r for r, ways in rules.fits.items() if set(ways) & set(beat.discloses)]
        reading = fitting[0] if fitting else "getting-by"
    return ReflectStep(concerns=sorted(beat.concerns), asks_for=beat.asks_for, reading=reading)


def by_line(pick: Callable[[Engine, tuple[Line, ...]], Line]) -> Chooser:
    """Never share: take a line chosen by ``pick``; where there is none, hold back, or
    reflect and say no more."""
    def choose(engine: Engine, session: Session, menu: Menu) -> Step:
        if menu.lines:
            return Step(line=pick(engine, menu.lines).id)
        if menu.offers(Offer.share):
            return _hold()
        if menu.offers(Offer.reflect):
            return Step(reflect=_perfect_reflection(engine, session))
        raise ChoiceError("nothing on offer")
    return choose


def reflect_only(engine: Engine, session: Session, menu: Menu) -> Step:
    """Reflect well and say no more; where reflecting is not on offer, hold back, else
    take the best line."""
    if menu.offers(Offer.reflect):
        return Step(reflect=_perfect_reflection(engine, session))
    if menu.offers(Offer.share):
        return _hold()
    return by_line(lambda e, lines: max(lines, key=lambda ln: _weight(e, ln)))(
        engine, session, menu)


def hold_back_always(engine: Engine, session: Session, menu: Menu) -> Step:
    """Hold back at every share moment (with the best line elsewhere)."""
    if menu.offers(Offer.share):
        return _hold()
    return by_line(lambda e, lines: max(lines, key=lambda ln: _weight(e, ln)))(
        engine, session, menu)


def private_in_detail(engine: Engine, session: Session, menu: Menu) -> Step:
    """Share the deck's most private piece (private, else the rawest and costliest) in
    detail at every share moment, asked first and handed back, with the best line
    elsewhere: a catastrophic share must not be averaged away."""
    if menu.offers(Offer.share) and menu.options.fragments:
        piece = max(menu.options.fragments,
                    key=lambda f: (f.private, f.intensity + f.self_cost, f.intensity))
        return Step(share=ShareStep(fragments=[piece.id], permission=True, hand_back=True,
                                    detail=Detail.detailed, framing=Framing.offered))
    return by_line(lambda e, lines: max(lines, key=lambda ln: _weight(e, ln)))(
        engine, session, menu)


def any_piece(pick: Callable[[Menu], str]) -> Chooser:
    """Share *a* piece without choosing it for the person (``pick`` over the deck), brief,
    asked first, offered as yours and handed back, at every share moment, with the best
    line elsewhere: the ritual of sharing without its selectivity."""
    def choose(engine: Engine, session: Session, menu: Menu) -> Step:
        if menu.offers(Offer.share) and menu.options.fragments:
            return Step(share=ShareStep(fragments=[pick(menu)], permission=True,
                                        hand_back=True, framing=Framing.offered))
        return by_line(lambda e, lines: max(lines, key=lambda ln: _weight(e, ln)))(
            engine, session, menu)
    return choose


def listened_then(pick: Callable[[Engine, Session, Menu], str]) -> Chooser:
    """Reflect as well as anyone can, then share *a* piece (``pick``) brief, asked first,
    offered as yours and handed back: every tick in the box, and the listening too, but
    the piece not chosen for this person."""
    def choose(engine: Engine, session: Session, menu: Menu) -> Step:
        if menu.offers(Offer.share) and menu.options.fragments:
            heard = _perfect_reflection(engine, session) if menu.offers(Offer.reflect) else None
            return Step(reflect=heard, share=ShareStep(
                fragments=[pick(engine, session, menu)], permission=True,
                hand_back=True, framing=Framing.offered))
        return by_line(lambda e, lines: max(lines, key=lambda ln: _weight(e, ln)))(
            engine, session, menu)
    return choose


def _random_piece(_engine: Engine, session: Session, menu: Menu) -> str:
    """A piece at random, seeded by the session and turn so a run can be replayed."""
    rng = random.Random(f"{session.session_id}:{len(session.transcript)}")
    return rng.choice(menu.options.fragments).id


def _question_line(_engine: Engine, lines: tuple[Line, ...]) -> Line:
    """The first line that ends with a question (a test-wise guess at "hand it back")."""
    return next((ln for ln in lines if ln.text.rstrip().endswith("?")), lines[0])


STRATEGIES: dict[str, Chooser] = {
    "best-line": by_line(lambda e, lines: max(lines, key=lambda ln: _weight(e, ln))),
    "first-line": by_line(lambda _e, lines: lines[0]),
    "file-first-line": by_line(lambda _e, lines: lines[0]),  # replaced below: file order
    "longest-line": by_line(lambda _e, lines: max(lines, key=lambda ln: len(ln.text))),
    "reflect-only": reflect_only,
    "hold-back": hold_back_always,
    "private-in-detail": private_in_detail,
    "first-piece": any_piece(lambda m: m.options.fragments[0].id),
    "gentlest-piece": any_piece(lambda m: min(
        m.options.fragments, key=lambda f: (f.private, f.intensity + f.self_cost)).id),
    "shortest-line": by_line(lambda _e, lines: min(lines, key=lambda ln: len(ln.text))),
    "question-line": by_line(_question_line),
    "listened-first-piece": listened_then(lambda _e, _s, m: m.options.fragments[0].id),
    "listened-random-piece": listened_then(_random_piece),
}
"""Every skill-free strategy, by name."""

#: Strategies that never share: a scenario that marks holding back as the skill may be
#: passed by them, where the hold-back they make is the skilled one.
NEVER_SHARE = frozenset({"best-line", "first-line", "file-first-line", "longest-line",
                         "reflect-only", "hold-back", "shortest-line", "question-line"})


def _file_first(engine: Engine, session: Session, menu: Menu) -> Step:
    """The line the author wrote first (the order the file has, before shuffling)."""
    beat = engine.beat(session)
    offered = {line.id for line in menu.lines}
    if beat is not None:
        for line in beat.lines:
            if line.id in offered:
                return Step(line=line.id)
    return by_line(lambda _e, lines: lines[0])(engine, session, menu)


STRATEGIES["file-first-line"] = _file_first


@dataclass(frozen=True)
class StrategyRun:
    """One strategy played through one scenario."""

    strategy: str
    session: Session
    result: SessionResult

    @property
    def passed(self) -> bool:
        """Whether the strategy passed the scenario."""
        return self.result.passed


def play(engine: Engine, strategy: str, session_id: str | None = None) -> StrategyRun:
    """Play ``strategy`` until an ending, a dead end or :data:`MAX_TURNS`."""
    choose = STRATEGIES[strategy]
    session = engine.start(session_id=session_id or f"strategy-{strategy}")
    for _ in range(MAX_TURNS):
        if engine.beat(session) is None:
            break
        try:
            engine.choose(session, choose(engine, session, engine.menu(session)))
        except ChoiceError:
            break
    return StrategyRun(strategy, session, engine.results(session))


def play_all(engine: Engine) -> list[StrategyRun]:
    """Every strategy through one scenario."""
    return [play(engine, name) for name in STRATEGIES]


__all__ = ["NEVER_SHARE", "STRATEGIES", "StrategyRun", "play", "play_all"]
