"""Moving records between machines: a trainee exports their own, a trainer imports them.

The file is JSON with a SHA-256 digest of its canonical payload. Threat model, stated
plainly: the digest catches damage in transit and hand edits by someone who does not
recompute it; it does not stop a determined person who rewrites the digest too (that
would need a signing key the trainee does not hold). So import also checks the file's
whole structure (:class:`RecordsFile`), that it holds only its own trainee's sessions
and turns, and that none of its sessions is already another trainee's. Every
check runs before anything is written, and the import is one transaction: a file is
taken whole or not at all, and importing it twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Json,
    StringConstraints,
    ValidationError,
    model_validator,
)

from simulator.exports.files import atomic_file
from simulator.model.common import Id, Level
from simulator.model.plan import Step
from simulator.records.cohorts import get_cohort
from simulator.records.sql_store import SqlStore, StoreError, iso

FORMAT = "peersim-records/1"
SESSION_COLUMNS = ("id", "trainee_id", "scenario_id", "scenario_version", "content_hash",
                   "rubric_id", "deck_id", "mode", "started_at", "completed_at",
                   "abandoned_at", "state_json", "turns", "overall", "passed", "result_json")
TURN_COLUMNS = ("session_id", "idx", "beat", "step_json", "scores_json", "band", "mean",
                "events_json", "next", "recorded_at")
_STAMP = "%Y-%m-%dT%H:%M:%SZ"


def _stamp(value: str) -> str:
    try:
        canonical = datetime.strptime(value, _STAMP).strftime(_STAMP) == value
    except ValueError:
        canonical = False
    if not canonical:
        raise ValueError("expected a UTC time like 2027-03-01T14:05:00Z")
    return value


Stamp = Annotated[str, AfterValidator(_stamp)]
# any id a peersim machine may hold: those it makes, --trainee ids, ids typed into the app
TraineeId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
SessionId = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Mean = Annotated[float, Field(ge=0, le=3)]


class _Json(BaseModel):
    """JSON held in a text column: what peersim reads from it must be there, typed."""

    model_config = ConfigDict(strict=True, extra="ignore")


class _Score(_Json):
    criterion: str
    level: Level
    reason: str | dict[str, Any]  # a message {"id", "params"}; older records: a sentence


class _Criterion(_Json):
    criterion: str
    name: str = ""
    mean: Mean
    passed: bool | None  # None: no pass mark, or not enough evidence for a verdict


class _Gate(_Json):
    gate: str = ""
    name: str = ""
    event: str = ""


class _Result(_Json):
    criteria: list[_Criterion]
    gates: list[_Gate]


class _Row(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class _Session(_Row):
    id: SessionId
    trainee_id: TraineeId
    scenario_id: Id
    scenario_version: Annotated[int, Field(ge=0)]
    content_hash: str
    rubric_id: Id
    deck_id: str | None
    mode: Literal["practice", "assessment"]
    started_at: Stamp
    completed_at: Stamp | None
    abandoned_at: Stamp | None
    state_json: Json[dict[str, Any]]
    turns: Annotated[int, Field(ge=0)]
    overall: Mean | None
    passed: Literal[0, 1] | None
    result_json: Json[_Result] | None

    @model_validator(mode="after")
    def _complete(self) -> _Session:
        if self.completed_at is not None and None in (self.overall, self.passed,
                                                      self.result_json):
            raise ValueError(f"session {self.id} is completed but lacks its overall score,"
                             " pass or result")
        return self


class _Turn(_Row):
    session_id: SessionId
    idx: Annotated[int, Field(ge=0)]
    beat: str
    step_json: Json[Step]
    scores_json: Json[list[_Score]]
    band: str
    mean: Mean
    events_json: Json[list[str]]
    next: str
    recorded_at: Stamp


class RecordsFile(_Row):
    """The payload of a records file: one trainee's sessions and the turns of those."""

    format: Literal["peersim-records/1"]
    trainee_id: TraineeId
    sessions: list[_Session]
    turns: list[_Turn]

    @model_validator(mode="after")
    def _own_rows_only(self) -> RecordsFile:
        ids: set[str] = set()
        for session in self.sessions:
            if session.trainee_id != self.trainee_id:
                raise ValueError(f"session {session.id} belongs to another trainee"
                                 f" ({session.trainee_id}), not the file's ({self.trainee_id})")
            if session.id in ids:
                raise ValueError(f"session {session.id} appears twice")
            ids.add(session.id)
        turns: set[tuple[str, int]] = set()
        for turn in self.turns:
            if turn.session_id not in ids:
                raise ValueError(f"turn {turn.idx} belongs to session {turn.session_id}, which"
                                 " this file does not hold (a file may only add to its own"
                                 " trainee's sessions)")
            if (turn.session_id, turn.idx) in turns:
                raise ValueError(f"turn {turn.idx} of session {turn.session_id} appears twice")
            turns.add((turn.session_id, turn.idx))
        return self


