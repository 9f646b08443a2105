"""Your own deck: fragments of your story in your own words, saved only on this machine."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    OptionList,
    RadioSet,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from simulator import owndecks
from simulator.model import Deck, Fragment
from simulator.model.common import Phase
from simulator.tui.context import AppContext
from simulator.tui.describe import fragment_line
from simulator.tui.text import clean, literal
from simulator.tui.widgets.footer import KeysFooter
from simulator.tui.widgets.ticks import TickBox, TickList, TickRadio

TITLE_MAX, TEXT_MAX = 200, 20_000  # the deck format's limits (ShortText, Text)

PRIVACY = ("Your deck is saved only on this computer, in your peersim data folder. It"
           " never leaves this machine and never appears in an export unless you say so.")


class DeckEditorScreen(Screen[None]):
    """Lists your fragments; add, edit and delete them."""

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("enter", "edit", "Edit", priority=True),
        Binding("x", "delete", "Delete"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx

    @property
    def deck(self) -> Deck | None:
        """The trainee's own deck, if they have written one."""
        return self.ctx.own_decks.get(owndecks.OWN_DECK_ID)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(PRIVACY, markup=False, id="privacy")
        yield OptionList(markup=False, id="own-fragments")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "My story deck"
        self.refresh_list()
        self.query_one(OptionList).focus()

    def refresh_list(self) -> None:
        """Redraw the fragments."""
        options = self.query_one(OptionList)
        options.clear_options()
        if self.deck is None:
            options.add_option(Option("Your deck is empty. Press a to add a piece of your"
                                      " story.", id="", disabled=True))
            return
        for fragment in self.deck.fragments:
            options.add_option(Option(fragment_line(fragment, self.ctx.library.theme_label),
                                      id=fragment.id))
        options.highlighted = 0

    def _highlighted(self) -> Fragment | None:
        options = self.query_one(OptionList)
        if self.deck is None or options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.deck.fragment(option.id or "")

    def action_add(self) -> None:
        """A new fragment."""
        self.app.push_screen(FragmentForm(self.ctx, None, self._save), self._saved)

    def action_edit(self) -> None:
        """Edit the highlighted fragment."""
        fragment = self._highlighted()
        if fragment is not None:
            self.app.push_screen(FragmentForm(self.ctx, fragment, self._save), self._saved)

    def _save(self, fragment: Fragment) -> str | None:
        """Write the deck with ``fragment`` in it; what went wrong, or None once saved."""
        deck = owndecks.with_fragment(self.deck, fragment, owner=self.ctx.trainee_id)
        try:
            owndecks.save_deck(deck)
        except (ValueError, OSError) as exc:
            return f"It could not be saved ({exc}). Nothing you typed is lost; try again."
        self.ctx.own_decks[deck.id] = deck
        return None

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        """Enter edits."""
        self.action_edit()

    def _saved(self, fragment: Fragment | None) -> None:
        if fragment is None:
            return
        self.refresh_list()
        self.notify("Saved on this computer.")

    def action_delete(self) -> None:
        """Delete the highlighted fragment."""
        fragment = self._highlighted()
        if fragment is None or self.deck is None:
            return
        remaining = owndecks.without_fragment(self.deck, fragment.id)
        try:
            if remaining is None:
                owndecks.delete_deck(owndecks.OWN_DECK_ID)
            else:
                owndecks.save_deck(remaining)
        except (ValueError, OSError) as exc:
            self.notify(f"It could not be deleted ({exc}).", severity="error")
            return
        if remaining is None:
            self.ctx.own_decks.pop(owndecks.OWN_DECK_ID, None)
        else:
            self.ctx.own_decks[remaining.id] = remaining
        self.refresh_list()

    def action_back(self) -> None:
        """Back home."""
        self.dismiss(None)


