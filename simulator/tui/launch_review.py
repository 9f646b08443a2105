"""The review screens' entry points: a trainer's cohort list (``peersim review open``,
run by :func:`simulator.tui.launch.launch_review`), and the trainee's own sessions with
notes (from home and the debrief). Nothing here imports the app itself, which imports
the home screen that opens these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App

from simulator.records.help_requests import HelpRequests
from simulator.records.review import Reviews
from simulator.records.signoff import SignOffs, verdict_words
from simulator.tui.screens.cohort_sessions import HELP_PREFIX, CohortSessionsScreen
from simulator.tui.screens.growth import criterion_names
from simulator.tui.screens.review import SessionsScreen, TraineeReviewScreen, TrainerReviewScreen
from simulator.tui.text import clean
from simulator.wording import passed_text
from simulator.wording.scores import score

if TYPE_CHECKING:
    from simulator.loading.library import Library
    from simulator.records.sql_store import SqlStore
    from simulator.tui.context import AppContext


def _title(library: Library | None, scenario_id: str) -> str:
    if library is not None and scenario_id in library.scenarios:
        return library.scenario(scenario_id).title
    return scenario_id


def cohort_screen(store: SqlStore, cohort_id: str, reviewer: str,
                  library: Library | None, first: str | None = None) -> SessionsScreen:
    """The cohort's sessions, newest first; enter opens one for review."""
    from simulator.exports.names import roster_names
    from simulator.owndecks import load_own_decks
    from simulator.practice.supervision import story_texts

    reviews = Reviews(store)
    who = roster_names()  # the trainer's side: names from the programme's roster, if kept
    helps = HelpRequests(store)
    texts = story_texts(library, load_own_decks()[0])  # the store adds the trainee's

    def rows() -> list[tuple[str, Text]]:
        unread = {e.session_id for t in {r["trainee_id"] for r in reviews.cohort_sessions(
            cohort_id)} for e in reviews.unread(t, reader=reviewer)}
        out = [(f"{HELP_PREFIX}{h.id}:{h.session_id or ''}",
                Text.assemble(("WAITING TO TALK  ", "bold reverse"), clean(h.describe())))
               for h in helps.open(cohort_id)]
        for row in reviews.cohort_sessions(cohort_id):
            result = "unfinished" if row["completed_at"] is None else \
                f"{score(row['overall'])} {passed_text(bool(row['passed']))}"
            new = "  NEW REPLIES" if row["id"] in unread else ""
            out.append((str(row["id"]), Text.assemble(
                (clean(who(str(row["trainee_id"]))), "bold"), "  ",
                clean(_title(library, str(row["scenario_id"]))),
                f"  {row['mode']}  {str(row['started_at'])[:10]}  {result}"
                f"  {row['entries']} comment(s){new}")))
        return out

    return CohortSessionsScreen(f"Cohort {cohort_id}: choose a session to review (anyone"
                                " waiting to talk comes first)", rows,
                                lambda sid: TrainerReviewScreen(store, sid, library,
                                                                me=reviewer, story_texts=texts,
                                                                who=who),
                                quits=True, first=first, helps=helps, me=reviewer,
                                cohort_id=cohort_id, scenarios=_assignable(library),
                                criterion_names=criterion_names(library))


def _assignable(library: Library | None) -> list[tuple[str, str]]:
    """(id, title) of every installed scenario, by title."""
    if library is None:
        return []
    found = [(sid, library.scenario(sid).title) for sid in library.scenarios]
    return sorted(found, key=lambda s: (s[1].lower(), s[0]))


def waiting_lines(store: SqlStore, cohort_id: str) -> list[str]:
    """Who in the cohort is waiting to talk, and sessions that need a word, oldest first
    (empty when the store cannot say just now: the dashboard opens anyway)."""
    from simulator.records import StoreError

    try:
        return [h.describe() for h in HelpRequests(store).open(cohort_id)]
    except StoreError:
        return []


def trainee_screen(ctx: AppContext) -> SessionsScreen:
    """The trainee's sessions that have supervision notes, newest first."""
    from simulator.practice.supervision import story_texts

    reviews = Reviews(ctx.store)

    def rows() -> list[tuple[str, Text]]:
        unread: dict[str, int] = {}
        for entry in reviews.unread(ctx.trainee_id):
            unread[entry.session_id] = unread.get(entry.session_id, 0) + 1
        out = []
        signs = SignOffs(ctx.store)
        for summary in ctx.store.sessions(ctx.trainee_id):
            count = len(reviews.entries(summary.session_id))
            signed = signs.latest(summary.session_id) if summary.mode == "assessment" \
                else None
            if not count and signed is None:
                continue
            new = f"  {unread[summary.session_id]} NEW" if summary.session_id in unread else ""
            verdict = f"  signed off: {verdict_words(signed.verdict)}" if signed else ""
            out.append((summary.session_id, Text.assemble(
                clean(_title(ctx.library, summary.scenario_id)),
                f"  {summary.mode}  {summary.started_at[:10]}  {count} note(s){new}{verdict}")))
        return out

    return SessionsScreen("Supervision notes and sign-offs on your sessions (enter to read"
                          " and reply)", rows,
                          lambda sid: TraineeReviewScreen(
                              ctx.store, sid, ctx.library, me=ctx.trainee_id,
                              story_texts=story_texts(ctx.library, ctx.own_decks)))


def open_for_trainee(app: App[object], session_id: str) -> None:
    """This session's supervision screen, for the trainee (from the debrief)."""
    from simulator.practice.supervision import story_texts

    ctx: AppContext = app.ctx  # type: ignore[attr-defined]  # the PeersimApp's context

    app.push_screen(TraineeReviewScreen(ctx.store, session_id, ctx.library,
                                        me=ctx.trainee_id,
                                        story_texts=story_texts(ctx.library, ctx.own_decks)))


def new_notes(ctx: AppContext) -> int:
    """How many supervision entries the trainee has not read yet (0 when unknown)."""
    from simulator.records import StoreError

    try:
        return len(Reviews(ctx.store).unread(ctx.trainee_id))
    except StoreError:  # the home screen opens anyway; the notes can be read later
        return 0
