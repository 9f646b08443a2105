"""The controlled vocabulary of themes shared by decks and scenarios.

Scoring compares a fragment's themes with what the person is concerned with, so
both sides must speak one vocabulary; a misspelt theme would silently score zero.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from simulator.model.common import Id, ShortText, Strict, Text


class Theme(Strict):
    """One theme: a plain-words label and what it covers."""

    label: ShortText
    description: Text = ""
    risk: bool = Field(
        default=False,
        description="Names a risk itself (thoughts of suicide, overdose...); only these may be"
        " a safety beat's notice themes.",
    )


class Term(Strict):
    """A word of the acceptance vocabulary: a plain-words label and what it covers."""

    label: ShortText
    description: Text = ""


class Vocabulary(Strict):
    """A file of themes, or of the acceptance vocabulary (``kind: vocabulary``).

    Radical acceptance is scored from tags, like selectivity, so the words those
    tags use are data a trainer can read and extend: the **ways** people get by that
    others can read as a failing (keeping their story private, stopping medication,
    using to cope...), the **words** (labels) people may reject for themselves, and
    the **readings** a trainee can give of a disclosed way. Which readings and words
    judge, and what each deduction weighs, is the rubric's to say.
    """

    kind: Literal["vocabulary"]
    id: Id
    title: ShortText
    themes: dict[Id, Theme] = Field(default_factory=dict)
    ways: dict[Id, Term] = Field(
        default_factory=dict, description="Ways of getting by that a person may disclose.")
    words: dict[Id, Term] = Field(
        default_factory=dict, description="Labels a person may reject for themselves.")
    readings: dict[Id, Term] = Field(
        default_factory=dict, description="How a trainee may read what was disclosed.")

    @model_validator(mode="after")
    def _not_empty(self) -> Vocabulary:
        if not (self.themes or self.ways or self.words or self.readings):
            raise ValueError("a vocabulary needs at least one of: themes, ways, words, readings")
        return self

    def label(self, vocab_id: str) -> str | None:
        """The label of a theme, way, word or reading in this file, if it has it."""
        for section in (self.themes, self.ways, self.words, self.readings):
            if vocab_id in section:
                return section[vocab_id].label
        return None
