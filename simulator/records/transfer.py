"""Moving records between machines: a trainee exports their own, a trainer imports them.

The file is JSON with a SHA-256 digest of its canonical payload. Threat model, stated
plainly: the digest catches damage in transit and hand edits by someone who does not
recompute it; it does not stop a determined person who rewrites the digest too (that
would need a signing key the trainee does not hold). Import is one transaction: a
file is taken whole or not at all, and importing it twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from simulator.exports.files import atomic_file
from simulator.records.sql_store import SqlStore, StoreError, iso

FORMAT = "peersim-records/1"
_SESSION_COLUMNS = ("id", "trainee_id", "scenario_id", "scenario_version", "content_hash",
                    "rubric_id", "deck_id", "mode", "started_at", "completed_at",
                    "abandoned_at", "state_json", "turns", "overall", "passed", "result_json")
_TURN_COLUMNS = ("session_id", "idx", "beat", "step_json", "scores_json", "band", "mean",
                 "events_json", "next", "recorded_at")


def _digest(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def export_mine(store: SqlStore, trainee_id: str, target: Path) -> int:
    """Write one trainee's sessions and choices; returns the number of sessions."""
    sessions = [dict(zip(_SESSION_COLUMNS, row, strict=True)) for row in store.execute(
        f"SELECT {', '.join(_SESSION_COLUMNS)} FROM sessions WHERE trainee_id = ?"
        " ORDER BY started_at, id", (trainee_id,))]
    ids = [s["id"] for s in sessions]
    turns = []
    for sid in ids:
        turns += [dict(zip(_TURN_COLUMNS, row, strict=True)) for row in store.execute(
            f"SELECT {', '.join(_TURN_COLUMNS)} FROM turns WHERE session_id = ? ORDER BY idx",
            (sid,))]
    payload = {"format": FORMAT, "trainee_id": trainee_id, "sessions": sessions,
               "turns": turns}
    with atomic_file(target) as handle:
        json.dump({"payload": payload, "sha256": _digest(payload)}, handle, indent=1)
    return len(sessions)


def read_export(path: Path) -> dict[str, Any]:
    """The payload of a records file, or a clear reason it cannot be trusted."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        payload, digest = data["payload"], data["sha256"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        raise StoreError(f"{path}: not a peersim records file, or damaged ({exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise StoreError(f"{path}: unknown records format")
    if _digest(payload) != digest:
        raise StoreError(f"{path}: the contents do not match their checksum; the file was"
                         " damaged or edited, so nothing was imported")
    return payload


def import_records(store: SqlStore, paths: list[Path], cohort_id: str | None = None) -> int:
    """Import files in one transaction; returns how many sessions were new."""
    payloads = [read_export(p) for p in paths]  # every file is checked before any write
    new = 0
    with store._write() as db:
        for payload in payloads:
            trainee = payload["trainee_id"]
            db.execute("INSERT OR IGNORE INTO trainees (id, created_at) VALUES (?, ?)",
                       (trainee, iso(store.clock())))
            if cohort_id is not None:
                db.execute("INSERT OR IGNORE INTO cohort_members VALUES (?, ?)",
                           (cohort_id, trainee))
            for session in payload["sessions"]:
                if session["trainee_id"] != trainee:
                    raise StoreError("a session in the file belongs to another trainee")
                cursor = db.execute(
                    f"INSERT OR IGNORE INTO sessions ({', '.join(_SESSION_COLUMNS)}) VALUES"
                    f" ({', '.join('?' * len(_SESSION_COLUMNS))})",
                    [session[c] for c in _SESSION_COLUMNS])
                new += cursor.rowcount
            for turn in payload["turns"]:
                db.execute(f"INSERT OR IGNORE INTO turns ({', '.join(_TURN_COLUMNS)}) VALUES"
                           f" ({', '.join('?' * len(_TURN_COLUMNS))})",
                           [turn[c] for c in _TURN_COLUMNS])
    return new
