"""The order of screens in one practice: conversation, debrief, and any replays.

Screens return what happened (finished, left, replay from turn N) and this module
decides what comes next, so no screen constructs another and the session's
lifecycle goes through the practice service alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.records import StoreError
from simulator.tui.text import notify_error
from simulator.tui.waiting import QUICK

if TYPE_CHECKING:
    from textual.app import App

    from simulator.practice.service import Practice
    from simulator.scoring.results import SessionResult
    from simulator.tui.context import AppContext


def play(app: App[None], ctx: AppContext, practice: Practice) -> None:
    """Open ``practice``'s conversation; its debrief follows when it ends."""
    from simulator.tui.screens.conversation import FINISHED, ConversationScreen

    def ended(outcome: str | None) -> None:
        if outcome == FINISHED:
            debrief(app, ctx, practice)

    app.push_screen(ConversationScreen(ctx, practice), ended)


def debrief(app: App[None], ctx: AppContext, practice: Practice) -> None:
    """Record the result, show the debrief, and start a replay if one is asked for."""
    try:
        with ctx.store.patience(QUICK):
            result = ctx.sessions.finish(practice)
    except StoreError as exc:
        notify_error(app, f"Your result could not be saved yet ({exc}). Every choice is"
                     " saved: resume this session later to record it.", exc, timeout=30)
        result = practice.results()
    shown(app, ctx, practice, result)


def reopen(app: App[None], ctx: AppContext, session_id: str) -> None:
    """A finished session's debrief again, from its records (nothing is written); a
    replay from a turn there starts a new session, as after playing it."""
    from simulator.engine.engine import RestoreError
    from simulator.practice.service import Practice

    try:
        saved = ctx.store.load_state(session_id)
        deck = ctx.decks().get(saved.deck_id or "")
        engine = ctx.engine(ctx.library.scenario(saved.scenario_id), deck)
        practice = Practice(engine, engine.restore(saved))
    except (RestoreError, StoreError, KeyError) as exc:
        notify_error(app, f"That session cannot be opened just now ({exc}).", exc)
        return
    if saved.content_hash != engine.hash:
        app.notify("The scenario has changed since you played this session: the debrief"
                   " scores your choices against the scenario as it is now.", timeout=10)
    shown(app, ctx, practice, practice.results())


def shown(app: App[None], ctx: AppContext, practice: Practice, result: SessionResult) -> None:
    """The debrief of ``practice``; a replay from a turn starts a new session."""
    from simulator.tui.screens.debrief import DebriefScreen

    def chosen(turns: int | None) -> None:
        if turns is None:
            return
        try:
            with ctx.store.patience(QUICK):
                again = ctx.sessions.replay_from(practice, turns, trainee_id=ctx.trainee_id)
        except StoreError as exc:
            notify_error(app, f"Could not start the replay ({exc}).", exc)
            return
        play(app, ctx, again)

    app.push_screen(DebriefScreen(practice, result), chosen)


def resume(app: App[None], ctx: AppContext, session_id: str) -> None:
    """Carry on a saved session; if its scenario changed, say what was kept first."""
    from simulator.engine.engine import Engine, RestoreError
    from simulator.tui.screens.resume import ChangedScreen

    def engine_for(scenario_id: str, deck_id: str | None) -> Engine:
        deck = ctx.decks().get(deck_id or "")
        return ctx.engine(ctx.library.scenario(scenario_id), deck)

    try:
        with ctx.store.patience(QUICK):
            resumed = ctx.sessions.resume(session_id, engine_for, trainee_id=ctx.trainee_id)
    except (RestoreError, StoreError) as exc:
        notify_error(app, f"Cannot resume: {exc}", exc)
        return
    if resumed.changed:
        app.push_screen(ChangedScreen(resumed), lambda _: play(app, ctx, resumed.practice))
        return
    turn = len(resumed.practice.session.transcript) + 1
    app.notify(f"Carrying on where you stopped, at turn {turn}.")
    play(app, ctx, resumed.practice)
