"""Browse the story decks (the practice peers' and your own) and choose one to share from."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.tui.context import AppContext
from simulator.tui.text import clean, labelled, literal
from simulator.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from simulator.model import Deck, Fragment

SCENARIOS_OWN = ""  # the deck list's id for "the deck each scenario was written for"
BROKEN = "broken:"  # the deck list's ids for own deck files that could not be read

PHASE_WORDS = {
    "before": "before it all",
    "struggle": "the struggle",
    "turning-point": "a turning point",
    "what-helped": "what helped",
    "now": "life now",
}
DETAIL_WORDS = ("a passing mention", "a little detail", "a lot of detail", "raw, graphic detail")
COST_WORDS = ("costs nothing to tell", "costs a little to tell", "costs a fair bit to tell",
              "costs a lot to tell")


def fragment_card(fragment: Fragment, label: object) -> Text:
    """Everything about one fragment, in words: its text first, then its tags."""
    assert callable(label)
    text = Text()
    text.append_text(literal(fragment.title, "bold"))
    text.append("\n")
    text.append_text(literal(fragment.text.strip()))
    text.append("\n\n")
    text.append_text(labelled("About: ", ", ".join(str(label(t)) for t in fragment.themes)))
    text.append("\n")
    text.append_text(labelled("Part of the story: ", PHASE_WORDS.get(fragment.phase.value,
                                                                     fragment.phase.value)))
    text.append("\n")
    text.append_text(labelled("Detail: ", f"{fragment.intensity} of 3, "
                                          f"{DETAIL_WORDS[fragment.intensity]}"))
    text.append("\n")
    text.append_text(labelled("Cost to you: ", f"{fragment.self_cost} of 3, "
                                               f"{COST_WORDS[fragment.self_cost]}"))
    if fragment.private:
        text.append("\nPRIVATE: kept for yourself, not for sharing.", "bold")
    return text


class DecksScreen(Screen[str | None]):
    """Returns the chosen deck's id ("" for each scenario's own), or None to keep things."""

    BINDINGS = [
        Binding("enter", "use", "Share from this deck", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.decks: dict[str, Deck] = ctx.decks()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="decks-body"):
            options = [Option("Each scenario's own deck", id=SCENARIOS_OWN)]
            for deck_id, deck in self.decks.items():
                kind = "practice" if deck.practice else "yours"
                options.append(Option(Text.assemble(clean(deck.title), f"\n  {kind},"
                                                    f" {len(deck.fragments)} pieces"), id=deck_id))
            for path in self.ctx.broken_decks:  # listed with its problem, never lost
                options.append(Option(Text.assemble(clean(Path(path).name),
                                                    "\n  yours, cannot be read"),
                                      id=BROKEN + path))
            with Vertical(id="deck-left"):
                yield OptionList(*options, markup=False, id="deck-list")
                with VerticalScroll(id="deck-about-box"):
                    yield Static(id="deck-about", markup=False)
            with Vertical(id="deck-side"):
                yield OptionList(markup=False, id="deck-fragments")
                with VerticalScroll(id="fragment-box"):
                    yield Static(id="fragment-detail", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Story decks"
        decks = self.query_one("#deck-list", OptionList)
        current = self.ctx.deck_id if self.ctx.deck_id in self.decks else SCENARIOS_OWN
        decks.highlighted = decks.get_option_index(current)
        decks.focus()
        self.show_deck(current)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The deck list drives the fragments; the fragments drive the detail."""
        if event.option_list.id == "deck-list":
            self.show_deck(event.option.id or SCENARIOS_OWN)
        else:
            self.show_fragment(event.option.id or "")

    def show_deck(self, deck_id: str) -> None:
        """The deck's owner, what it is about, and its fragments."""
        about = self.query_one("#deck-about", Static)
        fragments = self.query_one("#deck-fragments", OptionList)
        fragments.clear_options()
        deck = self.decks.get(deck_id)
        if deck_id.startswith(BROKEN):
            path = deck_id.removeprefix(BROKEN)
            about.update(literal(
                f"This deck file could not be read, so it is left exactly as it is:\n{path}\n\n"
                + "\n".join(p.format() for p in self.ctx.broken_decks.get(path, []))
                + "\n\nFix the file in a text editor (or move it away) and start peersim"
                " again."))
            self.query_one("#fragment-detail", Static).update("")
            return
        if deck is None:
            about.update("Each scenario comes with the practice deck it was written for."
                         " Choose a deck here to share from it in every scenario instead.")
            self.query_one("#fragment-detail", Static).update("")
            return
        notes = ("\nContent notes: " + ", ".join(deck.content_notes)
                 if deck.content_notes else "")
        about.update(Text.assemble(literal(deck.owner, "bold"), "\n",
                                   clean(" ".join(deck.about.split())), clean(notes)))
        fragments.add_options([Option(literal(f.title), id=f.id) for f in deck.fragments])
        fragments.highlighted = 0

    def show_fragment(self, fragment_id: str) -> None:
        """The highlighted fragment in full."""
        chosen = self.query_one("#deck-list", OptionList).highlighted_option
        deck = self.decks.get(chosen.id or "") if chosen is not None else None
        fragment = deck.fragment(fragment_id) if deck is not None else None
        detail = self.query_one("#fragment-detail", Static)
        detail.update(fragment_card(fragment, self.ctx.library.theme_label)
                      if fragment is not None else "")

    def action_use(self) -> None:
        """Share from the highlighted deck from now on."""
        chosen = self.query_one("#deck-list", OptionList).highlighted_option
        if chosen is not None and (chosen.id or "").startswith(BROKEN):
            self.notify("That deck cannot be read until its problems are fixed.",
                        severity="warning")
            return
        self.dismiss(None if chosen is None else chosen.id or SCENARIOS_OWN)

    def action_back(self) -> None:
        """Back home, keeping the deck as it was."""
        self.dismiss(None)
