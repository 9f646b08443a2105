"""xAPI 1.0.3 statements for a cohort, and posting them to a Learning Record Store.

Each choice is ``answered`` (response = the choice id only, never story text); each
completed session is ``completed`` (with duration) then ``passed`` or ``failed``; each
supervision entry is ``commented`` (see :mod:`simulator.exports.review`).
Actors are opaque accounts, never emails. Statement ids are derived from the data
(uuid5), so posting the same statements twice cannot create duplicates.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.exports import review
from simulator.exports.files import atomic_file
from simulator.exports.rows import SessionRecord, sessions_with_turns
from simulator.records.sql_store import SqlStore

HOME = "https://peersim.invalid"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, HOME + "/xapi")
VERB = "http://adlnet.gov/expapi/verbs/"
SCORES_EXT = HOME + "/xapi/extensions/criterion-scores"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"


def _id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _duration(start: str, end: str) -> str:
    seconds = (datetime.fromisoformat(end.replace("Z", "+00:00"))
               - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
    return f"PT{max(0.0, seconds):.0f}S"


def _base(record: SessionRecord) -> dict[str, Any]:
    return {
        "actor": {"objectType": "Agent",
                  "account": {"homePage": HOME, "name": record.trainee_id}},
        "context": {
            "registration": _id("session", record.session_id),
            "contextActivities": {
                "parent": [{"id": f"{HOME}/scenarios/{record.scenario_id}",
                            "objectType": "Activity"}],
                "grouping": [{"id": f"{HOME}/cohorts/{record.cohort_id}",
                              "objectType": "Activity"}],
            },
            "revision": str(record.scenario_version),
            "platform": "peersim",
        },
    }


def statements(store: SqlStore, cohort_id: str, pass_mark: float = 2.0
               ) -> Iterator[dict[str, Any]]:
    """Every statement for the cohort's completed sessions."""
    for record, recorded in sessions_with_turns(store, cohort_id):
        scenario = f"{HOME}/scenarios/{record.scenario_id}"
        for turn, recorded_at in recorded:
            step = turn.step
            choice = step.line or ("reflect" if step.reflect is not None else "share")
            mean = float(turn.score.mean)
            yield {
                **_base(record),
                "id": _id(record.session_id, "answered", turn.index),
                "verb": {"id": VERB + "answered", "display": {"en": "answered"}},
                "object": {"objectType": "Activity",
                           "id": f"{scenario}/beats/{turn.beat}",
                           "definition": {"type": INTERACTION, "interactionType": "choice"}},
                "result": {
                    "response": choice,
                    "score": {"raw": round(mean, 4), "min": 0, "max": 3,
                              "scaled": round(mean / 3, 4)},
                    "extensions": {SCORES_EXT: {s.criterion: s.level
                                                for s in turn.score.scores}},
                },
                "timestamp": recorded_at,
            }
        overall = {"raw": round(record.overall, 4), "min": 0, "max": 3,
                   "scaled": round(record.overall / 3, 4)}
        by_criterion = {c["criterion"]: c["mean"] for c in record.result["criteria"]}
        obj = {"objectType": "Activity", "id": scenario}
        yield {**_base(record), "id": _id(record.session_id, "completed"),
               "verb": {"id": VERB + "completed", "display": {"en": "completed"}},
               "object": obj,
               "result": {"completion": True, "score": overall,
                          "duration": _duration(record.started_at, record.completed_at),
                          "extensions": {SCORES_EXT: by_criterion}},
               "timestamp": record.completed_at}
        verdict = "passed" if record.passed else "failed"
        yield {**_base(record), "id": _id(record.session_id, verdict),
               "verb": {"id": VERB + verdict, "display": {"en": verdict}},
               "object": obj,
               "result": {"success": record.passed, "score": overall},
               "timestamp": record.completed_at}
    yield from review.statements(store, cohort_id, HOME, _id)


def write_statements(store: SqlStore, cohort_id: str, target: Path) -> int:
    """All statements as one JSON array file."""
    count = 0
    with atomic_file(target) as handle:
        handle.write("[\n")
        for count, statement in enumerate(statements(store, cohort_id), start=1):
            handle.write(("" if count == 1 else ",\n") + json.dumps(statement))
        handle.write("\n]\n")
    return count


def post(url: str, items: list[dict[str, Any]], user: str, password: str,
         batch: int = 50, attempts: int = 4) -> int:
    """POST statements in batches with the xAPI version header; retries are safe."""
    endpoint = url.rstrip("/") + ("" if url.rstrip("/").endswith("statements")
                                  else "/statements")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    sent = 0
    for start in range(0, len(items), batch):
        body = json.dumps(items[start:start + batch]).encode()
        for attempt in range(attempts):
            request = urllib.request.Request(endpoint, data=body, method="POST", headers={
                "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3",
                "Authorization": f"Basic {token}"})
            try:
                with urllib.request.urlopen(request, timeout=30):
                    break
            except urllib.error.HTTPError as exc:
                if exc.code == 409:  # already stored: same ids, nothing duplicated
                    break
                if exc.code < 500 or attempt == attempts - 1:
                    raise
            except urllib.error.URLError:
                if attempt == attempts - 1:
                    raise
            time.sleep(0.5 * 2 ** attempt)
        sent += len(items[start:start + batch])
    return sent
