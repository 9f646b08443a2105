"""Fixtures for driving the app: a real SQLite store in a temp folder, a fixed trainee."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.plan import Step
from simulator.practice import PracticeService
from simulator.records.sqlite_store import SqliteStore
from simulator.tui.app import PeersimApp
from simulator.tui.context import AppContext
from simulator.tui.screens.conversation import ConversationScreen

MakeApp = Callable[..., PeersimApp]


class _CountedIds:
    """Stands in for the uuid module where sessions get their ids."""

    def __init__(self) -> None:
        self._next = itertools.count(1)

    def uuid4(self) -> uuid.UUID:
        return uuid.UUID(int=next(self._next))


@pytest.fixture(autouse=True)
def _stable_session_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    """Session ids counted from 1 in every app test: lines are shuffled per session id,
    so screens (and snapshots) must see the same ids on every run."""
    ids = _CountedIds()
    monkeypatch.setattr("simulator.engine.engine.uuid", ids)
    monkeypatch.setattr("simulator.practice.service.uuid", ids)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "records.sqlite3"


@pytest.fixture
def make_app(shipped: Library, db_path: Path) -> MakeApp:
    """Build an app on the shipped library (or another) with a store at ``db_path``."""
    stores: list[SqliteStore] = []

    def _make(library: Library | None = None, mode: str = "practice") -> PeersimApp:
        store = SqliteStore(db_path)
        stores.append(store)
        ctx = AppContext(library=library or shipped, store=store, trainee_id="t-test",
                         mode=mode)
        return PeersimApp(ctx)

    yield _make
    for store in stores:
        store.close()


def _conversation(app: PeersimApp) -> ConversationScreen | None:
    """The conversation screen, on top or under a card or dialog."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, ConversationScreen):
            return screen
    return None


def choice_key(app: PeersimApp, n: int) -> str:
    """The number key for the ``n``th authored line *in the file's order*.

    Lines are shown shuffled per session (the file's order is no answer key), so a test
    that means "the scenario's first line" asks for its key here; a number past the
    lines (reflect, share, say no more) keeps its place, since those follow the lines."""
    screen = _conversation(app)
    if screen is None or screen.engine.beat(screen.session) is None:
        return str(n)
    shown = [line.id for line in screen.engine.options(screen.session, screen.heard).lines]
    beat = screen.engine.beat(screen.session)
    assert beat is not None
    in_file = [line.id for line in beat.lines if line.id in shown]
    if n <= len(in_file):
        return str(shown.index(in_file[n - 1]) + 1)
    return str(n)


async def press_nth(pilot: Pilot[None], *keys: int | str) -> None:
    """Press keys, reading a number as "the nth line in the file's order"."""
    app = pilot.app
    assert isinstance(app, PeersimApp)
    for key in keys:
        await pilot.press(choice_key(app, key) if isinstance(key, int) else key)
        await pilot.pause()


def spring_store(path: Path, shipped: Library, steps: list[Step]) -> SqliteStore:
    """A store where t-test, in cohort spring, has one finished loud-again session (s-1)
    made of ``steps``."""
    opened = SqliteStore(path)
    opened.ensure_trainee("t-test")
    with opened.write():
        opened.execute("INSERT INTO cohorts (id, title, created_at) VALUES ('spring', 'Spring',"
                       " '2026-01-01T00:00:00Z')")
        opened.execute("INSERT INTO cohort_members (cohort_id, trainee_id) VALUES ('spring',"
                       " 't-test')")
    service = PracticeService(opened)
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"), label=shipped.theme_label)
    practice = service.start(engine, trainee_id="t-test", mode="practice", session_id="s-1")
    for step in steps:
        service.choose(practice, step)
    service.finish(practice)
    return opened
