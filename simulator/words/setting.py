"""Everything the detectors read besides the text: the phrasebook, and the beat.

Why one object: the UI, the CLI, the benchmark and the tests each know a beat in
their own way (a live engine, an id on the command line, a corpus row); they all
build a :class:`Setting` and call :func:`simulator.words.explain` with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.model import Phrasebook, Rubric, Scenario
from simulator.model.scenario import Beat


@dataclass(frozen=True)
class Setting:
    """The phrasebook, and (optionally) the beat a response answers and who says it."""

    book: Phrasebook
    beat: Beat | None = None
    beat_id: str | None = None
    #: words (acceptance vocabulary ids) the person rejects for themselves
    rejects: tuple[str, ...] = ()
    #: readings and words the rubric counts as judging
    judging_readings: frozenset[str] = frozenset()
    judging_words: frozenset[str] = frozenset()
    #: vocabulary id -> plain-words label, for notes and for matching words by label
    labels: Mapping[str, str] = field(default_factory=dict)
    #: theme id -> its label and description, for paraphrase by the embedding model
    theme_texts: Mapping[str, str] = field(default_factory=dict)
    #: the person's name, so "Lena, what happened?" opens as a question
    name: str = ""
    #: whether the embedding model may be used for paraphrase (tests turn it off)
    paraphrase: bool = True

    @classmethod
    def of(cls, book: Phrasebook, scenario: Scenario | None = None, beat_id: str | None = None,
           rubric: Rubric | None = None, labels: Mapping[str, str] | None = None,
           theme_texts: Mapping[str, str] | None = None, paraphrase: bool = True) -> Setting:
        """A setting for a beat of a scenario (KeyError when the beat is not there)."""
        beat = scenario.beats[beat_id] if scenario is not None and beat_id is not None else None
        judging_r: frozenset[str] = frozenset()
        judging_w: frozenset[str] = frozenset()
        if rubric is not None and rubric.acceptance is not None:
            judging_r = frozenset(rubric.acceptance.judging_readings)
            judging_w = frozenset(rubric.acceptance.judging_words)
        return cls(
            book=book, beat=beat, beat_id=beat_id if beat is not None else None,
            rejects=tuple(scenario.persona.rejects) if scenario is not None else (),
            judging_readings=judging_r, judging_words=judging_w, labels=dict(labels or {}),
            theme_texts=dict(theme_texts or {}),
            name=scenario.persona.name.split()[0].lower() if scenario is not None else "",
            paraphrase=paraphrase)

    def label(self, vocab_id: str) -> str:
        """A vocabulary id's label, or the id itself."""
        return self.labels.get(vocab_id, vocab_id.replace("-", " "))
