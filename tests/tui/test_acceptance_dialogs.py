"""The share and reflect dialogs offer framing and reading, and preselect nothing."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import RadioButton, RadioSet, Static

from simulator.loading.library import Library
from simulator.model.plan import Framing, ReflectStep, ShareStep
from simulator.tui.screens.reflect import ReflectScreen
from simulator.tui.screens.share import ShareScreen


class Host(App[None]):
    """An empty app to open one dialog on."""

    def __init__(self) -> None:
        super().__init__()
        self.result: Any = "not dismissed"

    def keep(self, value: Any) -> None:
        self.result = value


async def test_share_offers_framing_and_shows_the_words_they_reject(shipped: Library) -> None:
    deck = shipped.deck("dee")
    host = Host()
    async with host.run_test(size=(100, 40)) as pilot:
        screen = ShareScreen("", list(deck.fragments), shipped.theme_label, rejects=["homeless"],
                             person="Gerry")
        await host.push_screen(screen, host.keep)
        await pilot.pause()
        assert "Gerry rejects these words for themselves: 'homeless'" in \
            str(screen.query_one("#rejects", Static).render())
        assert screen.query_one("#framing", RadioSet).pressed_index == -1
        screen.query_one("#fragments").select("interview-card")
        screen.query_one("#framing-offered", RadioButton).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert isinstance(host.result, ShareStep)
    assert host.result.framing is Framing.offered


async def test_share_without_a_framing_is_plain(shipped: Library) -> None:
    deck = shipped.deck("dee")
    host = Host()
    async with host.run_test(size=(100, 40)) as pilot:
        screen = ShareScreen("", list(deck.fragments), shipped.theme_label)
        await host.push_screen(screen, host.keep)
        await pilot.pause()
        assert not screen.query("#rejects")
        screen.query_one("#fragments").select("interview-card")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.result.framing is Framing.plain


async def test_reflect_offers_readings_where_they_disclosed_and_preselects_nothing(
        shipped: Library) -> None:
    readings = sorted(shipped.acceptance_terms("readings").items(), key=lambda kv: kv[1])
    host = Host()
    async with host.run_test(size=(100, 40)) as pilot:
        screen = ReflectScreen("", [("medication", "medication")], readings=readings,
                               disclosed="stopping or skipping medication")
        await host.push_screen(screen, host.keep)
        await pilot.pause()
        assert screen.query_one("#ask", RadioSet).pressed_index == -1
        assert screen.query_one("#reading", RadioSet).pressed_index == -1
        await pilot.press("ctrl+s")  # nothing chosen: not dismissed, asked to choose
        await pilot.pause()
        assert host.result == "not dismissed"
        screen.query_one("#ask-validation", RadioButton).value = True
        screen.query_one("#reading-getting-by", RadioButton).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert host.result == ReflectStep(concerns=[], asks_for="validation", reading="getting-by")


async def test_reflect_without_a_disclosure_offers_no_reading() -> None:
    host = Host()
    async with host.run_test(size=(100, 40)) as pilot:
        screen = ReflectScreen("", [("voices", "hearing voices")])
        await host.push_screen(screen, host.keep)
        await pilot.pause()
        assert not screen.query("#reading")
