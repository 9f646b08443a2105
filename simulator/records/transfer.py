"""Moving records between machines: a trainee exports their own, a trainer imports them.

The file is JSON with a SHA-256 digest of its canonical payload. Threat model, stated
plainly: the digest catches damage in transit and hand edits by someone who does not
recompute it; it does not stop a determined person who rewrites the digest too (that
would need a signing key the trainee does not hold). So import also checks the file's
whole structure (:class:`RecordsFile`), that it holds only its own trainee's sessions
and turns, that each session holds exactly the turns it counts, and that each turn is
one the engine can read. The store then refuses (in the import's one transaction) a
session that is another trainee's, a file claiming a trainee whose records were made in
that database itself or came from another file, and a file that changes a session
already completed there. A file is taken whole or not at all, importing it twice
changes nothing, and files of the earlier format (``peersim-records/1``) are converted
first. All SQL is the store's (:class:`~simulator.records.trainer_queries.TrainerQueries`).
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

from simulator.model.common import Id, Level
from simulator.model.plan import ReflectStep, Step
from simulator.model.scenario import Value
from simulator.paths import private_dir, write_private
from simulator.records.api import StoreError, TurnRecord
from simulator.records.migrations import merged_turns, position_of
from simulator.records.sql_store import SqlStore
from simulator.records.trainer_queries import ImportBatch

FORMAT = "peersim-records/2"
OLD_FORMAT = "peersim-records/1"  # schema-2 rows: read, converted, never written
TURN_COLUMNS = ("session_id", "idx", "recorded_at", "turn_json")
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


class _Position(_Json):
    model_config = ConfigDict(strict=True, extra="forbid")

    format: Annotated[int, Field(ge=1)]
    state: Annotated[str, StringConstraints(min_length=1)]
    variables: dict[str, Value]
    visits: dict[str, Annotated[int, Field(ge=0)]]
    heard: ReflectStep | None = None  # a reflection waiting for its response


class _TurnData(_Json):
    """What exports read of a turn; :func:`_readable` then has the engine read it whole."""

    index: Annotated[int, Field(ge=0)]
    beat: str
    step: Step
    scores: list[_Score]
    band: str
    mean: Mean
    events: list[str]
    next: str


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
    state_json: Json[_Position]
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
    recorded_at: Stamp
    turn_json: Json[_TurnData]

    @model_validator(mode="after")
    def _readable(self) -> _Turn:
        if self.turn_json.index != self.idx:
            raise ValueError(f"turn {self.idx} of session {self.session_id} says it is turn"
                             f" {self.turn_json.index}")
        return self


class RecordsFile(_Row):
    """The payload of a records file: one trainee's sessions and the turns of those."""

    format: Literal["peersim-records/2"]
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
        for session in self.sessions:
            held = sorted(i for sid, i in turns if sid == session.id)
            if held != list(range(session.turns)):
                raise ValueError(f"session {session.id} counts {session.turns} turn(s) but the"
                                 f" file holds {len(held)} for it (turns {_spans(held)}); a"
                                 " session's turns cannot be added or left out")
        return self


def _spans(indexes: list[int]) -> str:
    return ", ".join(map(str, indexes[:8])) + (" ..." if len(indexes) > 8 else "") or "none"


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
    """Write one trainee's sessions and choices (0600, atomically); returns the number of
    sessions."""
    sessions, turns = store.trainee_records(trainee_id)
    payload = {"format": FORMAT, "trainee_id": trainee_id, "sessions": sessions,
               "turns": [{"session_id": t.session_id, "idx": t.index,
                          "recorded_at": t.recorded_at, "turn_json": json.dumps(t.data)}
                         for t in turns]}
    private_dir(target.parent)
    write_private(target, json.dumps({"payload": payload, "sha256": _digest(payload)},
                                     indent=1))
    return len(sessions)


