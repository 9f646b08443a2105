"""A session: one trainee's run through a scenario, and the model of its state machine.

It holds only plain data (ids, numbers, the transcript) so it can be saved as JSON,
restored, replayed and recorded without pickling anything: these dataclasses are the
stored shape too (:mod:`simulator.engine.record` reads and writes them).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from simulator.model.plan import ReflectStep, Step
from simulator.model.scenario import Value
from simulator.scoring.types import TurnScore


def kind_of(step: Step) -> str:
    """The kind of turn a step is: line, share, hold-back (a share of nothing) or
    reflect; a reflection followed by a response is the response's kind."""
    if step.share is not None:
        return "share" if step.share.fragments else "hold-back"
    return "line" if step.line is not None else "reflect"


@dataclass(frozen=True)
class Reflection:
    """The reflection a turn began with: what it scored, and how the person answered."""

    score: TurnScore
    reaction: str


@dataclass
class Turn:
    """One recorded choice, what it scored and where it led."""

    index: int
    beat: str
    step: Step
    score: TurnScore
    next: str
    variables: dict[str, Value]
    reaction: str = ""
    gate_route: bool = False
    reflection: Reflection | None = None  # the reflection before the response, if any
    # with a reflection: the response's own scores (``score`` holds both parts together)
    response: TurnScore | None = None

    @property
    def responded(self) -> TurnScore:
        """The scores of what the trainee did after any reflection: the response's own in
        a two-part turn, else the turn's."""
        return self.response if self.response is not None else self.score


@dataclass(frozen=True)
class Position:
    """Where a session stands, without its transcript: what the store keeps on the
    session's row so recording a choice does not grow with the session."""

    state: str
    variables: dict[str, Value]
    visits: dict[str, int]
    heard: ReflectStep | None = None  # a reflection made and answered, awaiting its response
    attempts: int = 1  # "Try another way" starts the next attempt of the same session


@dataclass(frozen=True)
class TakenBack:
    """A turn a practice attempt took back with "Try another way": kept, scores and all,
    so the record shows every attempt, not only the one that stood."""

    attempt: int
    turn: Turn


@dataclass
class Session:
    """The machine's model: ``state`` is the current beat or ending id (set by transitions)."""

    session_id: str
    scenario_id: str
    scenario_version: int
    content_hash: str
    rubric_id: str
    deck_id: str | None
    variables: dict[str, Value]
    mode: str = "practice"  # "practice" or "assessment": the session's, nobody else's
    visits: dict[str, int] = field(default_factory=dict)
    transcript: list[Turn] = field(default_factory=list)
    state: str = ""
    heard: ReflectStep | None = None  # a reflection made and answered, awaiting its response
    attempts: int = 1  # 1 + how many times a practice session went back to try another way
    earlier: list[TakenBack] = field(default_factory=list)  # the turns those attempts took back

    def position(self) -> Position:
        """Where this session stands (its resumable position, without the transcript)."""
        return Position(self.state, dict(self.variables), dict(self.visits), self.heard,
                        self.attempts)

    def after(self, turn: Turn) -> Session:
        """A detached copy of this session as it will be once ``turn`` is made.

        The practice service hands this to the records store, so the store commits
        the new position before the live session (attached to its machine) changes.
        """
        visits = dict(self.visits)
        visits[turn.next] = visits.get(turn.next, 0) + 1
        return replace(self, variables=dict(turn.variables), visits=visits, state=turn.next,
                       transcript=[*self.transcript, turn], heard=None)

    def advance(self, *, target: str) -> bool:  # pragma: no cover - replaced by transitions
        """Move to ``target``; the machine binds the real trigger over this stub."""
        raise RuntimeError("session is not attached to a machine")
