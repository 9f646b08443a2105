"""Plain result types shared by the scorer, the engine, the records and the UI.

Reasons, advice and notes are :class:`~simulator.wording.Message` values (ids and
parameters), rendered into words only where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.wording import Message, sentences


@dataclass(frozen=True, slots=True)
class Told:
    """What has passed between you so far that scoring weighs, kept with the session:
    the ways of getting by they disclosed, the words they reject, whether your line just
    before asked permission to share, the pieces of your story already told, whether
    they invited a share here, and whether you listened at this beat first."""

    disclosed: frozenset[str] = frozenset()
    rejects: frozenset[str] = frozenset()
    asked: bool = False
    shared: frozenset[str] = frozenset()
    invited: bool = True
    listened: bool = True


@dataclass(frozen=True, slots=True)
class Measured:
    """What a built-in measure found: the raw value, why, and what to do next time."""

    raw: float
    reason: list[Message]
    advice: list[Message] = field(default_factory=list)
    cap: str | None = None  # the best band the turn can reach after this finding
    kinds: frozenset[str] = frozenset()  # what kind of share the person heard (ShareKind)


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One criterion's level on one turn, with the reason a trainee can read and the
    advice that follows from what fell short (None when nothing did, or for authored
    turns, whose author's feedback is the coaching)."""

    criterion: str
    level: int
    raw: float
    reason: Message
    source: str  # "author" for authored evidence, else the built-in measure's name
    advice: Message | None = None


def scored(criterion: str, measured: Measured, source: str) -> CriterionScore:
    """A measure's finding as a criterion score."""
    advice = sentences(measured.advice) if measured.advice else None
    return CriterionScore(criterion, clip_level(measured.raw), round(measured.raw, 4),
                          sentences(measured.reason), source, advice)


@dataclass(frozen=True, slots=True)
class TurnScore:
    """Everything the scorer says about one choice."""

    scores: tuple[CriterionScore, ...]
    band: str  # strong, partial or weak
    mean: float
    events: tuple[str, ...] = ()
    notes: tuple[Message, ...] = field(default=())
    kind: str = ""  # line, reflect, share or hold-back (a share of nothing)
    share_kind: str = ""  # for a share: what the person heard (fits, verdict, too-much...)
    skill: bool = False  # a hold-back at a beat whose author marks holding back as the skill

    def level(self, criterion: str) -> int | None:
        """This turn's level on ``criterion``, if it was scored."""
        for score in self.scores:
            if score.criterion == criterion:
                return score.level
        return None

    def score(self, criterion: str) -> CriterionScore | None:
        """This turn's score on ``criterion``, if it was scored."""
        return next((s for s in self.scores if s.criterion == criterion), None)


def clip_level(raw: float) -> int:
    """Round half up and keep within the anchored 0-3 scale."""
    return max(0, min(3, int(raw + 0.5)))
