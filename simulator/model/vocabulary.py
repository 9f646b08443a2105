"""The controlled vocabulary of themes shared by decks and scenarios.

Scoring compares a fragment's themes with what the person is concerned with, so
both sides must speak one vocabulary; a misspelt theme would silently score zero.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

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


class Vocabulary(Strict):
    """A file of themes (``kind: vocabulary``)."""

    kind: Literal["vocabulary"]
    id: Id
    title: ShortText
    themes: dict[Id, Theme] = Field(min_length=1)
