"""The Textual application: one factory shared by the command line and the tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from platformdirs import user_downloads_path
from textual.app import SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from simulator.paths import private_dir, write_private
from simulator.tui.compat import LaterStyles, QuietCrashes, SteadySize
from simulator.tui.context import AppContext
from simulator.tui.screens.home import HomeScreen
from simulator.tui.text import clean
from simulator.tui.themes import HIGH_CONTRAST, next_theme

#: the home screen's actions in the command palette: title, what it does, the action
HOME_COMMANDS = (
    ("Start scenario", "Start the highlighted scenario", HomeScreen.action_start),
    ("Practice or assessment", "Switch the mode", HomeScreen.action_mode),
    ("Story decks", "Browse the decks and choose one to share from", HomeScreen.action_deck),
    ("Resume", "Carry on an unfinished session", HomeScreen.action_resume),
    ("History", "Your past sessions: their debriefs, and replay from a turn",
     HomeScreen.action_history),
    ("My story deck", "Build or edit your own deck", HomeScreen.action_own_deck),
    ("Who is training", "Set your trainee id", HomeScreen.action_identity),
    ("Library problems", "Problems found in the scenario files and your own decks",
     HomeScreen.action_problems),
)


class PeersimApp(LaterStyles, SteadySize, QuietCrashes):
    """peersim's terminal app. Everything it needs is passed in, so tests can build one."""

    CSS_PATH = "peersim.tcss"  # what the home screen's first frame needs
    LATER_CSS_PATH = Path(__file__).with_name("screens.tcss")  # every other screen's
    TITLE = "peersim"
    SUB_TITLE = "practise strategic storytelling"
    BINDINGS = [
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+g", "need_to_talk", "Talk", priority=True),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False),  # in help; room at 80
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, ctx: AppContext,
                 first_screen: Callable[[], Screen[None]] | None = None, *,
                 trainer: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.trainer = trainer  # a trainer's review or dashboard: no "I need to talk"
        self.first_screen = first_screen
        self.register_theme(HIGH_CONTRAST)
        if ctx.theme in self.available_themes:
            self.theme = ctx.theme
        ctx.theme = self.theme  # so only a change the trainee makes is written down

    def styled_early(self, screen: Screen[Any]) -> bool:
        """The home screen is styled by peersim.tcss alone (the rest waits)."""
        return isinstance(screen, HomeScreen)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.push_screen(self.first_screen() if self.first_screen else HomeScreen(self.ctx))

    def on_ready(self) -> None:
        """Textual has laid out the first screen; its first frame is painted at the next
        refresh, and then the work kept off it starts (on worker threads)."""
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        if not self.ctx.library_ready:
            self.run_worker(self.ctx.warm, thread=True, exclusive=True, group="library")
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.check_notes()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Once the library is loaded and checked, the home screen shows what it found."""
        if event.worker.group == "library" and event.state is WorkerState.SUCCESS:
            for screen in self.screen_stack:
                if isinstance(screen, HomeScreen):
                    screen.library_checked()

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title, shown literally whatever a screen set it to (a scenario's
        title, say): an escape sequence there would retitle the trainee's terminal."""
        return super().format_title(clean(title), clean(sub_title))

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Notifications shown literally: never markup (messages can quote a scenario or an
        error, and a screen's ``notify`` asks for markup unless told otherwise) and never a
        control character."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout,
                       markup=False)

    def save_screenshot(self, filename: str | None = None, path: str | None = None,
                        time_format: str | None = None) -> str:
        """Save an SVG of the screen as a private file (0600, whatever the umask): it
        shows whatever was on screen, a trainee's own story pieces included. The name
        never carries the screen's title."""
        stamp = datetime.now().strftime(time_format or "%Y-%m-%dT%H_%M_%S")
        target = Path(path or ".").expanduser() / (filename or f"peersim_{stamp}.svg")
        private_dir(target.parent)
        write_private(target, self.export_screenshot())
        return str(target)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The screenshot command: in a terminal, a private file in the downloads folder
        (Textual's own delivery writes it with the umask's mode, 0644 or even 0666); in a
        browser, Textual's download."""
        if self.is_web:
            return super().deliver_screenshot(filename, path, time_format)
        try:
            saved = self.save_screenshot(filename, path or str(user_downloads_path()),
                                         time_format)
        except OSError as exc:
            self.notify(f"Could not save the screenshot: {exc.strerror or exc}",
                        title="Screenshot", severity="error")
            return None
        self.notify(f"Saved screenshot to {saved}", title="Screenshot")
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """"I need to talk" is the trainee's, on every screen of theirs."""
        if action == "need_to_talk":
            return not self.trainer
        return True

    def action_need_to_talk(self) -> None:
        """Ask for your supervisor, from any screen (a note is optional)."""
        from simulator.tui.screens.talk import SENT, talk_screen

        def sent(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.notify(SENT, title="I need to talk", timeout=15)

        if not self.trainer and not isinstance(self.screen, ModalScreen):
            self.push_screen(talk_screen(self.ctx), sent)

    def action_help(self) -> None:
        """Show every key."""
        from simulator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        """Dark, light, high contrast."""
        self.theme = next_theme(self.theme)
        self.notify(f"Theme: {self.theme.removeprefix('textual-').replace('-', ' ')}")

    def _theme_changed(self, theme: Theme) -> None:
        """Remember the theme (chosen with ctrl+t or the palette) for the next run."""
        if self.ctx.theme != theme.name:
            self.ctx.theme = theme.name
            self.ctx.remember()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette offers the main actions too."""
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key, and how a turn works", self.action_help)
        yield SystemCommand("Next theme", "Dark, light or high contrast",
                            self.action_toggle_theme)
        if isinstance(screen, HomeScreen):
            yield SystemCommand("I need to talk", "Ask your supervisor to get in touch",
                                self.action_need_to_talk)
            for title, help_text, action in HOME_COMMANDS:
                yield SystemCommand(title, help_text, partial(action, screen))
