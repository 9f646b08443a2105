"""Snapshot tests of the main screens at 80x24 (pytest-textual-snapshot).

They use a fixed trainee id and the shipped "Loud again" scenario and Robin deck;
regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after an
intended visual change, and review the SVGs.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from simulator.loading.library import Library
from tests.tui.conftest import MakeApp, press_nth

SIZE = (80, 24)


@pytest.fixture
def fixed(shipped: Library) -> Library:
    """Only the two founding scenarios and Robin's deck, so new content leaves these alone."""
    return replace(shipped,
                   scenarios={k: v for k, v in shipped.scenarios.items()
                              if k in ("loud-again", "nothing-left")},
                   decks={k: v for k, v in shipped.decks.items() if k == "robin"})


async def _to_loud_again(pilot: Pilot[Any]) -> None:
    table = pilot.app.screen.query_one("#library", DataTable)
    table.move_cursor(row=table.get_row_index("loud-again"))
    await pilot.pause()


def test_home(snap_compare: Any, make_app: MakeApp, fixed: Library) -> None:
    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=_to_loud_again)


def test_persona_card_at_the_start(snap_compare: Any, make_app: MakeApp,
                                   fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _to_loud_again(pilot)
        await pilot.press("enter", "enter")
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_conversation(snap_compare: Any, make_app: MakeApp, fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _to_loud_again(pilot)
        await pilot.press("enter", "enter", "enter")  # notes, the person's card
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_share(snap_compare: Any, make_app: MakeApp, fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _to_loud_again(pilot)
        await press_nth(pilot, "enter", "enter", 2, "enter", "s")
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_feedback(snap_compare: Any, make_app: MakeApp, fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _to_loud_again(pilot)
        await press_nth(pilot, "enter", "enter", 1)
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_debrief(snap_compare: Any, make_app: MakeApp, fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await _to_loud_again(pilot)
        await pilot.press("m")
        await press_nth(pilot, "enter", "enter", 1, 2, 2)
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_decks(snap_compare: Any, make_app: MakeApp, fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        from textual.widgets import OptionList

        await pilot.press("d")
        pilot.app.screen.query_one("#deck-list", OptionList).highlighted = 1  # Robin's
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_conversation_high_contrast(snap_compare: Any, make_app: MakeApp,
                                    fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "peersim-high-contrast"
        await _to_loud_again(pilot)
        await pilot.press("enter", "enter", "enter")
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_debrief_no_color(snap_compare: Any, make_app: MakeApp, fixed: Library,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot: Pilot[Any]) -> None:
        await _to_loud_again(pilot)
        await pilot.press("m")
        await press_nth(pilot, "enter", "enter", 1, 2, 2)
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)


def test_fragment_form_with_problems(snap_compare: Any, make_app: MakeApp,
                                     fixed: Library) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.press("e", "a", *"Walk", "ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(fixed), terminal_size=SIZE, run_before=run_before)
