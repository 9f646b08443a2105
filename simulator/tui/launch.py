"""Start the app from the command line: load content, open the store, run.

Why the store opens in a thread: Textual's import is most of a launch's CPU, and
opening the store is mostly waiting on the disk (a new store's first commits sync it).
:func:`launch` starts opening the store, reading the trainee, the settings and the
library's cards in a thread, then imports the app (Textual) meanwhile; this module
itself imports no Textual, so the two overlap (docs/benchmarks.md, "Terminal app").
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.library_index import ScenarioCard, read_index, shipped_cards, write_index
from simulator.records import open_store
from simulator.records.identity import remembered_trainee
from simulator.records.selection import ALL, Selection
from simulator.settings import Settings, load_settings, settings_path
from simulator.tui.waiting import waiting_for_store

if TYPE_CHECKING:
    from simulator.app_library import AppLibrary
    from simulator.records.sql_store import SqlStore
    from simulator.tui.app import PeersimApp


def _load(trainee_id: str | None = None) -> AppLibrary:
    """The checked library and the trainee's own decks (and refresh the index)."""
    from simulator.app_library import load_app_library

    checked = load_app_library(trainee_id=trainee_id)
    write_index(checked.library, checked.blocked)
    return checked


@dataclass(frozen=True)
class Start:
    """What the app opens with, none of it Textual: the store, the trainee, the settings
    kept from last time and the library's cards (None: no index holds, load first)."""

    store: SqlStore
    trainee: str
    kept: Settings
    cards: list[ScenarioCard] | None


def prepare(store: SqlStore | None = None, trainee_id: str | None = None) -> Start:
    """Open the store (unless given), then read the trainee, settings and cards."""
    store = store or waiting_for_store(open_store)
    opened = store
    trainee = waiting_for_store(lambda: opened.ensure_trainee(trainee_id) if trainee_id
                                else remembered_trainee(opened))
    return Start(store, trainee, load_settings(), read_index() or shipped_cards())


class Preparing(threading.Thread):
    """:func:`prepare` in a thread; :meth:`result` waits for it, and raises what it
    raised (a store that cannot be opened, say) in the caller's thread."""

    def __init__(self) -> None:
        super().__init__(name="peersim-start", daemon=True)
        self._start: Start | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            self._start = prepare()
        except BaseException as exc:  # handed to the main thread, which reports it
            self._error = exc

    def result(self) -> Start:
        self.join()
        if self._error is not None:
            raise self._error
        assert self._start is not None
        return self._start


def build_app(store: SqlStore | None = None, trainee_id: str | None = None,
              preparing: Preparing | None = None) -> PeersimApp:
    """The app on the shipped library, the records store and the trainee's own decks.

    When the library index is current (or, on a first start, the cards shipped with the
    package still match the shipped files), the home screen opens from it and the full
    library loads in the background; otherwise the library is loaded first.
    ``preparing`` is :func:`prepare` already running; the app's modules are imported
    while it runs.
    """
    from simulator.tui.app import PeersimApp
    from simulator.tui.context import AppContext

    start = preparing.result() if preparing is not None else prepare(store, trainee_id)
    trainee, kept = start.trainee, start.kept
    if start.cards is None:
        checked = _load(trainee)
        return PeersimApp(AppContext(store=start.store, trainee_id=trainee, checked=checked,
                                     mode=kept.mode, deck_id=kept.deck_id, theme=kept.theme,
                                     settings_file=settings_path()))
    return PeersimApp(AppContext(store=start.store, trainee_id=trainee,
                                 loader=lambda: _load(trainee), cards=start.cards,
                                 mode=kept.mode, deck_id=kept.deck_id, theme=kept.theme,
                                 settings_file=settings_path()))


def launch_dashboard(cohort_id: str, selection: Selection = ALL) -> int:
    """Open the cohort dashboard for a trainer, over the sessions ``selection`` keeps."""
    from simulator.records.cohorts import get_cohort
    from simulator.records.sql_store import StoreError

    store = open_store()
    try:
        try:
            get_cohort(store, cohort_id)
        except StoreError as exc:
            print(f"peersim: {exc}", file=sys.stderr)
            return 1
        if not sys.stdout.isatty():
            print("peersim: the dashboard needs a terminal; peersim report writes HTML",
                  file=sys.stderr)
            return 2
        from simulator.exports.names import roster_names
        from simulator.records.cohort_queries import dashboard
        from simulator.tui.app import PeersimApp
        from simulator.tui.compat import run_for_exit_code
        from simulator.tui.context import AppContext
        from simulator.tui.launch_review import waiting_lines
        from simulator.tui.screens.dashboard import DashboardScreen

        library = _load().library
        board = dashboard(store, cohort_id, selection)
        app = PeersimApp(AppContext(library, store=store, trainee_id="trainer"),
                         first_screen=lambda: DashboardScreen(
                             board, who=roster_names(),
                             waiting=lambda: waiting_lines(store, cohort_id),
                             counting=selection.describe()),
                         trainer=True)
        return run_for_exit_code(app)
    finally:
        store.close()


def launch(argv: list[str]) -> int:
    """Run the app until the trainee quits."""
    if os.environ.get("PEERSIM_SERVED_ROLE"):  # started by peersim serve for one browser
        from simulator.tui.served import launch_served

        return launch_served()
    if not sys.stdout.isatty():
        print("peersim: the app needs a terminal; see peersim --help for the commands",
              file=sys.stderr)
        return 2
    preparing = Preparing()
    preparing.start()  # the store opens while the app's modules (Textual) import
    app = build_app(preparing=preparing)
    from simulator.tui.compat import run_for_exit_code
    gc.freeze()  # what start-up made lives for the whole run: spare the collector it
    gc.enable()
    try:
        return run_for_exit_code(app)
    finally:
        app.ctx.store.close()


def launch_review(cohort_id: str, reviewer: str, session_id: str | None) -> int:
    """Run the trainer's review app on a cohort."""
    from simulator.loading.library import load_library
    from simulator.records import open_store
    from simulator.records.cohorts import get_cohort
    from simulator.tui.app import PeersimApp
    from simulator.tui.compat import run_for_exit_code
    from simulator.tui.context import AppContext
    from simulator.tui.launch_review import cohort_screen

    store = open_store()
    try:
        get_cohort(store, cohort_id)
        if not sys.stdout.isatty():
            print("peersim: review open needs a terminal; peersim review show prints a"
                  " session", file=sys.stderr)
            return 2
        library, _problems = load_library([])
        first = cohort_screen(store, cohort_id, reviewer, library, session_id)
        app = PeersimApp(AppContext(library, store=store, trainee_id=reviewer),
                         first_screen=lambda: first, trainer=True)
        return run_for_exit_code(app)
    finally:
        store.close()
