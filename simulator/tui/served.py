"""The app as a classroom server runs it: one process per signed-in browser.

``peersim serve`` starts this process through textual-serve's web driver, so stdin and
stdout are pipes, not a terminal. Who is using it arrives in environment variables the
server sets for this one connection from its own sign-in records (never from anything
typed in the browser): a trainee gets their own records and their own deck from the
store, and cannot change who is training; a trainer gets their cohort's dashboard.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from simulator.serve.identity import COHORT_VAR, PERSON_VAR, ROLE_VAR

if TYPE_CHECKING:  # the server imports this module for the names below, not the app
    from simulator.app_library import AppLibrary
    from simulator.records.sql_store import SqlStore
    from simulator.tui.app import PeersimApp



@dataclass(frozen=True)
class ServedAs:
    """Who this served process runs for."""

    role: str
    person: str
    cohort: str


def served_as(environ: dict[str, str] | None = None) -> ServedAs | None:
    """The identity the server set for this process; None when not served.

    Raises ValueError for a half-set or malformed identity: running as nobody in
    particular would be worse than not running.
    """
    from simulator.records.cohorts import id_problem

    env = os.environ if environ is None else environ
    values = [env.get(name, "") for name in (ROLE_VAR, PERSON_VAR, COHORT_VAR)]
    if not any(values):
        return None
    role, person, cohort = values
    if role not in ("trainee", "trainer"):
        raise ValueError(f"{ROLE_VAR} must be trainee or trainer")
    problem = id_problem("trainee", person) or id_problem("cohort", cohort)
    if problem:
        raise ValueError(problem)
    return ServedAs(role, person, cohort)


def build_served_app(who: ServedAs, store: SqlStore,
                     library: AppLibrary | None = None) -> PeersimApp:
    """The app for one signed-in person on the shared store. ``library`` is the checked
    shipped library when it is loaded already (an app forked from the warm process,
    simulator.tui.warm): the app then starts on it, with nothing loaded in the
    background."""
    from simulator.app_library import load_app_library
    from simulator.library_index import read_index
    from simulator.loading.library import load_library
    from simulator.records.served_decks import StoreShelf
    from simulator.tui.app import PeersimApp
    from simulator.tui.context import AppContext

    if who.role == "trainer":
        from textual.screen import Screen

        from simulator.exports.names import roster_names
        from simulator.records.cohort_queries import dashboard
        from simulator.tui.launch_review import cohort_screen, waiting_lines
        from simulator.tui.screens.dashboard import DashboardScreen

        shipped = library.library if library is not None else load_library([])[0]
        ctx = AppContext(shipped, store=store, trainee_id="trainer", served=True)

        def review() -> Screen[None]:
            sessions = cohort_screen(store, who.cohort, who.person, shipped)
            sessions.quits = False  # back to the dashboard, not out of the app
            return sessions

        return PeersimApp(ctx, first_screen=lambda: DashboardScreen(
            dashboard(store, who.cohort), reload=lambda: dashboard(store, who.cohort),
            review=review, who=roster_names(),  # a trainer: names beside ids
            waiting=lambda: waiting_lines(store, who.cohort)), trainer=True)

    shelf = StoreShelf(store, who.person)

    def load() -> AppLibrary:
        """The checked library, with this trainee's own decks from the store (the served
        data folder holds none)."""
        checked = replace(library) if library is not None else load_app_library()
        own, problems = shelf.load()
        checked.own_decks = own
        checked.problems = [*checked.problems, *problems]
        checked.broken_decks = dict(checked.broken_decks)
        for problem in problems:
            checked.broken_decks.setdefault(problem.path, []).append(problem)
        return checked

    trainee = store.ensure_trainee(who.person)
    cards = read_index() if library is None else None
    if cards is None:
        return PeersimApp(AppContext(store=store, trainee_id=trainee, checked=load(),
                                     shelf=shelf, served=True))
    return PeersimApp(AppContext(store=store, trainee_id=trainee, loader=load, cards=cards,
                                 shelf=shelf, served=True))


def launch_served(library: AppLibrary | None = None) -> int:
    """Run the app for the person the server named; exit code for the entry point
    (``library``: see :func:`build_served_app`)."""
    try:
        who = served_as()
    except ValueError as exc:
        print(f"peersim: not started for a classroom: {exc}", file=sys.stderr)
        return 2
    if who is None:
        print("peersim: not started by peersim serve", file=sys.stderr)
        return 2
    from simulator.records import open_store
    from simulator.tui.compat import run_for_exit_code
    from simulator.tui.waiting import waiting_for_store

    store = waiting_for_store(open_store)
    try:
        app = build_served_app(who, store, library)
        gc.freeze()
        gc.enable()
        return run_for_exit_code(app)
    finally:
        store.close()
