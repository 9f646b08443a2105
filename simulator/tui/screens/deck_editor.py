"""Your own deck: fragments of your story in your own words, saved only on this machine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import (
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
from simulator.tui.screens.dialog import Dialog, confirm_or_cancel
from simulator.tui.text import clean, literal
from simulator.tui.widgets.field_error import FieldError
from simulator.tui.widgets.footer import KeysFooter
from simulator.tui.widgets.ticks import TickBox, TickList, TickRadio

TITLE_MAX, TEXT_MAX = 200, 20_000  # the deck format's limits (ShortText, Text)

class DeckEditorScreen(Screen[None]):
    """Lists your fragments; add, edit, delete (after asking; undo with u) and export."""

    BINDINGS = [
        Binding("a", "add", "Add"),
        Binding("enter", "edit", "Edit", priority=True),
        Binding("x", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("w", "export", "Export"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.drafts: dict[str, Draft] = {}  # unsaved words, by piece ("" for a new one)
        self.deleted: tuple[Deck, Fragment, int] | None = None  # what u brings back
        # the own decks arrive with the library: opened before the background load has
        # finished, the editor would list no pieces, and a save would replace the deck
        # with only the new one
        ctx.warm()

    @property
    def deck(self) -> Deck | None:
        """The trainee's own deck, if they have written one."""
        return self.ctx.own_decks.get(owndecks.OWN_DECK_ID)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.ctx.shelf.privacy, markup=False, id="privacy")
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
        broken = owndecks.broken_own_deck(self.ctx.broken_decks)
        if self.deck is None and broken:
            options.add_option(Option(literal(
                f"Your deck file could not be read, so it is kept as it is and nothing"
                f" will be written over it. Fix the file or move it away, then come back."
                f"\n{broken}"), id="", disabled=True))
            return
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
        self.app.push_screen(FragmentForm(self.ctx, None, self._save, self.drafts),
                             self._saved)

    def action_edit(self) -> None:
        """Edit the highlighted fragment."""
        fragment = self._highlighted()
        if fragment is not None:
            self.app.push_screen(FragmentForm(self.ctx, fragment, self._save, self.drafts),
                                 self._saved)

    def _save(self, fragment: Fragment) -> str | None:
        """Write the deck with ``fragment`` in it; what went wrong, or None once saved."""
        deck = owndecks.with_fragment(self.deck, fragment, owner=self.ctx.trainee_id)
        try:
            self.ctx.shelf.save(deck)
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
        self.notify(self.ctx.shelf.saved_note)

    def action_delete(self) -> None:
        """Ask, then delete the highlighted fragment (u brings it back)."""
        from simulator.tui.screens.confirm import ConfirmScreen

        fragment = self._highlighted()
        if fragment is None or self.deck is None:
            return
        question = Text.assemble("Delete ", (clean(fragment.title), "bold"),
                                 " from your deck? You can bring it back with u while this"
                                 " screen is open.")
        self.app.push_screen(ConfirmScreen(question, "Delete it", "Keep it"),
                             lambda yes: self._delete(fragment) if yes else None)

    def _delete(self, fragment: Fragment) -> None:
        deck = self.deck
        if deck is None:
            return
        index = next(i for i, f in enumerate(deck.fragments) if f.id == fragment.id)
        remaining = owndecks.without_fragment(deck, fragment.id)
        if not self._write(remaining, "It could not be deleted"):
            return
        self.deleted = (deck, fragment, index)
        self.refresh_list()
        self.notify(f"Deleted “{clean(fragment.title)}”. Press u to undo.", timeout=10)

    def _write(self, deck: Deck | None, failed: str) -> bool:
        """Save ``deck`` as the own deck (None removes it); say so if that fails."""
        try:
            if deck is None:
                self.ctx.shelf.delete(owndecks.OWN_DECK_ID)
            else:
                self.ctx.shelf.save(deck)
        except (ValueError, OSError) as exc:
            self.notify(f"{failed} ({exc}).", severity="error")
            return False
        if deck is None:
            self.ctx.own_decks.pop(owndecks.OWN_DECK_ID, None)
        else:
            self.ctx.own_decks[deck.id] = deck
        self.refresh_bindings()  # the footer follows what can be done now
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo shows only when there is something to bring back; delete and export
        when there is a deck."""
        if action == "undo":
            return self.deleted is not None
        if action in ("export", "delete"):
            return self.deck is not None
        return True

    def action_undo(self) -> None:
        """Put the last deleted fragment back where it was."""
        if self.deleted is None:
            return
        before, fragment, index = self.deleted
        base = self.deck or before.model_copy(update={"fragments": []})
        kept = [f for f in base.fragments if f.id != fragment.id]
        kept.insert(min(index, len(kept)), fragment)
        if self._write(base.model_copy(update={"fragments": kept}), "It could not be put back"):
            self.deleted = None
            self.refresh_bindings()
            self.refresh_list()
            self.notify(f"“{clean(fragment.title)}” is back.")

    def action_export(self) -> None:
        """Save a copy of your deck to a file you choose."""
        from simulator.tui.screens.deck_export import ExportScreen

        if self.ctx.served:  # a file "you choose" would be on the class's server, not yours
            self.notify("In a class in the browser your deck stays with your records on the"
                        " server; a copy to a file is for peersim on your own computer.")
            return
        if self.deck is not None:
            self.app.push_screen(ExportScreen(self.deck))

    def action_back(self) -> None:
        """Back home."""
        self.dismiss(None)


Draft = dict[str, Any]  # a form's fields as typed, kept while the app runs (never on disk)
LEVEL_FIELDS = {"intensity": "How much detail", "self-cost": "What telling it costs you"}


class FragmentForm(Dialog[Fragment | None]):
    """One fragment: your words and the tags that scoring reads.

    Nothing typed is lost: closing the form with changes keeps them as a draft (in
    memory, never on disk) that comes back the next time this piece's form opens, and a
    problem is shown under its own field, in a whole sentence, with that field focused.
    """

    CONFIRM_KEY = "ctrl+s"
    CONFIRM_LABEL = "Save"
    HEADING = "A piece of your story, in your own words"
    BUTTONS = confirm_or_cancel("Save (ctrl+s)", "save")
    BOX_ID = "form-box"

    def __init__(self, ctx: AppContext, fragment: Fragment | None,
                 save: Callable[[Fragment], str | None],
                 drafts: dict[str, Draft] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.fragment = fragment
        self.save = save  # writes it; the form stays open with the words if that fails
        self.drafts = drafts if drafts is not None else {}
        self.key = fragment.id if fragment else ""
        self.opened: Draft = {}

    def _start(self) -> Draft:
        """The fields as they open: a kept draft, else the piece, else empty."""
        f = self.fragment
        # what the trainee edits is shown literally too (a hand-edited file may hold
        # control characters; saving keeps their visible stand-ins)
        return self.drafts.get(self.key) or {
            "title": clean(f.title) if f else "", "text": clean(f.text) if f else "",
            "themes": list(f.themes) if f else [],
            "phase": list(Phase).index(f.phase) if f else -1,
            "intensity": str(f.intensity if f else 0), "self-cost": str(f.self_cost if f else 0),
            "private": f.private if f else False,
            "judges": list(f.judges) if f else [], "labels": list(f.labels) if f else []}

    def body(self) -> ComposeResult:
        start = self._start()
        themes = sorted(self.ctx.library.themes())
        yield Static("Title:", markup=False)
        yield Input(start["title"], placeholder="A short title", id="title")
        yield FieldError(id="title-error")
        yield Static("In your own words:", markup=False)
        yield TextArea(start["text"], id="text")
        yield FieldError(id="text-error")
        yield Static("What it is about (space to tick):", markup=False)
        yield TickList(*[
            Selection(literal(self.ctx.library.theme_label(t)), t, t in start["themes"])
            for t in themes], id="themes")
        yield FieldError(id="themes-error")
        yield Static("Where it sits in your story:", markup=False)
        with RadioSet(id="phase"):
            for i, phase in enumerate(Phase):
                yield TickRadio(phase.value, value=i == start["phase"])
        yield FieldError(id="phase-error")
        yield Static("How much raw detail (0 a passing mention .. 3 graphic):", markup=False)
        yield Input(start["intensity"], id="intensity", type="integer")
        yield FieldError(id="intensity-error")
        yield Static("What telling it costs you (0 nothing .. 3 a lot):", markup=False)
        yield Input(start["self-cost"], id="self-cost", type="integer")
        yield FieldError(id="self-cost-error")
        yield TickBox("Private: keep this one for myself", start["private"], id="private")
        # Radical acceptance is scored from these: a piece about how you stopped (or
        # started) doing something can sound like a verdict to someone who still does.
        ways = self.ctx.library.acceptance_terms("ways")
        if ways:
            yield Static("Is this piece about something you stopped or started doing?"
                         " Which? (tick any; leave empty if not)", markup=False)
            yield TickList(*[Selection(literal(label), way, way in start["judges"])
                             for way, label in sorted(ways.items(), key=lambda kv: kv[1])],
                           id="judges")
        words = self.ctx.library.acceptance_terms("words")
        if words:
            yield Static("Does it use any of these words for people? (tick any)",
                         markup=False)
            yield TickList(*[Selection(literal(label), word, word in start["labels"])
                             for word, label in sorted(words.items(), key=lambda kv: kv[1])],
                           id="labels")
        yield FieldError(id="form-error")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()  # typing starts in the first field
        self.opened = self.fields()
        if self.key in self.drafts:
            self.notify("Your unsaved words are back, as you left them.")

    def fields(self) -> Draft:
        """Every field as it is now."""
        return {
            "title": self.query_one("#title", Input).value,
            "text": self.query_one("#text", TextArea).text,
            "themes": list(self.query_one("#themes", SelectionList).selected),
            "phase": self.query_one("#phase", RadioSet).pressed_index,
            "intensity": self.query_one("#intensity", Input).value,
            "self-cost": self.query_one("#self-cost", Input).value,
            "private": self.query_one("#private", Checkbox).value,
            "judges": self._ticked("#judges"), "labels": self._ticked("#labels"),
        }

    def _ticked(self, list_id: str) -> list[str]:
        """What is ticked in an optional list (empty when the list is not shown)."""
        if not self.query(list_id):
            return []
        ticked: SelectionList[str] = self.query_one(list_id, SelectionList)
        return list(ticked.selected)

    def problems(self, typed: Draft) -> dict[str, str]:
        """What is missing or out of range, by field, each as a whole sentence."""
        title, text = typed["title"].strip(), typed["text"].strip()
        found: dict[str, str] = {}
        if not title:
            found["title"] = "Please give it a short title."
        elif len(title) > TITLE_MAX:
            found["title"] = f"Please keep the title under {TITLE_MAX} characters."
        if not text:
            found["text"] = "Please write this piece in your own words."
        elif len(text) > TEXT_MAX:
            found["text"] = f"Please keep the words under {TEXT_MAX:,} characters."
        if not typed["themes"]:
            found["themes"] = "Please tick at least one thing it is about."
        if typed["phase"] < 0:
            found["phase"] = "Please choose where it sits in your story."
        for field, name in LEVEL_FIELDS.items():
            raw = typed[field].strip() or "0"
            if not raw.isdigit() or int(raw) > 3:
                found[field] = f"{name} is a number from 0 to 3."
        return found

    def confirm(self) -> None:
        """Check the form and hand back the fragment."""
        typed = self.fields()
        found = self.problems(typed)
        for field in ("title", "text", "themes", "phase", *LEVEL_FIELDS):
            self.query_one(f"#{field}-error", FieldError).say(found.get(field, ""))
        self.query_one("#form-error", FieldError).say("")
        if found:
            first = next(iter(found))
            self.query_one(f"#{first}").focus()  # the field to fix, and its sentence in view
            self.call_after_refresh(self.query_one(f"#{first}-error").scroll_visible,
                                    animate=False)
            return
        taken = {fr.id for d in self.ctx.own_decks.values() for fr in d.fragments}
        fragment_id = self.fragment.id if self.fragment else owndecks.new_fragment_id(taken)
        fragment = Fragment(
            id=fragment_id, title=typed["title"].strip(), text=typed["text"].strip(),
            themes=typed["themes"][:8], phase=list(Phase)[typed["phase"]],
            intensity=int(typed["intensity"].strip() or "0"),
            self_cost=int(typed["self-cost"].strip() or "0"), private=typed["private"],
            judges=typed["judges"][:12], labels=typed["labels"][:12],
        )
        failed = self.save(fragment)
        if failed:
            self.query_one("#form-error", FieldError).say(failed)
            self.call_after_refresh(self.query_one("#form-error").scroll_visible,
                                    animate=False)
            return
        self.drafts.pop(self.key, None)
        self.dismiss(fragment)

    def cancel(self) -> None:
        """Close without saving; anything typed is kept as a draft for next time."""
        typed = self.fields()
        if typed != self.opened:
            self.drafts[self.key] = typed
            self.notify("Not saved yet. Your words are kept until you quit: open this piece"
                        " again to carry on.", timeout=8)
        self.dismiss(None)
