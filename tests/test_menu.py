"""Engine.menu(): the one list of what the app offers, which the walker chooses from.

The conversation screen lists the menu's items (tests/tui/test_menu_screen.py); here,
every move a seeded random walk or a skill-free strategy takes is checked against the
menu at that moment, and the menu's own rules are pinned.
"""

from __future__ import annotations

import random

import pytest

from simulator.engine.engine import Engine
from simulator.engine.menu import Menu, Offer, Typing
from simulator.loading.library import Library
from simulator.model.common import AsksFor
from simulator.model.plan import ReflectStep, ShareStep, Step, Typed
from simulator.strategies import STRATEGIES
from simulator.walk import random_step

SCENARIOS = ["loud-again", "nothing-left"]


def _engine(shipped: Library, scenario_id: str) -> Engine:
    scenario = shipped.scenario(scenario_id)
    return Engine(scenario, shipped.rubric(scenario.rubric),
                  shipped.deck(scenario.deck) if scenario.deck else None,
                  label=shipped.theme_label)


@pytest.mark.parametrize("scenario_id", SCENARIOS)
@pytest.mark.parametrize("seed", [3, 11])
def test_every_move_of_a_seeded_walk_is_on_the_menu(shipped: Library, scenario_id: str,
                                                     seed: int) -> None:
    engine = _engine(shipped, scenario_id)
    readings = sorted(shipped.acceptance_terms("readings"))
    rng = random.Random(seed)
    moves = 0
    kinds: set[str] = set()
    for run in range(25):
        session = engine.start(session_id=f"menu-{seed}-{run}")
        while engine.beat(session) is not None and len(session.transcript) < 60:
            step = random_step(engine, rng, session, readings)
            assert engine.offers(session, step), (session.state, step)
            kinds |= {name for name in ("line", "reflect", "share")
                      if getattr(step, name) is not None}
            engine.choose(session, step)
            moves += 1
    assert moves > 50 and kinds == {"line", "reflect", "share"}


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_every_move_of_a_skill_free_strategy_is_on_the_menu(shipped: Library,
                                                            strategy: str) -> None:
    engine = _engine(shipped, "loud-again")
    session = engine.start(session_id=f"menu-{strategy}")
    choose = STRATEGIES[strategy]
    while engine.beat(session) is not None and len(session.transcript) < 60:
        step = choose(engine, session, engine.menu(session))
        assert engine.offers(session, step), (strategy, session.state, step)
        engine.choose(session, step)


def test_the_menu_lists_lines_then_reflect_share_own_words_and_go_on(
        shipped: Library) -> None:
    engine = _engine(shipped, "loud-again")
    session = engine.start(session_id="menu-order")
    options = engine.options(session)
    assert options.lines and options.can_reflect and options.can_share
    menu = engine.menu(session, typing=Typing.optional)
    assert [i.offer for i in menu.items] == [Offer.line] * len(options.lines) + [
        Offer.reflect, Offer.share, Offer.typed]
    assert menu.lines == options.lines  # in the session's shuffled order
    assert [i.id for i in menu.items][-3:] == ["reflect", "share", "typed"]
    assert engine.menu(session).items == menu.items[:-1]  # typing off: no own words
    required = engine.menu(session, typing=Typing.required)
    assert not required.offers(Offer.line) and required.offers(Offer.typed)
    beat = engine.beat(session)
    assert beat is not None
    heard = engine.hear(session, ReflectStep(concerns=sorted(beat.concerns),
                                             asks_for=beat.asks_for))
    after = engine.menu(session, heard)
    assert not after.offers(Offer.reflect) and after.items[-1].offer is Offer.go_on


def test_the_menu_refuses_what_it_does_not_offer(shipped: Library) -> None:
    engine = _engine(shipped, "loud-again")
    session = engine.start(session_id="menu-refuses")
    menu = engine.menu(session)
    line = menu.lines[0].id
    assert menu.allows(Step(line=line))
    assert not menu.allows(Step(line="no-such-line"))
    assert not menu.allows(Step(share=ShareStep(fragments=["no-such-piece"])))
    assert menu.allows(Step(share=ShareStep(fragments=[])))  # holding back
    typed = Step(line=line, typed=Typed(text="Hello."))
    assert not menu.allows(typed) and engine.menu(
        session, typing=Typing.optional).allows(typed)
    assert not engine.menu(session, typing=Typing.required).allows(Step(line=line))
    beat = engine.beat(session)
    assert beat is not None
    reflect = ReflectStep(concerns=sorted(beat.concerns), asks_for=beat.asks_for)
    heard = engine.hear(session, reflect)
    after = Menu.of(engine.options(session, heard), heard)
    assert after.allows(Step(reflect=reflect))  # say no more: let them go on
    other = reflect.model_copy(update={"asks_for": next(
        a for a in AsksFor if a != beat.asks_for)})
    assert not after.allows(Step(reflect=other))  # not the reflection they answered
    assert not menu.offers(Offer.go_on)  # nothing heard yet: nothing to let go on
