"""Built-in measures for a reflection: how well you heard what the person said and asked.

Listening accuracy is the share of the person's concern (by weight) you named,
less one for each thing you named that they did not say, less one if you misread
what they were asking for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from simulator.model.plan import ReflectStep
from simulator.model.scenario import Beat

_ASK_WORDS = {
    "validation": "to be heard and believed",
    "hope": "hope",
    "practical": "practical help",
    "information": "information",
}


@dataclass(frozen=True)
class ReflectContext:
    """A reflection against its beat."""

    beat: Beat
    step: ReflectStep
    label: Callable[[str], str]

    def covered(self) -> float:
        """Share of the concern weight the trainee named, 0 to 1."""
        total = sum(self.beat.concerns.values()) or 1.0
        return sum(w for t, w in self.beat.concerns.items() if t in self.step.concerns) / total

    def wrong(self) -> list[str]:
        """Themes named that the person did not raise."""
        return [t for t in self.step.concerns if t not in self.beat.concerns]

    def missed(self) -> list[str]:
        """Concerns not named, heaviest first."""
        left = [(w, t) for t, w in self.beat.concerns.items() if t not in self.step.concerns]
        return [t for _w, t in sorted(left, reverse=True)]

    def ask_right(self) -> bool:
        """True when the trainee heard what the person was asking for."""
        return self.step.asks_for == self.beat.asks_for


def listening(ctx: ReflectContext) -> tuple[float, str]:
    """How accurately the reflection names the concerns and the ask."""
    raw = 3 * ctx.covered()
    parts: list[str] = []
    heard = [ctx.label(t) for t in ctx.step.concerns if t in ctx.beat.concerns]
    if heard:
        parts.append(f"You heard {', '.join(heard)}.")
    missed = ctx.missed()
    if missed:
        parts.append(f"You missed {', '.join(ctx.label(t) for t in missed)}.")
    wrong = ctx.wrong()
    if wrong:
        raw -= len(wrong)
        parts.append(f"They did not talk about {', '.join(ctx.label(t) for t in wrong)}.")
    if ctx.ask_right():
        parts.append(f"You heard that they want {_ASK_WORDS[ctx.beat.asks_for.value]}.")
    else:
        raw -= 1
        parts.append(f"They want {_ASK_WORDS[ctx.beat.asks_for.value]}, not"
                     f" {_ASK_WORDS[ctx.step.asks_for.value]}.")
    return raw, " ".join(parts)


def focus(ctx: ReflectContext) -> tuple[float, str]:
    """Did the reflection stay on what they want from you?"""
    if ctx.ask_right() and ctx.covered() >= 0.5:
        return 3.0, "You kept to what they want from you right now."
    if ctx.ask_right():
        return 2.0, "You heard what they want, but not most of what is weighing on them."
    return 1.0, (f"They want {_ASK_WORDS[ctx.beat.asks_for.value]}; naming that is how they know"
                 " you are with them.")


REFLECT_MEASURES: dict[str, Callable[[ReflectContext], tuple[float, str]]] = {
    "listening": listening,
    "focus": focus,
}
