"""Author and trainee text is shown exactly as written: no markup, no terminal escapes."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable, OptionList, Static

from simulator.loading.checks import validate_paths
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.text import clean, literal
from tests.conftest import MINI
from tests.tui.conftest import MakeApp, choice_key, press_nth

NASTY_TITLE = "[Enter] [/] [@click=app.quit]x[/] [b]bold?"


def test_literal_never_parses_markup_and_shows_escapes() -> None:
    text = literal("[@click=app.quit]x[/] \x1b[31mred\x07")
    assert text.plain == "[@click=app.quit]x[/] \u241b[31mred\u2407"
    assert not text.spans
    assert clean("tab\tand\nnewline") == "tab\tand\nnewline"


async def test_nasty_scenario_renders_literally_and_triggers_nothing(
    make_app: MakeApp, tmp_path: Path
) -> None:
    nasty = (MINI.replace("title: Mini", f"title: '{NASTY_TITLE}'")
             .replace("says: I can't sleep.", 'says: "[Enter] \\e[31mred\\e[0m [/] done"')
             .replace("text: That sounds hard.", "text: '[@click=app.quit]Click me[/]'"))
    path = tmp_path / "nasty.yaml"
    path.write_text(nasty, encoding="utf-8")
    library, problems = validate_paths([str(path)])
    assert problems == []
    for other in list(library.scenarios):
        if other != "mini":
            library.scenarios.pop(other)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#library", DataTable)
        assert table.get_row("mini")[0].plain == NASTY_TITLE
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # past the person's card
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        says = str(screen.query_one("#says", Static).render())
        assert "[Enter] \u241b[31mred\u241b[0m [/] done" in says
        choices = screen.query_one("#choices", OptionList)
        key = int(choice_key(app, 1))  # the file's first line, wherever it is shown
        prompt = choices.get_option_at_index(key - 1).prompt
        assert isinstance(prompt, Text) and prompt.plain == f"{key}. [@click=app.quit]Click me[/]"
        assert not prompt.spans  # no link, no style: the words as written
        await pilot.click("#choices")  # clicking the words runs no action
        assert app.is_running
        await press_nth(pilot, 1)  # the line whose text is an action link
        assert app.is_running
        await pilot.press("enter")
        assert app.is_running


async def test_a_deck_with_markup_and_escapes_browses_literally(make_app: MakeApp) -> None:
    from textual.widgets import OptionList

    from simulator.model import Deck
    from simulator.tui.screens.decks import DecksScreen

    deck = Deck.model_validate({
        "kind": "deck", "id": "my-deck", "title": NASTY_TITLE, "practice": False,
        "owner": "[b]me[/b]", "about": "[@click=app.quit]about[/] \x1b[2J",
        "fragments": [{"id": "one", "title": "[red]one[/red]", "text": "[Enter] \x1b[31mx",
                       "themes": ["voices"], "phase": "now", "intensity": 0,
                       "self_cost": 0}]})
    app = make_app()
    app.ctx.own_decks["my-deck"] = deck
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DecksScreen)
        decks = screen.query_one("#deck-list", OptionList)
        decks.highlighted = decks.get_option_index("my-deck")
        await pilot.pause()
        assert NASTY_TITLE in str(decks.get_option("my-deck").prompt)
        about = str(screen.query_one("#deck-about", Static).render())
        assert "[b]me[/b]" in about and "[@click=app.quit]about[/] \u241b[2J" in about
        assert "[Enter] \u241b[31mx" in str(screen.query_one("#fragment-detail", Static).render())
        await pilot.click("#deck-about")
        assert app.is_running
