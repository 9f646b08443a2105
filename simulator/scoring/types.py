"""Plain result types shared by the scorer, the engine, the records and the UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class CriterionScore:
    """One criterion's level on one turn, with the reason a trainee can read."""

    criterion: str
    level: int
    raw: float
    reason: str
    source: str  # "author" for authored evidence, else the built-in measure's name

    def as_dict(self) -> dict[str, Any]:
        """Plain data for saving."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TurnScore:
    """Everything the scorer says about one choice."""

    scores: tuple[CriterionScore, ...]
    band: str  # strong, partial or weak
    mean: float
    events: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def level(self, criterion: str) -> int | None:
        """This turn's level on ``criterion``, if it was scored."""
        for score in self.scores:
            if score.criterion == criterion:
                return score.level
        return None


def clip_level(raw: float) -> int:
    """Round half up and keep within the anchored 0-3 scale."""
    return max(0, min(3, int(raw + 0.5)))
