"""The trainee's own story deck: saved only on this machine, in the data folder.

Own decks are ordinary deck files (the same format and validation as practice
decks), written atomically and readable only by their owner, because they hold a
person's own history. Nothing here sends them anywhere.

Where they are kept is a *shelf*: a folder on this machine (:class:`FolderShelf`, the
terminal app's) or, for an app served to a classroom, the records store under the
signed-in trainee's id (``records.served_decks.StoreShelf``), so no served trainee's
deck ever sits in a folder that other trainees' app processes share.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Protocol

import yaml

from simulator.errors import PeersimError
from simulator.loading.diagnostics import Diagnostic
from simulator.loading.documents import load_file, load_text
from simulator.model import Deck, Fragment
from simulator.paths import data_dir, private_dir, write_private

OWN_DECK_ID = "my-story"

_PLAIN = re.compile(r"^[a-z][a-z0-9_-]*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


class _Dumper(yaml.SafeDumper):
    """Writes every string a person typed quoted (or as a block when it has lines), so
    a title such as ``no``, ``Y`` or ``1:30`` reads back as that text, never a boolean
    or a number. Only our own keys and ids stay plain."""


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _PLAIN.match(value) and value not in _YAML11_WORDS:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value)
    style = "|" if "\n" in value.strip() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _string)


TRAINEE_FILE = "trainee-id"  # kept by simulator.records.identity
OWNER_FILE = ".owner"  # whose decks the decks folder itself holds
OTHERS = ".trainees"  # everyone else's, one 0700 folder each
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def decks_root() -> Path:
    """The decks folder in the data folder (0700), which holds every trainee's."""
    return private_dir(data_dir() / "decks")


def machine_trainee() -> str | None:
    """Who this machine trains now (the id :mod:`simulator.records.identity` keeps), or
    None before anyone has."""
    path = data_dir() / TRAINEE_FILE
    known = path.read_text(encoding="utf-8").strip() if path.exists() else ""
    return known if _SAFE_ID.match(known) and ".." not in known else None


def own_deck_dir(trainee_id: str | None = None) -> Path:
    """Where a trainee's own decks live (created 0700): ``trainee_id``'s, or by default
    those of whoever this machine trains now.

    Why per trainee: on a shared machine, "Who is training" changes hands, and the next
    trainee must never see, share from or export the previous one's deck. The decks
    folder itself belongs to its first trainee (named in ``.owner``, written the first
    time one is asked for), so a machine with one trainee keeps its decks where they
    always were; every other trainee gets ``.trainees/<id>/``. Nothing is ever moved, so
    a crash cannot hand one trainee's deck to another.
    """
    folder = decks_root()
    if trainee_id is None:
        trainee_id = machine_trainee()
        if trainee_id is None:
            return folder
    if not _SAFE_ID.match(trainee_id) or ".." in trainee_id:
        raise ValueError(f"{trainee_id!r} cannot name a folder of decks")
    owner_file = folder / OWNER_FILE
    owner = owner_file.read_text(encoding="utf-8").strip() if owner_file.exists() else ""
    if not owner:
        write_private(owner_file, trainee_id + "\n")
        owner = trainee_id
    if owner == trainee_id:
        return folder
    return private_dir(folder / OTHERS / trainee_id)


def load_own_decks(trainee_id: str | None = None) -> tuple[dict[str, Deck], list[Diagnostic]]:
    """Every valid own deck by id, and the problems of any that are not: the trainee's
    own (see :func:`own_deck_dir`), by default those of whoever this machine trains."""
    decks: dict[str, Deck] = {}
    problems: list[Diagnostic] = []
    for path in sorted(own_deck_dir(trainee_id).glob("*.yaml")):
        loaded, found = load_file(path)
        problems.extend(found)
        if loaded is not None and isinstance(loaded.model, Deck):
            decks[loaded.model.id] = loaded.model
        elif loaded is not None:  # never dropped without a word
            line, col = loaded.at("kind")
            problems.append(Diagnostic(str(path), line, col, "PS108",
                                       f"your decks folder holds a {loaded.model.kind},"
                                       " not a deck; expected kind: deck"))
    return decks, problems


def broken_own_deck(broken: dict[str, list[Diagnostic]]) -> str:
    """The problems of the own deck's file (``file:line:col: CODE message`` lines) when
    it is among the ``broken`` deck files, else ''."""
    mine = [p for path, found in broken.items() if Path(path).stem == OWN_DECK_ID
            for p in found]
    return "\n".join(p.format() for p in mine)


def new_fragment_id(taken: set[str]) -> str:
    """A random opaque id: never made from the title, because ids appear in records."""
    while True:
        candidate = "piece-" + secrets.token_hex(4)
        if candidate not in taken:
            return candidate


LOCAL_HEADER = ("# Your own story deck. It is saved only on this computer and never leaves it\n"
                "# unless you export it yourself.\n")


