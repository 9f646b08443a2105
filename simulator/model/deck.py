"""Story decks: a person's recovery story cut into tagged fragments.

The tags make scoring mechanical and explainable: the rubric engine reads them,
never the fragment's text, so a trainee's own words are never judged by a guess.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from simulator.model.common import LAX, AsksFor, Id, Level, Phase, ShortText, Strict, Text


class Fragment(Strict):
    """One piece of a story that a peer might share."""

    id: Id
    title: ShortText
    text: Text = Field(min_length=1)
    themes: list[Id] = Field(min_length=1, max_length=8)
    phase: Annotated[Phase, LAX]
    intensity: Level = Field(description="How much raw detail: 0 a passing mention, 3 graphic.")
    self_cost: Level = Field(description="What telling it costs the teller: 0 nothing, 3 a lot.")
    private: bool = Field(default=False, description="Kept for yourself; not for sharing.")
    offers: list[Annotated[AsksFor, LAX]] = Field(
        default_factory=list,
        description="What this fragment can give a listener; derived from phase when empty.",
    )
    avoid_with: list[Id] = Field(
        default_factory=list,
        description="Themes of the moment that make this fragment a poor fit (e.g. crisis).",
    )
    judges: list[Id] = Field(
        default_factory=list, max_length=12,
        description="Ways of getting by (acceptance vocabulary) this piece would sound like a"
        " verdict on, told to someone who gets by that way (e.g. a piece about how stopping"
        " medication went wrong, told to someone who has stopped).",
    )
    labels: list[Id] = Field(
        default_factory=list, max_length=12,
        description="Words (acceptance vocabulary) the piece uses for people, e.g. 'addict'.",
    )


class Deck(Strict):
    """A file of fragments (``kind: deck``)."""

    kind: Literal["deck"]
    id: Id
    title: ShortText
    owner: ShortText = Field(description="Whose story this is, in their own words.")
    about: Text = ""
    practice: bool = Field(default=True, description="A fictional practice deck that ships.")
    content_notes: list[ShortText] = Field(
        default_factory=list,
        description="What the story touches on, shown before the deck is browsed or shared"
        " from, as for scenarios.",
    )
    fragments: list[Fragment] = Field(min_length=1, max_length=500)

    def fragment(self, fragment_id: str) -> Fragment | None:
        """Return the fragment with this id, if the deck has one."""
        for fragment in self.fragments:
            if fragment.id == fragment_id:
                return fragment
        return None
