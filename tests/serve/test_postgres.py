"""The classroom on PostgreSQL: sign-in, an app started on the same database, and a
served trainee's own deck, for programmes that serve several sites from one database."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from simulator.owndecks import OWN_DECK_ID
from simulator.records import open_store
from simulator.records.access import issue_code
from simulator.records.cohorts import add_members, create_cohort, get_cohort
from simulator.records.served_decks import StoreShelf
from simulator.records.sql_store import SqlStore
from simulator.serve.server import ClassroomServer
from tests.records import pgserver
from tests.serve.conftest import deck_of
from tests.serve.test_server import FAKE


@pytest.fixture
def pg_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[SqlStore, str]]:
    admin = os.environ.get("PEERSIM_TEST_POSTGRES_URL")
    cluster = None
    if not admin:
        try:
            cluster = pgserver.Cluster()
        except (pgserver.NoServer, OSError) as exc:
            pytest.skip(f"no PostgreSQL server could be started here: {exc}")
        admin = cluster.admin_url
    url = pgserver.fresh_database(admin)
    monkeypatch.setenv("PEERSIM_DATABASE_URL", url)
    store = open_store()
    assert store.kind == "postgresql"
    try:
        yield store, url
    finally:
        store.close()
        pgserver.drop_database(admin, url)
        if cluster is not None:
            cluster.stop()


async def test_a_class_served_from_postgresql(pg_store: tuple[SqlStore, str]) -> None:
    store, url = pg_store
    create_cohort(store, "north", "North")
    [trainee] = add_members(store, "north", trainee_ids=["t-aaaaaaaaaaaa"])
    code = issue_code(store, "north", "trainee", trainee)
    StoreShelf(store, trainee).save(deck_of(trainee, "Morning bus"))
    assert StoreShelf(store, trainee).load()[0][OWN_DECK_ID].fragments[0].title == "Morning bus"
    server = ClassroomServer(store, url, get_cohort(store, "north"), command=FAKE)
    client: TestClient[Any, Any] = TestClient(TestServer(await server.make_app()))
    await client.start_server()
    try:
        signed = await client.post("/sign-in", data={"code": code}, allow_redirects=False)
        assert signed.status == 303
        async with client.ws_connect("/ws") as ws:
            identity = json.loads((await ws.receive(timeout=30)).data)
        assert identity["PEERSIM_SERVED_PERSON"] == trainee
        assert identity["PEERSIM_DATABASE_URL"] == url
        # a second server on the same database shares the sign-in (and the cookie key)
        other = ClassroomServer(open_store(url), url, get_cohort(store, "north"), command=FAKE)
        assert await other.key() == await server.key()
        other.close()
    finally:
        await client.close()
        server._pool.shutdown()
