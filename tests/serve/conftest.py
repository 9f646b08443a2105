"""Fixtures for the classroom tests: a cohort with two trainees and their join codes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from simulator.model import Deck, Fragment
from simulator.owndecks import OWN_DECK_ID
from simulator.records import open_store
from simulator.records.access import issue_code
from simulator.records.cohorts import add_members, create_cohort
from simulator.records.served_decks import StoreShelf
from simulator.records.sql_store import SqlStore


@dataclass(frozen=True)
class Class:
    """Two trainees (a, b) of cohort "spring", a trainer, and their codes."""

    a: str
    b: str
    code_a: str
    code_b: str
    trainer_code: str
    outsider_code: str  # a trainee of another cohort


def deck_of(owner: str, title: str) -> Deck:
    """An own deck with one piece called ``title``."""
    piece = Fragment(id="piece-1", title=title, text=f"{title}, in my own words.",
                     themes=["sleep"], phase="now", intensity=1, self_cost=1)
    return Deck(kind="deck", id=OWN_DECK_ID, title="My story", owner=owner, practice=False,
                fragments=[piece])


@pytest.fixture
def store() -> Iterator[SqlStore]:
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture
def klass(store: SqlStore) -> Class:
    create_cohort(store, "spring", "Spring class")
    create_cohort(store, "autumn", "Autumn class")
    a, b = add_members(store, "spring", trainee_ids=["t-aaaaaaaaaaaa", "t-bbbbbbbbbbbb"])
    [other] = add_members(store, "autumn", count=1)
    StoreShelf(store, a).save(deck_of(a, "Anna's night walks"))
    StoreShelf(store, b).save(deck_of(b, "Bilal's kitchen table"))
    return Class(a, b, issue_code(store, "spring", "trainee", a),
                 issue_code(store, "spring", "trainee", b),
                 issue_code(store, "spring", "trainer", "trainer-one"),
                 issue_code(store, "autumn", "trainee", other))