class FragmentForm(ModalScreen[Fragment | None]):
    """One fragment: your words and the tags that scoring reads."""

    BINDINGS = [Binding("ctrl+s", "save", "Save"), Binding("escape", "cancel", "Cancel")]

    def __init__(self, ctx: AppContext, fragment: Fragment | None,
                 save: Callable[[Fragment], str | None]) -> None:
        super().__init__()
        self.ctx = ctx
        self.fragment = fragment
        self.save = save  # writes it; the form stays open with the words if that fails

    def compose(self) -> ComposeResult:
        f = self.fragment
        themes = sorted(self.ctx.library.themes())
        with VerticalScroll(classes="dialog"):
            yield Static("A piece of your story, in your own words", markup=False,
                         classes="dialog-title")
            # what the trainee edits is shown literally too (a hand-edited file may hold
            # control characters; saving keeps their visible stand-ins)
            yield Input(clean(f.title) if f else "", placeholder="A short title", id="title")
            yield TextArea(clean(f.text) if f else "", id="text")
            yield Static("What it is about (space to tick):", markup=False)
            yield TickList(*[
                Selection(literal(self.ctx.library.theme_label(t)), t,
                          bool(f and t in f.themes)) for t in themes], id="themes")
            yield Static("Where it sits in your story:", markup=False)
            with RadioSet(id="phase"):
                for phase in Phase:
                    yield TickRadio(phase.value, value=bool(f and f.phase is phase))
            yield Static("How much raw detail (0 a passing mention .. 3 graphic):", markup=False)
            yield Input(str(f.intensity if f else 0), id="intensity", type="integer")
            yield Static("What telling it costs you (0 nothing .. 3 a lot):", markup=False)
            yield Input(str(f.self_cost if f else 0), id="self-cost", type="integer")
            yield TickBox("Private: keep this one for myself", f.private if f else False,
                           id="private")
            # Radical acceptance is scored from these: a piece about how you stopped (or
            # started) doing something can sound like a verdict to someone who still does.
            ways = self.ctx.library.acceptance_terms("ways")
            if ways:
                yield Static("Is this piece about something you stopped or started doing?"
                             " Which? (tick any; leave empty if not)", markup=False)
                yield TickList(*[Selection(literal(label), way, bool(f and way in f.judges))
                                 for way, label in sorted(ways.items(), key=lambda kv: kv[1])],
                               id="judges")
            words = self.ctx.library.acceptance_terms("words")
            if words:
                yield Static("Does it use any of these words for people? (tick any)",
                             markup=False)
                yield TickList(*[Selection(literal(label), word, bool(f and word in f.labels))
                                 for word, label in sorted(words.items(), key=lambda kv: kv[1])],
                               id="labels")
            yield Static(id="form-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
        yield KeysFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Save or cancel."""
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        """Check the form and hand back the fragment."""
        title = self.query_one("#title", Input).value.strip()
        text = self.query_one("#text", TextArea).text.strip()
        themes = list(self.query_one("#themes", SelectionList).selected)
        phase_index = self.query_one("#phase", RadioSet).pressed_index
        problems = []
        if not title:
            problems.append("give it a title")
        elif len(title) > TITLE_MAX:
            problems.append(f"keep the title under {TITLE_MAX} characters")
        if not text:
            problems.append("write it in your own words")
        elif len(text) > TEXT_MAX:
            problems.append(f"keep the words under {TEXT_MAX:,} characters")
        if not themes:
            problems.append("tick at least one theme")
        if phase_index < 0:
            problems.append("choose where it sits in your story")
        levels = []
        for field in ("#intensity", "#self-cost"):
            raw = self.query_one(field, Input).value.strip() or "0"
            if not raw.isdigit() or int(raw) > 3:
                problems.append("detail and cost are numbers from 0 to 3")
            levels.append(min(3, int(raw)) if raw.isdigit() else 0)
        if problems:
            self._problem("Please " + "; ".join(dict.fromkeys(problems)) + ".")
            return
        taken = {fr.id for d in self.ctx.own_decks.values() for fr in d.fragments}
        fragment_id = self.fragment.id if self.fragment else owndecks.new_fragment_id(taken)
        fragment = Fragment(
            id=fragment_id, title=title, text=text, themes=themes[:8],
            phase=list(Phase)[phase_index], intensity=levels[0], self_cost=levels[1],
            private=self.query_one("#private", Checkbox).value,
            judges=self._ticked("#judges")[:12], labels=self._ticked("#labels")[:12],
        )
        failed = self.save(fragment)
        if failed:
            self._problem(failed)
            return
        self.dismiss(fragment)

    def _ticked(self, list_id: str) -> list[str]:
        """What is ticked in an optional list (empty when the list is not shown)."""
        found = self.query(list_id)
        if not found:
            return []
        ticked: SelectionList[str] = self.query_one(list_id, SelectionList)
        return list(ticked.selected)

    def _problem(self, message: str) -> None:
        self.query_one("#form-error", Static).update(Text(message, "bold"))

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
