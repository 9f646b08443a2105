"""The conversation screen lists exactly the engine's menu: the same items, in order."""

from __future__ import annotations

from textual.widgets import OptionList

from simulator.engine.menu import Offer, Typing
from simulator.model.plan import ReflectStep
from simulator.tui.app import PeersimApp
from simulator.tui.screens.conversation import ConversationScreen
from tests.tui.conftest import MakeApp
from tests.tui.test_flows import start_loud_again


def _listed(app: PeersimApp) -> list[tuple[str, str]]:
    choices = app.screen.query_one("#choices", OptionList)
    options = [choices.get_option_at_index(i) for i in range(choices.option_count)]
    return [(o.id or "", str(o.prompt)) for o in options]


def _expected(screen: ConversationScreen) -> list[str]:
    """The menu as the engine gives it, asked here (not through the screen): the
    shipped library reads typed words, and neither cohort nor scenario requires them."""
    return [item.id for item in screen.engine.menu(screen.session, screen.heard,
                                                   Typing.optional).items]


async def test_the_list_is_the_menu_before_and_after_a_reflection(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_loud_again(pilot, app)
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        listed = _listed(app)
        assert [i for i, _ in listed] == _expected(screen)
        assert [i for i, _ in listed][-3:] == ["reflect", "share", "typed"]
        lines = screen.engine.options(screen.session).lines
        for (_id, prompt), line, number in zip(listed, lines, range(1, 10), strict=False):
            assert prompt == f"{number}. {line.text.strip()}"  # numbered as the menu orders
        beat = screen.engine.beat(screen.session)
        assert beat is not None
        screen._reflected(ReflectStep(concerns=sorted(beat.concerns), asks_for=beat.asks_for))
        await pilot.pause()
        after = _listed(app)
        assert [i for i, _ in after] == _expected(screen)
        assert after[-1] == ("go-on", f"{len(after)}. Say no more for now: let them go on")
        assert "reflect" not in [i for i, _ in after]
        menu = screen.offered
        assert menu is not None and menu.heard is screen.heard
        assert not menu.offers(Offer.reflect)
        await pilot.press(str(len(after)))  # the last number: let them go on
        await pilot.pause()
        turn = screen.session.transcript[-1]
        assert turn.step.reflect is not None and turn.step.line is None
