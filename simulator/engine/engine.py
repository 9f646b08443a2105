"""Run a scenario: offer choices, score them, apply effects, move the machine, record.

The engine is the only place flow happens: the UI and the CLI call it and show
what it returns. Given the same scenario, rubric, deck and choices it always
produces the same transcript and scores.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from transitions import EventData, MachineError

from simulator.engine.conditions import all_hold, apply_effects, defaults
from simulator.engine.machine import build_machine
from simulator.engine.menu import Heard as Heard
from simulator.engine.menu import Menu, Typing
from simulator.engine.menu import Options as Options
from simulator.engine.session import Reflection, Session, Turn
from simulator.errors import PeersimError
from simulator.model.common import AsksFor
from simulator.model.deck import Deck, Fragment
from simulator.model.plan import ReflectStep, Step
from simulator.model.rubric import Rubric
from simulator.model.scenario import (
    Assessed,
    Beat,
    Ending,
    Outcome,
    Said,
    Scenario,
    ShareKind,
    Value,
)
from simulator.scoring.results import Assessment, SessionResult, gates_for, summarise
from simulator.scoring.turns import band, score_line, score_reflect, score_share
from simulator.scoring.types import Told, TurnScore


class ChoiceError(PeersimError, ValueError):
    """A choice that is not on offer at this moment (a wrong id, a hidden line, ...)."""

    title = "Not on offer"


class RestoreError(PeersimError, ValueError):
    """A save that does not fit the scenario as it is now."""

    title = "Cannot carry on that session"


def content_hash(scenario: Scenario) -> str:
    """A hash of the scenario's meaning (not its formatting), to spot edits under a save."""
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]


