"""Names beside ids: scenario titles and summaries, criterion names, for gradebooks.

Why: a gradebook column headed ``loud-again`` or a row saying ``mutuality`` means
little to the person who reads it in an LMS; the title and the name do. The ids stay
beside them so a programme can still join files on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.records import StoreError

if TYPE_CHECKING:
    from simulator.loading.library import Library


@dataclass(frozen=True)
class Names:
    """What each id is called; an unknown id is its own name."""

    scenarios: dict[str, tuple[str, str]] = field(default_factory=dict)  # title, summary
    criteria: dict[str, str] = field(default_factory=dict)
    pass_marks: dict[str, float] = field(default_factory=dict)  # scenario id -> pass mark
    themes: dict[str, str] = field(default_factory=dict)  # theme id -> its label

    def label(self, vocab_id: str) -> str:
        """A theme's label in words, as the trainee saw it (the id in words if unknown)."""
        return self.themes.get(vocab_id) or vocab_id.replace("-", " ")

    def title(self, scenario_id: str) -> str:
        """The scenario's title."""
        return self.scenarios.get(scenario_id, (scenario_id, ""))[0]

    def summary(self, scenario_id: str) -> str:
        """The scenario's one-paragraph summary ('' when unknown)."""
        return " ".join(self.scenarios.get(scenario_id, ("", ""))[1].split())

    def criterion(self, criterion_id: str, fallback: str = "") -> str:
        """The criterion's name (the stored one, else its id, when unknown)."""
        return self.criteria.get(criterion_id, fallback or criterion_id)

    @classmethod
    def of(cls, library: Library) -> Names:
        """Every scenario and criterion of a loaded library."""
        scenarios = {}
        marks = {}
        criteria: dict[str, str] = {}
        for rubric_id in library.rubrics:
            criteria.update({c: v.name for c, v in library.rubric(rubric_id).criteria.items()})
        for scenario_id in library.scenarios:
            scenario = library.scenario(scenario_id)
            scenarios[scenario_id] = (scenario.title, scenario.summary)
            if scenario.rubric in library.rubrics:
                marks[scenario_id] = library.rubric(scenario.rubric).pass_mark
        themes = {t: library.theme_label(t) for t in library.themes()}
        for section in ("ways", "words", "readings"):
            themes.update(library.acceptance_terms(section))
        return cls(scenarios, criteria, marks, themes)


NO_NAMES = Names()

ROSTER_FILE = "roster.sqlite3"


def roster_names(folder: Path | None = None) -> Callable[[str], str]:
    """For the trainer's side only: "Ann Lee (t-4322f3b71a66)" for a trainee id the
    programme's roster names, the id alone otherwise (no roster, or not in it).

    Why: a trainer reading a review or a picker needs the person, not an opaque id; the
    names stay in the separate roster file and are never written into a record, an
    export or anything a trainee sees. The roster is only read, never created here.
    """
    from simulator.paths import data_dir
    from simulator.records.cohorts import Roster

    path = (folder if folder is not None else data_dir()) / ROSTER_FILE
    found: dict[str, str] = {}

    def named(trainee_id: str) -> str:
        if trainee_id not in found:
            found[trainee_id] = trainee_id
            if path.is_file():
                try:
                    roster = Roster(path)
                    try:
                        entry = roster.lookup(trainee_id)
                    finally:
                        roster.close()
                except StoreError:  # an unreadable roster: the id still says who
                    entry = None
                if entry and entry[0].strip():
                    found[trainee_id] = f"{' '.join(entry[0].split())} ({trainee_id})"
        return found[trainee_id]

    return named


def titled(names: Names, scenario_id: str) -> str:
    """"Loud again (loud-again)": the title a trainer reads, with the id to join on."""
    title = names.title(scenario_id)
    return scenario_id if title == scenario_id else f"{title} ({scenario_id})"