def describe(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``where: what`` (and how many more)."""
    first = exc.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
    what = str(first["ctx"]["error"]) if first["type"] == "value_error" else first["msg"]
    more = exc.error_count() - 1
    return (f"{where.lstrip('.') + ': ' if where else ''}{what}"
            + (f" (and {more} more problem{'s' * (more > 1)})" if more else ""))


def _digest(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def export_mine(store: SqlStore, trainee_id: str, target: Path) -> int:
    """Write one trainee's sessions and choices; returns the number of sessions."""
    sessions = [dict(zip(SESSION_COLUMNS, row, strict=True)) for row in store.execute(
        f"SELECT {', '.join(SESSION_COLUMNS)} FROM sessions WHERE trainee_id = ?"
        " ORDER BY started_at, id", (trainee_id,))]
    turns = []
    for session in sessions:
        turns += [dict(zip(TURN_COLUMNS, row, strict=True)) for row in store.execute(
            f"SELECT {', '.join(TURN_COLUMNS)} FROM turns WHERE session_id = ? ORDER BY idx",
            (session["id"],))]
    payload = {"format": FORMAT, "trainee_id": trainee_id, "sessions": sessions,
               "turns": turns}
    with atomic_file(target) as handle:
        json.dump({"payload": payload, "sha256": _digest(payload)}, handle, indent=1)
    return len(sessions)


def read_export(path: Path) -> dict[str, Any]:
    """The payload of a records file, checked whole, or a clear reason it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: not a peersim records file (not JSON text: {exc})") from exc
    if not (isinstance(data, dict) and isinstance(data.get("payload"), dict)
            and isinstance(data.get("sha256"), str)):
        raise StoreError(f"{path}: not a peersim records file (it needs a \"payload\" object"
                         " and a \"sha256\" text)")
    payload: dict[str, Any] = data["payload"]
    if payload.get("format") != FORMAT:
        raise StoreError(f"{path}: unknown records format {payload.get('format')!r} (this"
                         f" peersim reads {FORMAT})")
    if _digest(payload) != data["sha256"]:
        raise StoreError(f"{path}: the contents do not match their checksum; the file was"
                         " damaged or edited")
    try:
        RecordsFile.model_validate(payload)
    except ValidationError as exc:
        raise StoreError(f"{path}: not a valid peersim records file: {describe(exc)}") from exc
    return payload


def _claims(payloads: list[tuple[Path, dict[str, Any]]]) -> dict[str, tuple[Path, str]]:
    """Session id -> (file, trainee), refusing a session two files give to two trainees."""
    owners: dict[str, tuple[Path, str]] = {}
    for path, payload in payloads:
        for session in payload["sessions"]:
            known = owners.setdefault(session["id"], (path, session["trainee_id"]))
            if known[1] != session["trainee_id"]:
                raise StoreError(f"{path}: session {session['id']} belongs to another trainee"
                                 f" ({known[1]}) in {known[0]}")
    return owners


def import_records(store: SqlStore, paths: list[Path], cohort_id: str | None = None) -> int:
    """Check every file whole, then import them in one transaction; returns how many
    sessions were new. Any problem raises :class:`StoreError` and changes nothing."""
    try:
        if cohort_id is not None:
            get_cohort(store, cohort_id)
        payloads = [(p, read_export(p)) for p in paths]
        owners = _claims(payloads)
        with store._write() as db:
            for session_id, (path, trainee) in owners.items():
                row = db.execute("SELECT trainee_id FROM sessions WHERE id = ?",
                                 (session_id,)).fetchone()
                if row is not None and row[0] != trainee:
                    raise StoreError(f"{path}: session {session_id} is already recorded for"
                                     f" another trainee ({row[0]})")
            return sum(_insert(store, payload, cohort_id) for _path, payload in payloads)
    except StoreError as exc:
        raise StoreError(f"{exc}; nothing was imported") from exc


def _insert(store: SqlStore, payload: dict[str, Any], cohort_id: str | None) -> int:
    """Write one checked file's rows (existing rows are left alone); returns sessions new."""
    trainee = payload["trainee_id"]
    store.execute("INSERT OR IGNORE INTO trainees (id, created_at) VALUES (?, ?)",
                  (trainee, iso(store.clock())))
    if cohort_id is not None:
        store.execute("INSERT OR IGNORE INTO cohort_members VALUES (?, ?)", (cohort_id, trainee))
    new = 0
    for session in payload["sessions"]:
        new += store.execute(
            f"INSERT OR IGNORE INTO sessions ({', '.join(SESSION_COLUMNS)}) VALUES"
            f" ({', '.join('?' * len(SESSION_COLUMNS))})",
            [session[c] for c in SESSION_COLUMNS]).rowcount
    for turn in payload["turns"]:
        store.execute(f"INSERT OR IGNORE INTO turns ({', '.join(TURN_COLUMNS)}) VALUES"
                      f" ({', '.join('?' * len(TURN_COLUMNS))})", [turn[c] for c in TURN_COLUMNS])
    return int(new)
