"""xAPI 1.0.3 statements for a cohort, and posting them to a Learning Record Store.

Each choice is ``answered`` (response = the choice id only, never story text); each
completed session is ``completed`` (with duration) then ``passed`` or ``failed``; each
supervision entry is ``commented`` (see :mod:`simulator.exports.review`).
Actors are opaque accounts, never emails. Statement ids are derived from the data
(uuid5), so posting the same statements twice cannot create duplicates (posting is in
:mod:`simulator.exports.lrs`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.exports import review, signoffs
from simulator.exports.files import atomic_file
from simulator.exports.names import Names
from simulator.exports.rows import SessionRecord, sessions_with_turns
from simulator.exports.tables import PLAIN, Gradebook
from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore

HOME = "https://peersim.invalid"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, HOME + "/xapi")  # fixed: ids never move
VERB = "http://adlnet.gov/expapi/verbs/"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
COURSE = "http://adlnet.gov/expapi/activities/course"


@dataclass(frozen=True)
class Place:
    """Where a programme's statements point: the base of activity ids (and extension
    keys) and the ``homePage`` of trainee accounts, both set by the programme (its LMS
    domain, say). Statement ids do not depend on them, so re-posting stays safe."""

    base: str = HOME
    home: str = HOME

    @property
    def scores(self) -> str:
        """The criterion-scores result extension key."""
        return self.base + "/xapi/extensions/criterion-scores"


DEFAULT = Place()


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _duration(start: str, end: str) -> str:
    seconds = (datetime.fromisoformat(end.replace("Z", "+00:00"))
               - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
    return f"PT{max(0.0, seconds):.0f}S"


def _named(name: str, description: str = "", kind: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"name": {"en": name}}
    if description:
        out["description"] = {"en": description}
    if kind:
        out["type"] = kind
    return out


def _scenario(record: SessionRecord, names: Names, place: Place) -> dict[str, Any]:
    return {"objectType": "Activity", "id": f"{place.base}/scenarios/{record.scenario_id}",
            "definition": _named(names.title(record.scenario_id),
                                 names.summary(record.scenario_id), SIMULATION)}


def _base(record: SessionRecord, names: Names, place: Place, cohort: str) -> dict[str, Any]:
    return {
        "actor": {"objectType": "Agent",
                  "account": {"homePage": place.home, "name": record.trainee_id}},
        "context": {
            "registration": _id("session", record.session_id),
            "contextActivities": {
                "parent": [_scenario(record, names, place)],
                "grouping": [{"id": f"{place.base}/cohorts/{record.cohort_id}",
                              "objectType": "Activity",
                              "definition": _named(f"Cohort {cohort}", kind=COURSE)}],
            },
            "revision": str(record.scenario_version),
            "platform": "peersim",
        },
    }


def statements(store: SqlStore, cohort_id: str, book: Gradebook = PLAIN,
               place: Place = DEFAULT) -> Iterator[dict[str, Any]]:
    """Every statement for the cohort's completed sessions (those ``book`` selects),
    with names and descriptions on every activity."""
    names = book.names
    cohort = get_cohort(store, cohort_id).title
    for record, recorded in sessions_with_turns(store, cohort_id, book.selection):
        scenario = f"{place.base}/scenarios/{record.scenario_id}"
        title = names.title(record.scenario_id)
        for turn, recorded_at in recorded:
            step = turn.step
            choice = step.line or ("reflect" if step.reflect is not None else "share")
            mean = float(turn.score.mean)
            yield {
                **_base(record, names, place, cohort),
                "id": _id(record.session_id, "answered", turn.index),
                "verb": {"id": VERB + "answered", "display": {"en": "answered"}},
                "object": {"objectType": "Activity",
                           "id": f"{scenario}/beats/{turn.beat}",
                           "definition": {**_named(
                               f"{title}: the moment '{turn.beat}'",
                               "One moment of the conversation: what the trainee chose to"
                               " say, reflect or share.", INTERACTION),
                               "interactionType": "choice"}},
                "result": {
                    "response": choice,
                    "score": {"raw": round(mean, 4), "min": 0, "max": 3,
                              "scaled": round(mean / 3, 4)},
                    "extensions": {place.scores: {s.criterion: s.level
                                                for s in turn.score.scores}},
                },
                "timestamp": recorded_at,
            }
        overall = {"raw": round(record.overall, 4), "min": 0, "max": 3,
                   "scaled": round(record.overall / 3, 4)}
        by_criterion = {c.criterion: c.mean for c in record.result.criteria}
        obj = _scenario(record, names, place)
        yield {**_base(record, names, place, cohort), "id": _id(record.session_id, "completed"),
               "verb": {"id": VERB + "completed", "display": {"en": "completed"}},
               "object": obj,
               "result": {"completion": True, "score": overall,
                          "duration": _duration(record.started_at, record.completed_at),
                          "extensions": {place.scores: by_criterion}},
               "timestamp": record.completed_at}
        verdict = "passed" if record.passed else "failed"
        yield {**_base(record, names, place, cohort), "id": _id(record.session_id, verdict),
               "verb": {"id": VERB + verdict, "display": {"en": verdict}},
               "object": obj,
               "result": {"success": record.passed, "score": overall},
               "timestamp": record.completed_at}
    yield from review.statements(store, cohort_id, place.base, _id, place.home, book.story)
    yield from signoffs.statements(store, cohort_id, place.base, _id, place.home, book.story)


def write_statements(store: SqlStore, cohort_id: str, target: Path,
                     book: Gradebook = PLAIN, place: Place = DEFAULT) -> int:
    """All statements as one JSON array file."""
    count = 0
    with atomic_file(target) as handle:
        handle.write("[\n")
        for count, statement in enumerate(statements(store, cohort_id, book, place),
                                          start=1):
            handle.write(("" if count == 1 else ",\n") + json.dumps(statement))
        handle.write("\n]\n")
    return count

