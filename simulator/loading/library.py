"""A library: every scenario, deck, rubric and vocabulary loaded from a set of paths.

Cross-file facts (which themes exist, which rubric a scenario is scored by, which
ids are taken twice) only make sense over the whole set, so they live here.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from simulator.loading.companions import Companion, find_companions
from simulator.loading.diagnostics import Diagnostic, Severity
from simulator.loading.documents import Loaded, cannot_read, load_file
from simulator.loading.safeyaml import Reads
from simulator.model import Deck, Phrasebook, Plan, Rubric, Scenario, Vocabulary
from simulator.paths import library_folders

SUFFIXES = (".yaml", ".yml")


@dataclass
class Library:
    """Loaded files by kind and id; ``context`` files come from the shipped content."""

    scenarios: dict[str, Loaded] = field(default_factory=dict)
    decks: dict[str, Loaded] = field(default_factory=dict)
    rubrics: dict[str, Loaded] = field(default_factory=dict)
    vocabularies: dict[str, Loaded] = field(default_factory=dict)
    plans: dict[str, Loaded] = field(default_factory=dict)
    phrasebooks: dict[str, Loaded] = field(default_factory=dict)
    #: files given by the user (checked), as opposed to shipped context
    given: set[str] = field(default_factory=set)
    #: how many files were read from the given paths, loadable or not
    files_read: int = 0
    #: files read because a given file names what they hold and they sit beside it
    companions: list[Companion] = field(default_factory=list)

    def companion_notes(self) -> list[str]:
        """Which files beside the given ones were used, one line each."""
        return [c.note() for c in self.companions]

    def bucket(self, kind: str) -> dict[str, Loaded]:
        """The dictionary that holds files of ``kind``."""
        return {
            "scenario": self.scenarios,
            "deck": self.decks,
            "rubric": self.rubrics,
            "vocabulary": self.vocabularies,
            "plan": self.plans,
            "phrasebook": self.phrasebooks,
        }[kind]

    def themes(self) -> set[str]:
        """Every theme id in every vocabulary."""
        out: set[str] = set()
        for loaded in self.vocabularies.values():
            out.update(loaded.model.themes)
        return out

    def risk_themes(self) -> set[str]:
        """The themes that name a risk itself (``risk: true``), for safety beats' notice."""
        out: set[str] = set()
        for loaded in self.vocabularies.values():
            vocab: Vocabulary = loaded.model
            out.update(t for t, theme in vocab.themes.items() if theme.risk)
        return out

    def theme_label(self, theme: str) -> str:
        """The plain-words label of a theme, or of a way, word or reading of the
        acceptance vocabulary (its id when unknown). Reasons are rendered with this."""
        for loaded in self.vocabularies.values():
            vocab: Vocabulary = loaded.model
            found = vocab.label(theme)
            if found is not None:
                return found
        return theme

    def acceptance_terms(self, section: str) -> dict[str, str]:
        """The ``ways``, ``words`` or ``readings`` of every vocabulary: id -> label."""
        out: dict[str, str] = {}
        for loaded in self.vocabularies.values():
            vocab: Vocabulary = loaded.model
            terms = getattr(vocab, section)
            out.update({term_id: term.label for term_id, term in terms.items()})
        return out

    def scenario(self, scenario_id: str) -> Scenario:
        """The scenario with this id; KeyError when there is none."""
        model: Scenario = self.scenarios[scenario_id].model
        return model

    def deck(self, deck_id: str) -> Deck:
        """The deck with this id; KeyError when there is none."""
        model: Deck = self.decks[deck_id].model
        return model

    def rubric(self, rubric_id: str) -> Rubric:
        """The rubric with this id; KeyError when there is none."""
        model: Rubric = self.rubrics[rubric_id].model
        return model

    def phrasebook(self, language: str = "en") -> Phrasebook | None:
        """The phrasebook the typed-words detectors read for ``language`` (a given
        file before a shipped one), or None when the library has none."""
        books: list[Phrasebook] = [lo.model for lo in self.phrasebooks.values()]
        given: list[Phrasebook] = [lo.model for lo in self.phrasebooks.values()
                                   if lo.path in self.given]
        for book in [*given, *books]:
            if book.language == language:
                return book
        return None

    def plan(self, plan_id: str) -> Plan:
        """The standalone plan with this id."""
        model: Plan = self.plans[plan_id].model
        return model


def expand(paths: list[str | Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files named by ``paths``; folders are searched for YAML files, sorted for stable output.

    A file or folder the system refuses to open is a PS110 diagnostic, and the
    search goes on with the rest.
    """
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            problems.append(Diagnostic(str(raw), 0, 0, "PS110", "no such file or folder"))
            continue
        except OSError as exc:
            problems.append(cannot_read(str(raw), "file or folder", exc))
            continue
        if stat.S_ISDIR(mode):
            files.extend(_search(path, problems))
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            problems.append(Diagnostic(str(raw), 0, 0, "PS110", "not a plain file or a folder"))
    return files, problems


def _search(folder: Path, problems: list[Diagnostic]) -> list[Path]:
    """The YAML files under ``folder``, sorted; links to folders are not followed."""
    found: list[Path] = []
    todo = [folder]
    while todo:
        current = todo.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError as exc:
            problems.append(cannot_read(str(current), "folder", exc))
            continue
        for entry in listed:
            child = current / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(child)
                elif child.suffix in SUFFIXES and entry.is_file():
                    found.append(child)
            except OSError as exc:
                problems.append(cannot_read(str(child), "file", exc))
    return sorted(found)


def _add(library: Library, loaded: Loaded, problems: list[Diagnostic], given: bool) -> None:
    model = loaded.model
    bucket = library.bucket(model.kind)
    other = bucket.get(model.id)
    if other is not None and (other.path in library.given or not given):
        line, col = loaded.at("id")
        problems.append(Diagnostic(
            loaded.path, line, col, "PS310",
            f"{model.kind} id {model.id!r} is already used by {other.path}",
        ))
        return
    bucket[model.id] = loaded
    if given:
        library.given.add(loaded.path)


def load_library(
    paths: list[str | Path], *, with_shipped: bool = True, lenient: bool = False
) -> tuple[Library, list[Diagnostic]]:
    """Load every file under ``paths``; shipped content fills in what they reference.

    Shipped files (and a programme's pack, see :func:`library_folders`) are context
    only: a given file with the same id replaces the shipped one (so a trainer can
    validate their edited copy), and problems are reported only for the given files.
    A file given by its path brings the files beside it that hold what it names (see
    :mod:`.companions`); they are checked like given files.
    ``lenient`` keeps the given files that have problems wherever a model can still be
    made (see :func:`~simulator.loading.documents.load_text`): for checking, not playing.
    """
    reads: Reads = {}  # each given file is read once, here or finding its companions
    library = Library(companions=find_companions(list(paths), reads))
    files, problems = expand([*paths, *(c.path for c in library.companions)])
    library.files_read = len(files)
    given_resolved = {f.resolve() for f in files}
    for path in files:
        loaded, found = load_file(path, lenient=lenient, reads=reads)
        problems.extend(found)
        if loaded is not None:
            _add(library, loaded, problems, given=True)
    if with_shipped:
        context, _ = expand([str(p) for p in library_folders()])
        for path in context:
            if path.resolve() in given_resolved:
                continue
            loaded, _found = load_file(path)
            if loaded is not None and loaded.model.id not in library.bucket(loaded.model.kind):
                _add(library, loaded, [], given=False)
    return library, problems


def errors_only(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Just the errors."""
    return [d for d in diagnostics if d.severity is Severity.error]
