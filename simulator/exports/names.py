"""Names beside ids: scenario titles and summaries, criterion names, for gradebooks.

Why: a gradebook column headed ``loud-again`` or a row saying ``mutuality`` means
little to the person who reads it in an LMS; the title and the name do. The ids stay
beside them so a programme can still join files on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
