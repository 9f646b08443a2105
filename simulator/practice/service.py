"""Start, advance, rewind, replay, resume and finish practice sessions: one owner.

Why one place: a session lives twice, in memory (the engine's machine) and in the
records store. If every screen changed both, a store failure could leave them
disagreeing. Here every change is committed to the store *first*, and memory changes
only once the commit succeeded; a :class:`~simulator.records.api.StoreError` leaves the
live session exactly as it was, so the caller can say so and try again. Nothing here
imports Textual: the terminal app, the command line and a served classroom all call it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from simulator.practice.notices import raise_notices
from simulator.records.api import StoreError

if TYPE_CHECKING:
    from simulator.engine.engine import Engine, Heard
    from simulator.engine.session import Session, Turn
    from simulator.model.plan import ReflectStep, Step
    from simulator.records.sql_store import SqlStore
    from simulator.scoring.results import SessionResult

MODES = ("practice", "assessment")


@dataclass
class Practice:
    """One live session and the engine that plays it."""

    engine: Engine
    session: Session

    @property
    def mode(self) -> str:
        """``practice`` (feedback after each choice) or ``assessment`` (at the end)."""
        return self.session.mode

    @property
    def over(self) -> bool:
        """True once the conversation has reached an ending."""
        return self.engine.beat(self.session) is None

    def results(self) -> SessionResult:
        """The scores so far, judged by the rubric."""
        return self.engine.results(self.session)


@dataclass(frozen=True)
class Resumed:
    """A resumed session, and what a changed scenario did to it."""

    practice: Practice
    changed: bool  # the scenario was edited since the session was saved
    kept: int  # choices that still fit and were replayed (all of them when unchanged)
    made: int  # choices the trainee had made before

    def describe(self) -> str:
        """One sentence for the trainee, or '' when nothing changed."""
        if not self.changed:
            return ""
        return (f"The scenario has changed since you last played it; {self.kept} of your"
                f" {self.made} choices still fit and were replayed.")


class PracticeService:
    """The only code that writes sessions to the records store."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def start(self, engine: Engine, *, trainee_id: str, mode: str,
              session_id: str | None = None) -> Practice:
        """A new session, recorded before it is handed out."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        session = engine.start(session_id, mode=mode)
        self.store.begin_session(session, trainee_id=trainee_id, mode=mode)
        return Practice(engine, session)

    def start_assigned(self, engine: Engine, *, trainee_id: str, assignment_id: str,
                       session_id: str | None = None) -> Practice:
        """An attempt at an assignment: recorded in assessment mode whatever the
        trainee's own mode setting, and linked to the assignment."""
        from simulator.records.assignments import AssignmentError, Assignments

        assignments = Assignments(self.store)
        made = assignments.get(assignment_id)
        if made.scenario_id != engine.scenario.id:
            raise AssignmentError(f"assignment {assignment_id} is for {made.scenario_id}")
        practice = self.start(engine, trainee_id=trainee_id, mode="assessment",
                              session_id=session_id)
        assignments.attach(practice.session.session_id, assignment_id)
        return practice

    def resume(self, session_id: str, engine_for: Callable[[str, str | None], Engine], *,
               trainee_id: str) -> Resumed:
        """Carry on a saved session; if its scenario changed, replay what still fits.

        A replayed session is recorded as a new session (its turns scored against the
        scenario as it is now) before the old one is set aside, so nothing is lost if
        either write fails. ``engine_for(scenario_id, deck_id)`` builds the engine to
        play it with.
        """
        saved = self.store.load_state(session_id)
        engine = engine_for(saved.scenario_id, saved.deck_id)
        session = engine.restore(saved)
        made = len(saved.transcript)
        changed = saved.content_hash != engine.hash
        if changed:  # restore replayed the choices that still fit: record them afresh
            from simulator.records.assignments import Assignments

            session.session_id = str(uuid.uuid4())
            self.store.begin_session(session, trainee_id=trainee_id, mode=session.mode,
                                     turns=list(session.transcript))
            assignments = Assignments(self.store)
            if (assigned := assignments.of_session(session_id)) is not None:
                assignments.attach(session.session_id, assigned)  # still an assigned attempt
            self.store.abandon_session(session_id)
        return Resumed(Practice(engine, session), changed, len(session.transcript), made)

    def choose(self, practice: Practice, step: Step) -> Turn:
        """Score and record one choice, then make it happen in memory."""
        engine, session = practice.engine, practice.session
        if session.heard is not None and step.reflect is None:
            step = step.model_copy(update={"reflect": session.heard})  # the kept reflection
        turn = engine.decide(session, step)
        self.store.record_turn(session.after(turn), turn)
        engine.apply(session, turn)
        session.heard = None
        # the choice is kept; a notice that cannot be written now is raised at the finish
        with suppress(StoreError):
            raise_notices(self.store, session.session_id, [turn], engine.deck)
        return turn

    def reflect(self, practice: Practice, step: ReflectStep) -> Heard:
        """A reflection, scored and answered at once and kept (saved first) until the
        response that completes the turn."""
        heard = practice.engine.hear(practice.session, step)
        self.store.save_position(replace(practice.session, heard=step))
        practice.session.heard = step
        return heard

    def take_back(self, practice: Practice) -> None:
        """Take back a reflection that has not had its response yet."""
        if practice.session.heard is None:
            return
        self.store.save_position(replace(practice.session, heard=None))
        practice.session.heard = None

    def heard(self, practice: Practice) -> Heard | None:
        """The kept reflection and the person's answer (after a resume, say), if any."""
        step = practice.session.heard
        return practice.engine.hear(practice.session, step) if step is not None else None

    def try_again(self, practice: Practice, turns: int) -> None:
        """"Try another way": carry on this same session from its first ``turns`` choices.

        The choices taken back stay in the record as an earlier attempt (scores and all),
        so a pass shows how many attempts it took."""
        from simulator.engine.session import TakenBack

        session = practice.session
        again = practice.engine.rewind(session, turns)
        again.session_id = session.session_id
        taken = session.transcript[turns:]
        again.earlier = [*session.earlier, *(TakenBack(session.attempts, t) for t in taken)]
        again.attempts = session.attempts + 1 if taken else session.attempts
        self.store.rewind_session(again)
        practice.session = again

    def replay_from(self, practice: Practice, turns: int, *, trainee_id: str) -> Practice:
        """A new recorded session that starts with the first ``turns`` choices (one commit)."""
        again = practice.engine.rewind(practice.session, turns)
        self.store.begin_session(again, trainee_id=trainee_id, mode=again.mode,
                                 turns=list(again.transcript))
        return Practice(practice.engine, again)

    def finish(self, practice: Practice) -> SessionResult:
        """Record the session as complete, with its result as it stands."""
        result = practice.results()
        self.store.finish_session(practice.session, result)
        raise_notices(self.store, practice.session.session_id, practice.session.transcript,
                      practice.engine.deck)
        return result

    def discard(self, session_id: str) -> None:
        """Set aside an unfinished session the trainee chose not to resume."""
        self.store.abandon_session(session_id)
