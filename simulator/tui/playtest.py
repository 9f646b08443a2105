"""Play-testing: the app on an author's own files, reloaded each time they save.

Why here and not in the headless core: reloading changes what is on screen (the home
list, an open conversation, a problems dialog). What *can* be played is decided by
:func:`simulator.loading.playable.load_playable`; carrying the choices made so far over
to the edited scenario is the practice service's ``resume`` (the one owner of
sessions), so a replayed session is recorded exactly as a resumed one would be.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.loading.library import SUFFIXES
from simulator.loading.playable import Playable, load_playable
from simulator.records import StoreError
from simulator.tui.app import PeersimApp
from simulator.tui.compat import run_for_exit_code
from simulator.tui.context import AppContext
from simulator.tui.screens.conversation import ConversationScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.problems import ProblemsDialog
from simulator.tui.text import notify_error

if TYPE_CHECKING:
    from simulator.engine.engine import Engine


def playable_problems(playable: Playable) -> str:
    """Which files beside the given ones were used, every problem in the author's files,
    then what is left out, in plain lines."""
    notes = playable.library.companion_notes()
    lines = [*(note[0].upper() + note[1:] for note in notes), *([""] if notes else []),
             *(p.format() for p in playable.problems)]
    if not playable.problems:
        lines.append("No problems found in your files.")
    if playable.left_out:
        lines += ["", "Left out until fixed (everything else can be played):",
                  *(f"  {path}" for path in playable.left_out)]
    return "\n".join([*lines, "", "Save a fix and it is checked again at once."])


class ProblemsScreen(ProblemsDialog):
    """Every problem in the author's files, one ``file:line:col: CODE message`` each;
    closing it leaves the app as it is, and the next save with problems shows it again."""

    def __init__(self, playable: Playable) -> None:
        super().__init__("Problems in your files", playable_problems(playable))
        self.playable = playable

    def show(self, playable: Playable) -> None:
        """Refresh with the problems of ``playable``."""
        self.playable = playable
        self.set_text(playable_problems(playable))


def watched_roots(paths: Sequence[str]) -> list[Path]:
    """Folders to watch: each folder given, and the folder of each file given (editors
    often save by writing a new file and renaming it over the old one)."""
    roots: list[Path] = []
    for raw in paths:
        path = Path(raw).resolve()
        root = path if path.is_dir() else path.parent
        if root not in roots:
            roots.append(root)
    return roots


def relevant(paths: Sequence[str], changed: Path) -> bool:
    """True when ``changed`` is one of the given files, or a YAML file in a given folder
    or beside a given file (where its deck and rubric are looked for)."""
    changed = changed.resolve()
    for raw in paths:
        path = Path(raw).resolve()
        if changed == path or (changed.suffix in SUFFIXES and changed.parent == path.parent
                               and path.is_file()):
            return True
        if path.is_dir() and changed.suffix in SUFFIXES and changed.is_relative_to(path):
            return True
    return False


class PlayTestApp(PeersimApp):
    """The trainee's app on an author's files; with ``watch``, reloaded on every save."""

    def __init__(self, ctx: AppContext, playable: Playable, paths: Sequence[str], *,
                 hide_shipped: bool = False, watch: bool = False) -> None:
        super().__init__(ctx)
        self.playable = playable
        self.paths = list(paths)
        self.hide_shipped = hide_shipped
        self.watching = watch
        self.reloads = 0  # how many reloads have been applied (tests wait on it)
        self._stop = threading.Event()

    def on_mount(self) -> None:
        # Textual calls PeersimApp.on_mount after this one (handlers run down the class
        # tree), and it pushes the home screen: what is said at the start goes on top
        self._take(self.playable)
        self.call_after_refresh(self._opening)
        if self.watching:
            self.run_worker(self._watch, thread=True, exclusive=True, group="watch")

    def _opening(self) -> None:
        """The problems in the author's files, or which files beside them were used."""
        if self.playable.problems:
            self.push_screen(ProblemsScreen(self.playable))
        else:
            for note in self.playable.library.companion_notes():
                self.notify(note[0].upper() + note[1:] + ".", timeout=8)

    def _take(self, playable: Playable) -> None:
        """List the author's scenarios first (those with problems too, marked so), the
        first of them highlighted, and say in the title how many there are."""
        self.playable = playable
        own = playable.own_scenarios()
        self.ctx.featured = [*own, *playable.left_out_scenarios]
        self.ctx.blocked = dict(playable.left_out_scenarios)
        mine = len(self.ctx.featured)
        held = len(playable.left_out_scenarios)
        # the header has some 60 columns at 80: the problems dialog says saves are checked
        if held:
            self.sub_title = f"play-testing {mine} of yours ({held} with problems: p)"
        else:
            self.sub_title = (f"play-testing {mine} scenario{'s' if mine != 1 else ''} of"
                              " yours" + (", reloading on save" if self.watching else ""))

    def problems_screen(self) -> ProblemsScreen:
        """p shows the problems in the author's files, not the shipped library's."""
        return ProblemsScreen(self.playable)

    def on_unmount(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        """Wait for saves (in a thread) and reload after each one."""
        import watchfiles

        for changes in watchfiles.watch(*watched_roots(self.paths), stop_event=self._stop,
                                        debounce=300, step=50, raise_interrupt=False):
            if not any(relevant(self.paths, Path(changed)) for _kind, changed in changes):
                continue
            playable = load_playable(self.paths, hide_shipped=self.hide_shipped)
            if self._stop.is_set():
                return
            self.call_from_thread(self.apply, playable)

    def apply(self, playable: Playable) -> None:
        """Use a freshly loaded library: replay the open session and show any problems."""
        self.ctx.replace_library(playable.library)
        self._take(playable)
        while isinstance(self.screen, ProblemsScreen):
            self.pop_screen()  # shown afresh below when problems remain
        replayed = self._replay()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_view()
        if playable.problems:
            self.push_screen(ProblemsScreen(playable))
        elif replayed is None:
            self.notify("Reloaded your changes.")
        self.reloads += 1

    def _replay(self) -> str | None:
        """Carry the open conversation's choices over to the reloaded scenario.

        Returns what was said to the author, or None when no conversation was open.
        """
        conversation = next((s for s in self.screen_stack
                             if isinstance(s, ConversationScreen)), None)
        if conversation is None:
            return None
        practice = conversation.practice
        scenario_id = practice.session.scenario_id
        if scenario_id not in self.ctx.library.scenarios:
            message = ("This scenario cannot be played until the problems in its files are"
                       " fixed; your conversation stays as it was.")
            self.notify(message, severity="warning", timeout=10)
            return message

        def engine_for(wanted: str, deck_id: str | None) -> Engine:
            deck = self.ctx.decks().get(deck_id or "")
            return self.ctx.engine(self.ctx.library.scenario(wanted), deck)

        from simulator.engine.engine import RestoreError

        try:
            resumed = self.ctx.sessions.resume(practice.session.session_id, engine_for,
                                               trainee_id=self.ctx.trainee_id)
        except (RestoreError, StoreError) as exc:
            message = f"Could not replay your choices ({exc})."
            notify_error(self, message, exc, timeout=15)
            return message
        while self.screen is not conversation:
            self.pop_screen()  # a dialog on top belongs to the old version of the scenario
        # the same Practice object, so whoever holds it (the debrief to come) sees the new one
        practice.engine = resumed.practice.engine
        practice.session = resumed.practice.session
        conversation.refresh_turn()
        message = (f"Reloaded. {resumed.kept} of your {resumed.made} choices still fit and"
                   " were replayed.")
        self.notify(message, timeout=8)
        return message


def has_terminal() -> bool:
    """True when the output is a terminal the app can take over."""
    import sys

    return sys.stdout.isatty()


def launch_playtest(paths: Sequence[str], *, hide_shipped: bool, watch: bool,
                    playable: Playable) -> int:
    """Run the play-test app. Its sessions go to a throwaway store: an author trying
    their own scenario is not a trainee, and their tries belong in no one's records."""
    import sys
    import tempfile

    from simulator.owndecks import load_own_decks
    from simulator.records.sqlite_store import SqliteStore

    if not has_terminal():
        print("peersim: play-testing needs a terminal; peersim check and peersim walk play"
              " scenarios without one", file=sys.stderr)
        return 2
    own, _problems = load_own_decks()
    with tempfile.TemporaryDirectory(prefix="peersim-play-") as folder:
        store = SqliteStore(Path(folder) / "play-test.sqlite3")
        try:
            ctx = AppContext(playable.library, store=store, trainee_id="play-test",
                             own_decks=own)
            return run_for_exit_code(PlayTestApp(ctx, playable, paths,
                                                 hide_shipped=hide_shipped, watch=watch))
        finally:
            store.close()