def render(deck: Deck, header: str = LOCAL_HEADER) -> str:
    """The deck as YAML text in the documented format."""
    data = deck.model_dump(mode="json", exclude_defaults=True)
    data = {"kind": "deck", **{k: v for k, v in data.items() if k != "kind"}}
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=88)


def save_deck(deck: Deck, trainee_id: str | None = None) -> Path:
    """Validate and write ``deck`` atomically as a 0600 file; returns its path."""
    text = render(deck)
    target = own_deck_dir(trainee_id) / f"{deck.id}.yaml"
    if target.exists():  # a file there that does not read as a deck is someone's words
        there, trouble = load_file(target)
        if there is None or not isinstance(there.model, Deck):
            why = trouble[0].message if trouble else "it is not a deck"
            raise ValueError(f"{target} could not be read ({why}), so it is kept as it is;"
                             " fix it or move it away first")
    loaded, problems = load_text(str(target), text.encode())
    if loaded is None:
        raise ValueError("; ".join(p.message for p in problems))
    write_private(target, text)
    return target


def with_fragment(deck: Deck | None, fragment: Fragment, owner: str) -> Deck:
    """``deck`` with ``fragment`` added or replaced (a new own deck when None)."""
    if deck is None:
        return Deck(kind="deck", id=OWN_DECK_ID, title="My story", owner=owner,
                    practice=False, fragments=[fragment])
    kept = [f for f in deck.fragments if f.id != fragment.id]
    index = next((i for i, f in enumerate(deck.fragments) if f.id == fragment.id), len(kept))
    kept.insert(index, fragment)
    return deck.model_copy(update={"fragments": kept})


def without_fragment(deck: Deck, fragment_id: str) -> Deck | None:
    """``deck`` without that fragment; None when nothing would be left."""
    kept = [f for f in deck.fragments if f.id != fragment_id]
    return deck.model_copy(update={"fragments": kept}) if kept else None


def delete_deck(deck_id: str, trainee_id: str | None = None) -> None:
    """Remove an own deck file."""
    (own_deck_dir(trainee_id) / f"{deck_id}.yaml").unlink(missing_ok=True)


class DeckShelf(Protocol):
    """Where a trainee's own decks are kept, and what the editor tells them about it."""

    privacy: str  # shown above the editor: where the deck is kept, who can see it
    saved_note: str  # shown after a save

    def load(self) -> tuple[dict[str, Deck], list[Diagnostic]]:
        """Every valid own deck by id, and the problems of any that are not."""
        ...

    def save(self, deck: Deck) -> None:
        """Validate and keep ``deck``; raises ValueError (invalid) or OSError (not kept)."""
        ...

    def delete(self, deck_id: str) -> None:
        """Remove an own deck; raises OSError when that fails."""
        ...


class FolderShelf:
    """The terminal app's shelf: 0600 files in this machine's data folder, in the folder
    of the trainee it was made for (none: the decks folder itself)."""

    privacy = ("Your deck is saved only on this computer, in your peersim data folder. It"
               " never leaves this machine and never appears in an export unless you say so.")
    saved_note = "Saved on this computer."

    def __init__(self, trainee_id: str | None = None) -> None:
        self.trainee_id = trainee_id

    def load(self) -> tuple[dict[str, Deck], list[Diagnostic]]:
        """This trainee's decks in the data folder."""
        return load_own_decks(self.trainee_id)

    def save(self, deck: Deck) -> None:
        """Write the deck file atomically."""
        save_deck(deck, self.trainee_id)

    def delete(self, deck_id: str) -> None:
        """Remove the deck file."""
        delete_deck(deck_id, self.trainee_id)
class ExportError(PeersimError, ValueError):
    """A copy of a deck could not be written; the message is a sentence for the trainee."""

    title = "Deck not copied"


def export_deck(deck: Deck, target: Path, *, include_private: bool = False) -> int:
    """Write a copy of ``deck`` to ``target`` (a file the trainee chose), readable only by
    them (0600); returns how many pieces it holds.

    Pieces marked private stay out unless ``include_private``: the trainee says so each
    time. An existing file is never overwritten, so an export cannot destroy anything.
    Raises :class:`ExportError` with a sentence for the trainee.
    """
    target = target.expanduser()
    pieces = [f for f in deck.fragments if include_private or not f.private]
    if not pieces:
        raise ExportError("Every piece is marked private. Tick the box to include them.")
    if target.exists():
        raise ExportError(f"There is already a file at {target}. Choose another name.")
    if not target.parent.is_dir():
        raise ExportError(f"There is no folder {target.parent}. Choose a folder that exists.")
    try:
        write_private(target, render(deck.model_copy(update={"fragments": pieces})))
    except OSError as exc:
        raise ExportError(f"It could not be written there ({exc.strerror or exc})."
                          " Choose another place.") from exc
    return len(pieces)
