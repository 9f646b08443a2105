"""A typed response read as the choices the picking dialogs offer.

Why: a typed turn must feed the same measures as a picked one (issue 19). The
reflect dialog picks concerns, what the person asks for and a reading; the share
dialog picks permission, hand-back, detail and a framing. These functions say what a
typed response amounts to in those terms, so the engine can score it with the
measures it already has. Where the text names nothing (no ask, no reading) the
answer is None, never a guess: the scorer decides what an unnamed ask is worth.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.model.plan import Detail, Framing
from simulator.words.results import Explained


@dataclass(frozen=True)
class ReflectChoices:
    """What a typed reflection names."""

    concerns: tuple[str, ...]
    asks_for: str | None
    reading: str | None


@dataclass(frozen=True)
class ShareChoices:
    """How a typed share is put."""

    permission: bool
    hand_back: bool
    detail: Detail
    framing: Framing


def reflect_choices(result: Explained, judging: frozenset[str] = frozenset()) -> ReflectChoices:
    """The concerns, ask and reading a typed reflection names. Of several readings a
    judging one (in ``judging``) wins: acceptance is not averaged away."""
    readings = result.readings
    reading = next((r for r in readings if r in judging), readings[0] if readings else None)
    return ReflectChoices(tuple(result.concerns), result.asks_for, reading)


def share_choices(result: Explained) -> ShareChoices:
    """Permission, hand-back, detail and framing of a typed share. Claimed sameness
    outranks a lesson, which outranks offering it as yours: the harm is what counts."""
    if result.has("claims_sameness"):
        framing = Framing.sameness
    elif result.has("advice"):
        framing = Framing.lesson
    elif result.has("owned"):
        framing = Framing.offered
    else:
        framing = Framing.plain
    return ShareChoices(
        permission=result.has("asks_permission"), hand_back=result.has("hands_back"),
        detail=Detail.brief if result.brief else Detail.detailed, framing=framing)
