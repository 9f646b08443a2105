"""Seeded random play-throughs: does a scenario reach everything, and tell good from poor?

A trainer runs this to see beats never reached and the spread of session scores
against the pass mark; the same seed always gives the same walks.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.engine.engine import ChoiceError, Engine
from simulator.engine.menu import Item, Menu, Offer
from simulator.engine.session import Session
from simulator.model.common import AsksFor
from simulator.model.plan import Detail, Framing, ReflectStep, ShareStep, Step

MAX_TURNS = 200


@dataclass
class WalkReport:
    """What many random walks reached and scored."""

    runs: int
    seed: int
    beats: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    unreached_beats: list[str] = field(default_factory=list)
    unreached_endings: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    passed: int = 0
    gated: int = 0
    stuck: int = 0
    pass_mark: float = 0.0
    failed_good: int = 0  # failed sessions that still reached a good ending
    passed_unshared: int = 0  # passed without sharing (only where holding back is the skill)
    passed_badly: int = 0  # passed at an ending marked as going badly (never, by the rules)

    def spread(self) -> dict[str, float]:
        """Minimum, median and maximum overall score."""
        if not self.scores:
            return {"min": 0.0, "median": 0.0, "max": 0.0}
        return {"min": min(self.scores), "median": statistics.median(self.scores),
                "max": max(self.scores)}

    def straddles(self) -> bool:
        """True when some walks fall below the pass mark and some reach it."""
        return any(s < self.pass_mark for s in self.scores) and \
            any(s >= self.pass_mark for s in self.scores)

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "runs": self.runs, "seed": self.seed, "beats": dict(self.beats),
            "endings": dict(self.endings), "unreached_beats": self.unreached_beats,
            "unreached_endings": self.unreached_endings, "spread": self.spread(),
            "pass_mark": self.pass_mark, "passed": self.passed, "gated": self.gated,
            "stuck": self.stuck, "straddles_pass_mark": self.straddles(),
            "failed_at_good_ending": self.failed_good, "passed_without_sharing":
            self.passed_unshared, "passed_at_difficult_ending": self.passed_badly,
        }


def random_step(engine: Engine, rng: random.Random, session: Any,
                readings: Sequence[str] = ()) -> Step:
    """One random turn among those the app offers (:meth:`Engine.menu`, the list the
    conversation screen shows): a line, a share (or holding back), or a reflection
    followed by one of the items on offer once the person has answered. Typing in
    one's own words is left out: a random walk has no words to type. ``readings``: the
    acceptance vocabulary's readings a reflection picks from (or leaves out) where the
    person disclosed how they get by."""
    menu = engine.menu(session)
    item = _pick(rng, menu)
    if item.offer is not Offer.reflect:
        return _respond(rng, menu, item)
    options = menu.options
    count = rng.randint(1, min(3, len(options.reflect_themes)))
    themes = rng.sample(list(options.reflect_themes), count)
    beat = engine.beat(session)
    reading = None
    if readings and beat is not None and beat.discloses and rng.random() < 0.7:
        reading = rng.choice(list(readings))
    reflect = ReflectStep(concerns=themes, asks_for=rng.choice(list(AsksFor)), reading=reading)
    after = engine.menu(session, engine.hear(session, reflect))
    response = _pick(rng, after)
    if response.offer is Offer.go_on:
        return Step(reflect=reflect)  # no more for now: the reflection's own outcome
    return _respond(rng, after, response).model_copy(update={"reflect": reflect})


def _pick(rng: random.Random, menu: Menu) -> Item:
    """One item of the menu at random (never "in your own words")."""
    items = [item for item in menu.items if item.offer is not Offer.typed]
    if not items:
        raise ChoiceError("nothing is on offer at this moment")
    return rng.choice(items)


def _respond(rng: random.Random, menu: Menu, item: Item) -> Step:
    if item.line is not None:
        return Step(line=item.line.id)
    shareable = [f.id for f in menu.options.fragments]
    count = rng.choice([0, 1, 1, 1, 2]) if shareable else 0
    return Step(share=ShareStep(
        fragments=rng.sample(shareable, min(count, len(shareable))),
        permission=rng.random() < 0.5, hand_back=rng.random() < 0.5,
        detail=Detail.detailed if rng.random() < 0.3 else Detail.brief,
        framing=rng.choice(list(Framing)),
    ))


def random_session(engine: Engine, rng: random.Random, session_id: str,
                   readings: Sequence[str] = (), max_turns: int = MAX_TURNS) -> Session:
    """One random play-through, until an ending, a dead end or ``max_turns``."""
    session = engine.start(session_id=session_id)
    for _ in range(max_turns):
        if engine.beat(session) is None:
            break
        try:
            engine.choose(session, random_step(engine, rng, session, readings))
        except ChoiceError:
            break
    return session


def walk(engine: Engine, runs: int, seed: int, readings: Sequence[str] = ()) -> WalkReport:
    """Play ``runs`` random sessions from ``seed``."""
    rng = random.Random(seed)
    report = WalkReport(runs=runs, seed=seed, pass_mark=engine.rubric.pass_mark)
    scenario = engine.scenario
    for run in range(runs):
        session = random_session(engine, rng, f"walk-{seed}-{run}", readings)
        for beat_id, count in session.visits.items():
            if beat_id in scenario.beats:
                report.beats[beat_id] += count
        if engine.ending(session) is not None:
            report.endings[session.state] += 1
        else:
            report.stuck += 1
        result = engine.results(session)
        report.scores.append(result.overall)
        report.passed += result.passed
        report.gated += bool(result.gates)
        ending = engine.ending(session)
        tone = ending.tone if ending is not None else ""
        report.failed_good += not result.passed and tone == "good"
        report.passed_unshared += result.passed and result.shares == 0
        report.passed_badly += result.passed and tone == "difficult"
    report.unreached_beats = [b for b in scenario.beats if b not in report.beats]
    report.unreached_endings = [e for e in scenario.endings if e not in report.endings]
    return report