def _converted(payload: dict[str, Any]) -> dict[str, Any]:
    """A ``peersim-records/1`` payload (schema-2 rows) in today's format, converted the
    way the store's migration 3 converts a database. Anything malformed is passed on as
    it is, for the checks to name."""
    sessions, turns = payload.get("sessions"), payload.get("turns")
    if not (isinstance(sessions, list) and isinstance(turns, list)
            and all(isinstance(x, dict) for x in [*sessions, *turns])):
        return {**payload, "format": FORMAT}
    new_sessions, new_turns = [], []
    for session in sessions:
        try:
            saved = json.loads(session.get("state_json"))
            rows = [t for t in turns if t.get("session_id") == session.get("id")]
            merged = merged_turns(saved, rows)
            stamps = {t.get("idx"): t.get("recorded_at") for t in rows}
        except (TypeError, ValueError, KeyError, AttributeError):
            new_sessions.append(session)
            continue
        state = json.dumps(position_of(saved)) if "state" in saved else session["state_json"]
        new_sessions.append({**session, "state_json": state})
        new_turns += [{"session_id": session["id"], "idx": index,
                       "recorded_at": stamps.get(index, session.get("started_at")),
                       "turn_json": json.dumps(data)} for index, data in sorted(merged.items())]
    return {"format": FORMAT, "trainee_id": payload.get("trainee_id"),
            "sessions": new_sessions, "turns": new_turns}


def read_export(path: Path) -> dict[str, Any]:
    """The payload of a records file, checked whole, or a clear reason it cannot be used."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: not a peersim records file (not JSON text: {exc})") from None
    if not (isinstance(data, dict) and isinstance(data.get("payload"), dict)
            and isinstance(data.get("sha256"), str)):
        raise StoreError(f"{path}: not a peersim records file (it needs a \"payload\" object"
                         " and a \"sha256\" text)")
    payload: dict[str, Any] = data["payload"]
    if payload.get("format") not in (FORMAT, OLD_FORMAT):
        raise StoreError(f"{path}: unknown records format {payload.get('format')!r} (this"
                         f" peersim reads {FORMAT} and {OLD_FORMAT})")
    if _digest(payload) != data["sha256"]:
        raise StoreError(f"{path}: the contents do not match their checksum; the file was"
                         " damaged or edited")
    if payload["format"] == OLD_FORMAT:
        payload = _converted(payload)
    problem: str | None
    try:
        RecordsFile.model_validate(payload)
    except ValidationError as exc:
        problem = describe(exc)
    else:
        problem = _unreadable_turn(payload)
    if problem:
        raise StoreError(f"{path}: not a valid peersim records file: {problem}")
    return payload


def _unreadable_turn(payload: dict[str, Any]) -> str | None:
    """The first turn the engine itself cannot read back (the exports read turns so)."""
    from simulator.engine.session import Turn

    for number, row in enumerate(payload["turns"]):
        try:
            Turn.from_dict(json.loads(row["turn_json"]))
        except (KeyError, TypeError, ValueError) as exc:
            kind = type(exc).__name__
            return f"turns[{number}].turn_json: not a turn peersim can read ({kind})"
    return None


def _claims(payloads: list[tuple[Path, dict[str, Any]]]) -> None:
    """Refuse a session two files give to two trainees."""
    owners: dict[str, tuple[Path, str]] = {}
    for path, payload in payloads:
        for session in payload["sessions"]:
            known = owners.setdefault(session["id"], (path, session["trainee_id"]))
            if known[1] != session["trainee_id"]:
                raise StoreError(f"{path}: session {session['id']} belongs to another trainee"
                                 f" ({known[1]}) in {known[0]}")


def _batch(path: Path, payload: dict[str, Any]) -> ImportBatch:
    turns = [TurnRecord(t["session_id"], t["idx"], t["recorded_at"], json.loads(t["turn_json"]))
             for t in payload["turns"]]
    return ImportBatch(str(path), payload["trainee_id"], payload["sessions"], turns)


def import_records(store: SqlStore, paths: list[Path], cohort_id: str | None = None) -> int:
    """Check every file whole, then import them in one transaction; returns how many
    sessions were new. Any problem raises :class:`StoreError` and changes nothing."""
    try:
        if cohort_id is not None:
            store.cohort(cohort_id)
        payloads = [(p, read_export(p)) for p in paths]
        _claims(payloads)
        return store.import_batches([_batch(p, data) for p, data in payloads], cohort_id)
    except StoreError as exc:
        problem = StoreError(f"{exc}; nothing was imported")
    raise problem
