"""Checks that a phrasebook speaks the library's vocabulary.

The phrasebook's words are keyed by theme, reading and word ids; a misspelt id
would silently never be named in a typed response, so it is the same mistake as a
misspelt theme in a scenario (PS305) or an unknown acceptance word (PS330).
"""

from __future__ import annotations

from simulator.loading.diagnostics import Diagnostic
from simulator.loading.documents import Loaded
from simulator.loading.library import Library
from simulator.loading.suggest import did_you_mean
from simulator.model import Phrasebook


def check_phrasebook(loaded: Loaded, library: Library) -> list[Diagnostic]:
    """Every theme, reading and word a phrasebook gives words for is in the vocabulary."""
    book: Phrasebook = loaded.model
    out: list[Diagnostic] = []
    themes = library.themes()
    for theme in book.themes:
        if theme not in themes:
            line, col = loaded.at("themes", theme, key=True)
            out.append(Diagnostic(loaded.path, line, col, "PS305",
                                  f"unknown theme {theme!r}{did_you_mean(theme, themes)};"
                                  " themes are listed in rubrics/themes.yaml"))
    for section, what in (("readings", "reading"), ("words", "word")):
        known = library.acceptance_terms(section)
        for term in getattr(book, section):
            if term not in known:
                line, col = loaded.at(section, term, key=True)
                out.append(Diagnostic(loaded.path, line, col, "PS330",
                                      f"unknown {what} {term!r}{did_you_mean(term, known)};"
                                      f" they are listed under {section}: in"
                                      " rubrics/acceptance.yaml"))
    return out
