"""Peer review through the classroom server: a served trainee sees a fellow trainee's
session and its reviews only while both have agreed."""

from __future__ import annotations

from textual.widgets import OptionList, TextArea

from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.records.peer_review import PeerReviews
from simulator.records.review import Reviews
from simulator.records.sql_store import SqlStore
from simulator.tui.screens.peer import PeerSessionsScreen
from simulator.tui.screens.write import WriteScreen
from simulator.tui.served import ServedAs, build_served_app
from tests.records.conftest import play
from tests.serve.conftest import Class


def _ids(app: object) -> list[str | None]:
    rows = app.screen.query_one("#sessions", OptionList)  # type: ignore[attr-defined]
    return [rows.get_option_at_index(i).id for i in range(rows.option_count)]


async def test_a_served_trainee_reviews_a_peer_only_while_both_agree(
        store: SqlStore, klass: Class, shipped: Library) -> None:
    loud = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))
    play(store, loud, klass.b, "s-bilal", list(next(p for p in loud.scenario.tests
                                                    if p.model).steps))
    Reviews(store).add("s-bilal", kind="note", author="Dana", role="trainer", body="Warm.")
    app = build_served_app(ServedAs("trainee", klass.a, "spring"), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PeerSessionsScreen)
        assert "s-bilal" not in _ids(app)
        await pilot.press("a")  # Anna accepts before Bilal has invited her: not yet
        await pilot.pause()
        assert isinstance(app.screen, WriteScreen)
        app.screen.query_one(TextArea).text = klass.b
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "s-bilal" not in _ids(app)
    PeerReviews(store).invite(klass.b, klass.a)
    assert [e.body for e in PeerReviews(store).entries_for(klass.a, "s-bilal")] == ["Warm."]
    app = build_served_app(ServedAs("trainee", klass.a, "spring"), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert "s-bilal" in _ids(app)
    PeerReviews(store).withdraw(klass.b, klass.a)
    app = build_served_app(ServedAs("trainee", klass.a, "spring"), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert "s-bilal" not in _ids(app)
    assert not PeerReviews(store).may_review(klass.a, "s-bilal")
