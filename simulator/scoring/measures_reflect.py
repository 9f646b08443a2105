"""Built-in measures for a reflection: how well you heard what the person said and asked.

Listening accuracy is the share of the person's concern (by weight) you named,
less one for each thing you named that they did not say, less one if you misread
what they were asking for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.model.plan import ReflectStep
from simulator.model.rubric import Acceptance, ReflectMeasure
from simulator.model.scenario import Beat
from simulator.scoring.types import Measured, Told
from simulator.wording import Message, msg


@dataclass(frozen=True)
class ReflectContext:
    """A reflection against its beat."""

    beat: Beat
    step: ReflectStep
    label: Callable[[str], str]
    told: Told = field(default_factory=Told)
    rules: Acceptance | None = None

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


def listening(ctx: ReflectContext) -> Measured:
    """How accurately the reflection names the concerns and the ask."""
    raw = 3 * ctx.covered()
    why: list[Message] = []
    todo: list[Message] = []
    heard = [t for t in ctx.step.concerns if t in ctx.beat.concerns]
    if heard:
        why.append(msg("reflect.listening.heard", themes=heard))
    missed = ctx.missed()
    if missed:
        why.append(msg("reflect.listening.missed", themes=missed))
        todo.append(msg("advice.listening.missed", themes=missed))
    wrong = ctx.wrong()
    if wrong:
        raw -= len(wrong)
        why.append(msg("reflect.listening.wrong", themes=wrong))
        todo.append(msg("advice.listening.wrong", themes=wrong))
    ask = ctx.beat.asks_for.value
    if ctx.ask_right():
        why.append(msg("reflect.listening.ask-right", ask=ask))
    else:
        raw -= 1
        why.append(msg("reflect.listening.ask-wrong", ask=ask, asks=ctx.step.asks_for.value))
        todo.append(msg("advice.listening.ask", ask=ask))
    return Measured(raw, why, todo)


def focus(ctx: ReflectContext) -> Measured:
    """Did the reflection stay on what they want from you?"""
    ask = ctx.beat.asks_for.value
    if ctx.ask_right() and ctx.covered() >= 0.5:
        return Measured(3.0, [msg("reflect.focus.kept")])
    if ctx.ask_right():
        top = max(ctx.beat.concerns.items(), key=lambda kv: kv[1])[0]
        return Measured(2.0, [msg("reflect.focus.partly")],
                        [msg("advice.reflect.heaviest", theme=top)])
    return Measured(1.0, [msg("reflect.focus.missed", ask=ask)],
                    [msg("advice.listening.ask", ask=ask)])


REFLECT_MEASURES: dict[ReflectMeasure, Callable[[ReflectContext], Measured]] = {
    ReflectMeasure.listening: listening,
    ReflectMeasure.focus: focus,
}
