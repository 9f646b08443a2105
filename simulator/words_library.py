"""A :class:`~simulator.words.Setting` from a loaded library: the bridge between the
library (phrasebook, vocabularies, scenarios, rubrics) and the headless detectors.

Why a module of its own: the detectors sit below the loader (the engine and scoring
may use them) so they cannot read a library; the CLI, the UI, the benchmark and the
corpus tests all build their setting here, the same way.
"""

from __future__ import annotations

from simulator.errors import PeersimError
from simulator.loading.library import Library
from simulator.model import Phrasebook, Vocabulary
from simulator.words import Explained, Mode, Setting, explain


class NoPhrasebook(PeersimError, LookupError):
    """The library has no phrasebook for the language asked for."""

    title = "No phrasebook"


def labels(library: Library) -> dict[str, str]:
    """Every vocabulary id (themes, ways, words, readings) -> its plain-words label."""
    out: dict[str, str] = {}
    for loaded in library.vocabularies.values():
        vocab: Vocabulary = loaded.model
        for section in (vocab.themes, vocab.ways, vocab.words, vocab.readings):
            out.update({key: term.label for key, term in section.items()})
    return out


def theme_texts(library: Library, book: Phrasebook | None = None) -> dict[str, str]:
    """Theme id -> its label, description and (from the phrasebook) the words that name
    it: the text paraphrase is measured against."""
    out: dict[str, str] = {}
    for loaded in library.vocabularies.values():
        vocab: Vocabulary = loaded.model
        for key, theme in vocab.themes.items():
            words = ", ".join(book.themes.get(key, [])[:12]) if book is not None else ""
            out[key] = f"{theme.label}: {theme.description}" + (f". {words}" if words else "")
    return out


def setting(library: Library, scenario_id: str | None = None, beat_id: str | None = None,
            *, language: str = "en", paraphrase: bool = True) -> Setting:
    """The setting for a beat of a scenario (or for no beat). KeyError names an unknown
    scenario or beat; :class:`NoPhrasebook` a missing phrasebook."""
    book = library.phrasebook(language)
    if book is None:
        raise NoPhrasebook(language)
    scenario = library.scenario(scenario_id) if scenario_id is not None else None
    rubric = None
    if scenario is not None and scenario.rubric in library.rubrics:
        rubric = library.rubric(scenario.rubric)
    if scenario is not None and beat_id is not None and beat_id not in scenario.beats:
        raise KeyError(beat_id)
    return Setting.of(book, scenario, beat_id, rubric, labels(library), theme_texts(library, book),
                      paraphrase=paraphrase)


def explain_in(library: Library, text: str, mode: Mode, scenario_id: str | None = None,
               beat_id: str | None = None) -> Explained:
    """Explain ``text`` typed as ``mode`` at a beat of a scenario (or at no beat): the
    one call a screen needs. Build a :func:`setting` once and call
    :func:`simulator.words.explain` yourself when reading many turns at one beat."""
    return explain(text, mode, setting(library, scenario_id, beat_id))