class Engine:
    """Plays one scenario with one rubric and (optionally) one deck."""

    def __init__(self, scenario: Scenario, rubric: Rubric, deck: Deck | None = None,
                 label: Callable[[str], str] | None = None) -> None:
        self.scenario = scenario
        self.rubric = rubric
        self.deck = deck
        self.label = label or (lambda theme: theme)
        self.hash = content_hash(scenario)

    # -- sessions ------------------------------------------------------------------------
    def start(self, session_id: str | None = None, at: str | None = None,
              mode: str = "practice") -> Session:
        """A new session at the start beat (or at ``at``, for play-testing a beat)."""
        beat = at or self.scenario.start
        if beat not in self.scenario.beats:
            raise ChoiceError(f"{beat!r} is not a beat of {self.scenario.id!r}")
        session = Session(
            session_id=session_id or str(uuid.uuid4()),
            scenario_id=self.scenario.id,
            scenario_version=self.scenario.version,
            content_hash=self.hash,
            rubric_id=self.rubric.id,
            deck_id=self.deck.id if self.deck else None,
            variables=defaults(self.scenario.variables),
            mode=mode,
            visits={beat: 1},
        )
        self._attach(session, beat)
        return session

    def _attach(self, session: Session, state: str) -> None:
        build_machine(self.scenario, session, state, self._entered)

    @staticmethod
    def _entered(event: EventData) -> None:
        model = event.model
        assert isinstance(model, Session)
        model.visits[model.state] = model.visits.get(model.state, 0) + 1

    # -- where we are ------------------------------------------------------------------
    def beat(self, session: Session) -> Beat | None:
        """The current beat, or None once the session has ended."""
        return self.scenario.beats.get(session.state)

    def ending(self, session: Session) -> Ending | None:
        """The ending reached, if the session is over."""
        if session.state in self.scenario.beats:
            return None
        return self.scenario.endings.get(session.state)

    def options(self, session: Session, heard: Heard | None = None) -> Options:
        """The choices on offer now (lines whose conditions hold, reflect, share); after
        a reflection (``heard``), the responses on offer once the person has answered.

        Lines come in a shuffled order that is stable for the session and beat: the file's
        order (often the skilled line first) must not be an answer key."""
        beat = self.beat(session)
        if beat is None:
            return Options((), (), False, False, ())
        told = self.pieces_told(session)
        state = (heard.variables if heard else session.variables, session.visits, told)
        lines = [line for line in beat.lines if all_hold(line.when, *state)]
        random.Random(f"{session.session_id}:{session.state}").shuffle(lines)
        can_reflect = heard is None and beat.reflect is not None \
            and all_hold(beat.reflect.when, *state)
        can_share = beat.share is not None and all_hold(beat.share.when, *state)
        themes: tuple[str, ...] = ()
        if beat.reflect is not None:
            themes = tuple(sorted(set(beat.concerns) | set(beat.reflect.distractors)))
        fragments = tuple(self.deck.fragments) if (self.deck and can_share) else ()
        listened = heard is not None or not can_reflect or any(
            t.beat == session.state and t.step.reflect is not None for t in session.transcript)
        return Options(tuple(lines), themes, can_reflect, can_share, fragments,
                       self.told(session, listened=listened))

    def menu(self, session: Session, heard: Heard | None = None,
             typing: Typing = Typing.off) -> Menu:
        """What the app offers now, item by item (see :class:`Menu`): the screen lists
        exactly these, and the walker chooses only among them."""
        return Menu.of(self.options(session, heard), heard, typing)

    def offers(self, session: Session, step: Step, typing: Typing = Typing.off) -> bool:
        """Whether the app offers ``step`` now: a reflection and its response are two
        moves, the response chosen from the menu once the person has answered."""
        menu = self.menu(session, typing=typing)
        if step.reflect is None:
            return menu.allows(step)
        if not menu.allows(step):
            return False
        return self.menu(session, self.hear(session, step.reflect), typing).allows(step)

    def told(self, session: Session, *, listened: bool = True) -> Told:
        """What has passed between you so far (see :class:`Told`): ways of getting by
        disclosed at any beat visited, the words they reject, whether the last choice was
        a line asking permission to share, the pieces already told, and whether the
        person has invited a share at this beat."""
        beats = self.scenario.beats
        disclosed = frozenset(way for b in session.visits if b in beats
                              for way in beats[b].discloses)
        asked = False
        if session.transcript:
            last = session.transcript[-1]
            said = last.step.line
            asked = said is not None and any(
                ln.id == said and ln.asks_permission
                for ln in (beats[last.beat].lines if last.beat in beats else []))
        beat = beats.get(session.state)
        invited = True
        if beat is not None:
            invited = beat.invites_share if beat.invites_share is not None else \
                beat.asks_for in (AsksFor.hope, AsksFor.practical, AsksFor.information)
        return Told(disclosed, frozenset(self.scenario.persona.rejects), asked,
                    self.pieces_told(session), invited, listened)

    @staticmethod
    def pieces_told(session: Session) -> frozenset[str]:
        """Every piece of the story shared so far in this session."""
        return frozenset(piece for t in session.transcript if t.step.share is not None
                         for piece in t.step.share.fragments)

    def said(self, variants: list[Said], fallback: str, session: Session,
             variables: dict[str, Value], told: frozenset[str]) -> str:
        """The first variant whose conditions hold, else ``fallback``: the person only
        refers to a piece of your story once it has been told."""
        for variant in variants:
            if all_hold(variant.when, variables, session.visits, told):
                return variant.text
        return fallback

    def ending_text(self, session: Session) -> str:
        """The words of the ending reached, as this session's path has it."""
        ending = self.ending(session)
        if ending is None:
            return ""
        return self.said(ending.variants, ending.text, session, session.variables,
                         self.pieces_told(session))

    # -- choosing ----------------------------------------------------------------------
    def decide(self, session: Session, step: Step) -> Turn:
        """What ``step`` would do now: its scores, effects and destination, as a Turn.

        Changes nothing, so a caller can record the turn first and only then apply it
        (memory never gets ahead of what is saved).
        """
        beat = self._here(session, step.at)
        heard, response = None, step
        if step.reflect is not None and (step.line is not None or step.share is not None):
            heard = self.hear(session, step.reflect)
            response = step.model_copy(update={"reflect": None})
        score, outcome = self._judge(beat, response, self.options(session, heard))
        before = heard.variables if heard else session.variables
        variables = apply_effects(outcome.effects, self.scenario.variables, before)
        own = score if heard is not None else None  # the response's part, by name
        if heard is not None:
            score = self._together(heard.score, score)
        target = outcome.next
        gate_route = False
        stopping = [g for g in gates_for(self.rubric, [(0, e) for e in score.events])
                    if self.rubric.gates[g.gate].ends_session]
        if stopping and self.scenario.safety_ending is not None:
            target, gate_route = self.scenario.safety_ending, True
        if target not in self.scenario.beats and target not in self.scenario.endings:
            # only a broken scenario gets here; validation refuses it before play
            raise ChoiceError(f"{session.state!r} leads to {target!r}, which the scenario"
                              " does not have")
        reflection = Reflection(heard.score, heard.reaction) if heard else None
        told = self.pieces_told(session) | frozenset(
            response.share.fragments if response.share is not None else ())
        reaction = self._reaction(beat, score, outcome, session, dict(variables), told)
        return Turn(len(session.transcript), session.state, step, score, target,
                    dict(variables), reaction, gate_route, reflection, own)

    def _reaction(self, beat: Beat, score: TurnScore, outcome: Outcome, session: Session,
                  variables: dict[str, Value], told: frozenset[str]) -> str:
        """How the person answers: what kind of share they heard (a verdict, too much,
        off the point, too soon, again), else the band's words, as far as they fit what
        was actually told."""
        if score.kind == "share" and beat.share is not None:
            own = beat.share.reactions.get(ShareKind(score.share_kind))
            if score.share_kind == "fits" and score.band != "weak":
                # a fitting share: the band's words for the very piece told come first
                # (a told variant, "Good mornings"), then the beat's words for a fit
                answer = self.said(outcome.variants, "", session, variables, told)
                return answer or own or outcome.reaction
            if own and score.share_kind != "fits":
                return own
        return self.said(outcome.variants, outcome.reaction, session, variables, told)

    def hear(self, session: Session, reflect: ReflectStep) -> Heard:
        """Score a reflection and give the person's answer, changing nothing yet."""
        beat = self._here(session)
        score, outcome = self._judge(beat, Step(reflect=reflect), self.options(session))
        variables = apply_effects(outcome.effects, self.scenario.variables, session.variables)
        reaction = self.said(outcome.variants, outcome.reaction, session, variables,
                             self.pieces_told(session))
        return Heard(reflect, score, reaction, variables)

    def _here(self, session: Session, expected: str | None = None) -> Beat:
        beat = self.beat(session)
        if beat is None:
            raise ChoiceError("the conversation has ended; there is nothing left to choose")
        if expected is not None and expected != session.state:
            raise ChoiceError(f"expected to be at {expected!r} but the conversation is at"
                              f" {session.state!r}")
        return beat

    def _together(self, reflection: TurnScore, response: TurnScore) -> TurnScore:
        """One turn's score from its two parts: every criterion each part scored, the
        events of both, and the response's band (it decides where the talk goes)."""
        scores = (*reflection.scores, *response.scores)
        _label, mean = band(self.rubric, scores)
        return replace(response, scores=scores, mean=round(mean, 4),
                       events=tuple(dict.fromkeys((*reflection.events, *response.events))),
                       notes=(*reflection.notes, *response.notes))

    def apply(self, session: Session, turn: Turn) -> None:
        """Make ``turn`` (from :meth:`decide` on this session) happen in memory."""
        if turn.index != len(session.transcript) or turn.beat != session.state:
            raise ChoiceError(f"turn {turn.index + 1} at {turn.beat!r} does not follow"
                              f" turn {len(session.transcript)} at {session.state!r}")
        try:
            session.advance(target=turn.next)
        except MachineError as exc:  # only a broken scenario gets here; validate catches it
            raise ChoiceError(f"cannot move from {turn.beat!r} to {turn.next!r}: {exc}") from exc
        session.variables = dict(turn.variables)
        session.transcript.append(turn)

    def choose(self, session: Session, step: Step) -> Turn:
        """Decide and apply in one go (plans, walks, replays: nothing to record)."""
        turn = self.decide(session, step)
        self.apply(session, turn)
        return turn

    def _judge(self, beat: Beat, step: Step, options: Options) -> tuple[TurnScore, Outcome]:
        if step.line is not None:
            line = next((ln for ln in options.lines if ln.id == step.line), None)
            if line is None:
                offered = ", ".join(ln.id for ln in options.lines) or "none"
                raise ChoiceError(f"line {step.line!r} is not on offer here (offered: {offered})")
            return score_line(self.rubric, beat, line, step.typed, options.told), \
                Outcome(next=line.next, effects=line.effects)
        if step.reflect is not None:
            if not options.can_reflect or beat.reflect is None:
                raise ChoiceError("reflecting is not on offer at this beat")
            unknown = [t for t in step.reflect.concerns if t not in options.reflect_themes]
            if unknown:
                raise ChoiceError(f"not among the themes offered here: {', '.join(unknown)}")
            score = score_reflect(self.rubric, beat, step.reflect, self.label, options.told)
            return score, getattr(beat.reflect.outcomes, score.band)
        assert step.share is not None
        if not options.can_share or beat.share is None:
            raise ChoiceError("sharing is not on offer at this beat")
        fragments = self._fragments(step.share.fragments)
        score = score_share(self.rubric, beat, step.share, fragments, self.label,
                            options.told)
        outcome: Outcome = getattr(beat.share.outcomes, score.band)
        hold = beat.share.hold_back
        if not fragments and hold.next is not None:
            outcome = Outcome(next=hold.next, effects=hold.effects, reaction=hold.reaction)
        elif not fragments:  # the band's next, but never the band's reaction to a share
            outcome = Outcome(next=outcome.next, effects={**outcome.effects, **hold.effects},
                              reaction=hold.reaction)
        return score, outcome

    def _fragments(self, ids: list[str]) -> list[Fragment]:
        if len(set(ids)) != len(ids):
            raise ChoiceError("the same fragment is chosen twice")
        if ids and self.deck is None:
            raise ChoiceError("no deck is loaded, so there is nothing to share")
        out: list[Fragment] = []
        for fragment_id in ids:
            fragment = self.deck.fragment(fragment_id) if self.deck else None
            if fragment is None:
                raise ChoiceError(f"the deck has no fragment {fragment_id!r}")
            out.append(fragment)
        return out

    # -- results, saving, replaying ---------------------------------------------------------
    def results(self, session: Session) -> SessionResult:
        """The session's scores so far, judged by the rubric and by what the scenario
        assesses (see :mod:`simulator.scoring.results`)."""
        assessed = self.scenario.assessed()
        ending = self.ending(session)
        assessment = Assessment(
            sharing=Assessed.sharing in assessed, listening=Assessed.listening in assessed,
            skill_holds=self.scenario.holding_back_is_a_skill(),
            ending=session.state if ending else "", ending_title=ending.title if ending else "",
            ending_tone=ending.tone if ending else "", ended=ending is not None)
        result = summarise(self.rubric, [t.score for t in session.transcript], assessment)
        return replace(result, attempts=session.attempts) if session.attempts > 1 else result

    def save(self, session: Session) -> dict[str, Any]:
        """Plain JSON-ready data for ``session`` (its stored record)."""
        from simulator.engine import record

        return record.dump(session)

    def restore(self, saved: Session | dict[str, Any], *,
                replay_on_change: bool = True) -> Session:
        """Rebuild a saved session (a stored one, or its JSON). If the scenario changed,
        replay its choices instead."""
        if not isinstance(saved, Session):
            from simulator.engine import record

            try:
                saved = record.read_session(saved)
            except record.RecordError as exc:
                raise RestoreError(f"not a saved session peersim can read ({exc})") from None
        if saved.scenario_id != self.scenario.id:
            raise RestoreError(f"this save is for scenario {saved.scenario_id!r},"
                               f" not {self.scenario.id!r}")
        if saved.content_hash != self.hash:
            if not replay_on_change:
                raise RestoreError("the scenario has changed since this session was saved")
            again = self.replay_steps([t.step for t in saved.transcript], saved.session_id,
                                      mode=saved.mode)
            again.attempts, again.earlier = saved.attempts, list(saved.earlier)
            return again
        state = saved.state
        if state not in self.scenario.beats and state not in self.scenario.endings:
            raise RestoreError(f"saved at {state!r}, which the scenario no longer has")
        session = replace(saved, variables=dict(saved.variables), visits=dict(saved.visits),
                          transcript=list(saved.transcript), earlier=list(saved.earlier))
        self._attach(session, state)
        return session

    def replay_steps(self, steps: list[Step], session_id: str | None = None,
                     mode: str = "practice") -> Session:
        """A new session that makes ``steps`` in order (stopping at the first that no
        longer fits, so an edited scenario keeps as much as still applies)."""
        session = self.start(session_id, mode=mode)
        for step in steps:
            if self.beat(session) is None:
                break
            try:
                self.choose(session, step.model_copy(update={"at": None}))
            except ChoiceError:
                break
        return session

    def rewind(self, session: Session, turns: int) -> Session:
        """A new session holding the first ``turns`` choices: replay from that beat."""
        if not 0 <= turns <= len(session.transcript):
            raise ChoiceError(f"there is no turn {turns} to go back to")
        steps = [t.step for t in session.transcript[:turns]]
        return self.replay_steps(steps, str(uuid.uuid4()), mode=session.mode)
