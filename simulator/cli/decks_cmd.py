"""``peersim decks``: the story decks and their pieces, titles first.

Why titles only by default: the practice decks are fictional, but they are still
stories about hard times, and a trainee's own deck is their real history. So the
words of a piece are printed only with ``--text``, and a trainee's own decks are listed
only with ``--own`` (their words only with both).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from simulator.cli.output import CliError, emit_json, print_diagnostics
from simulator.loading.diagnostics import has_errors
from simulator.loading.library import load_library
from simulator.model import Deck


def _deck_data(deck: Deck, label: Callable[[str], str], *, text: bool,
               own: bool) -> dict[str, object]:
    pieces = []
    for fragment in deck.fragments:
        piece: dict[str, object] = {
            "id": fragment.id, "title": fragment.title,
            "themes": [label(t) for t in fragment.themes], "phase": fragment.phase.value,
            "intensity": fragment.intensity, "self_cost": fragment.self_cost,
            "private": fragment.private}
        if text:
            piece["text"] = fragment.text
        pieces.append(piece)
    return {"id": deck.id, "title": deck.title, "owner": deck.owner,
            "kind": "own" if own else "practice", "pieces": pieces}


def cmd_decks(args: argparse.Namespace) -> int:
    """List decks (the library's, or those in the given files) and their pieces."""
    library, problems = load_library(list(args.paths), with_shipped=not args.paths)
    if has_errors(problems):
        print_diagnostics(problems)
        raise CliError("fix the problems above first (peersim validate shows them all)", 1)
    decks = [(library.deck(deck_id), False) for deck_id in sorted(library.decks)]
    if args.own:
        from simulator.owndecks import load_own_decks

        own, _own_problems = load_own_decks()
        decks += [(own[deck_id], True) for deck_id in sorted(own)]
    if args.deck:
        decks = [(d, o) for d, o in decks if d.id in args.deck]
        missing = sorted(set(args.deck) - {d.id for d, _o in decks})
        if missing:
            raise CliError(f"no deck {', '.join(map(repr, missing))}; peersim decks lists them"
                           + ("" if args.own else " (add --own for your own decks)"), 1)
    data = [_deck_data(d, library.theme_label, text=args.text, own=o) for d, o in decks]
    if args.json:
        emit_json(data)
        return 0
    if not data:
        print("no decks")
    for deck in data:
        pieces = deck["pieces"]
        assert isinstance(pieces, list)
        kind = "your own deck" if deck["kind"] == "own" else "practice deck"
        print(f"{deck['id']}: {deck['title']} ({kind}, {deck['owner']},"
              f" {len(pieces)} piece{'s' if len(pieces) != 1 else ''})")
        for piece in pieces:
            private = ", kept private" if piece["private"] else ""
            print(f"  {piece['id']}: {piece['title']} ({', '.join(piece['themes'])};"
                  f" {piece['phase']}, detail {piece['intensity']}, cost to tell"
                  f" {piece['self_cost']}{private})")
            if args.text:
                print("    " + " ".join(str(piece["text"]).split()))
    return 0
