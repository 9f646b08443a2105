"""Moving records between machines: a trainee exports their own, a trainer imports them.

The file is JSON with a SHA-256 digest of its canonical payload. Threat model, stated
plainly: the digest catches damage in transit and hand edits by someone who does not
recompute it; it does not stop a determined person who rewrites the digest too (that
would need a signing key the trainee does not hold). So import also checks the file's
whole structure (:class:`RecordsFile`), that it holds only its own trainee's sessions
and turns, that each session holds exactly the turns it counts, and that each turn,
position and result is one the engine reads (:mod:`simulator.engine.record`'s types,
whatever version wrote them; they are imported in today's shape). The store then
refuses (in the import's one transaction) a session that is another trainee's, a file
claiming a trainee whose records were made in that database itself or came from another
file, and a file that changes a session already completed there. A file is taken whole
or not at all, importing it twice changes nothing, and files of the earlier formats are
read (``peersim-records/2``, whose records the record module upgrades) or converted
first (``peersim-records/1``). All SQL is the store's
(:class:`~simulator.records.trainer_queries.TrainerQueries`).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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

from simulator.engine import record
from simulator.engine.record import StoredPosition, StoredResult, StoredTurn
from simulator.model.common import Id
from simulator.paths import private_dir, write_private
from simulator.records.api import StoreError, TurnRecord
from simulator.records.migrations import merged_turns, position_of
from simulator.records.sql_store import SqlStore
from simulator.records.trainer_queries import ImportBatch

FORMAT = "peersim-records/3"
# read, never written: /2 holds version-1 turns, positions and results (the record
# module upgrades them); /1 holds schema-2 rows, converted first
READ_FORMATS = ("peersim-records/2", "peersim-records/1")
OLD_FORMAT = "peersim-records/1"
#: the largest records file read: a year of daily practice is a few MB; past this it is
#: not one trainee's export
MAX_FILE_BYTES = 64 * 1024 * 1024
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
    state_json: Json[StoredPosition]
    turns: Annotated[int, Field(ge=0)]
    overall: Mean | None
    passed: Literal[0, 1] | None
    result_json: Json[StoredResult] | None

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
    turn_json: Json[StoredTurn]

    @model_validator(mode="after")
    def _readable(self) -> _Turn:
        if self.turn_json.index != self.idx:
            raise ValueError(f"turn {self.idx} of session {self.session_id} says it is turn"
                             f" {self.turn_json.index}")
        return self


class RecordsFile(_Row):
    """The payload of a records file: one trainee's sessions and the turns of those."""

    format: Literal["peersim-records/3", "peersim-records/2"]
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
        turns: dict[str, set[int]] = {}
        for turn in self.turns:
            if turn.session_id not in ids:
                raise ValueError(f"turn {turn.idx} belongs to session {turn.session_id}, which"
                                 " this file does not hold (a file may only add to its own"
                                 " trainee's sessions)")
            held_here = turns.setdefault(turn.session_id, set())
            if turn.idx in held_here:
                raise ValueError(f"turn {turn.idx} of session {turn.session_id} appears twice")
            held_here.add(turn.idx)
        for session in self.sessions:  # linear: each session looks only at its own turns
            held = sorted(turns.get(session.id, ()))
            if held != list(range(session.turns)):
                raise ValueError(f"session {session.id} counts {session.turns} turn(s) but the"
                                 f" file holds {len(held)} for it (turns {_spans(held)}); a"
                                 " session's turns cannot be added or left out")
        return self


def _spans(indexes: list[int]) -> str:
    return ", ".join(map(str, indexes[:8])) + (" ..." if len(indexes) > 8 else "") or "none"


def _digest(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def export_mine(store: SqlStore, trainee_id: str, target: Path) -> int:
    """Write one trainee's sessions and choices (0600, atomically), each record in
    today's shape, without the words they typed (those stay on their machine); returns
    the number of sessions."""
    sessions, turns = store.trainee_records(trainee_id)
    payload = {"format": FORMAT, "trainee_id": trainee_id,
               "sessions": [_current(s) for s in sessions],
               "turns": [{"session_id": t.session_id, "idx": t.index,
                          "recorded_at": t.recorded_at,
                          "turn_json": record.dumps(t.turn, typed_text=False)}
                         for t in turns]}
    private_dir(target.parent)
    write_private(target, json.dumps({"payload": payload, "sha256": _digest(payload)},
                                     indent=1))
    return len(sessions)


def _current(session: dict[str, Any]) -> dict[str, Any]:
    """A session row with its position and result rewritten in today's shape (a row
    written by an older peersim is upgraded; one that cannot be read is left for the
    importer's checks to name)."""
    out = dict(session)
    for column, read in (("state_json", record.read_position),
                         ("result_json", record.read_result)):
        if isinstance(out[column], str):
            with suppress(ValueError, record.RecordError):
                # what the trainee typed stays on their machine (issue 19)
                out[column] = record.dumps(read(json.loads(out[column])), typed_text=False)
    return out


def _converted(payload: dict[str, Any]) -> dict[str, Any]:
    """A ``peersim-records/1`` payload (schema-2 rows) in today's format, converted the
    way the store's migration 3 converts a database. Anything malformed is passed on as
    it is, for the checks to name."""
    sessions, turns = payload.get("sessions"), payload.get("turns")
    if not (isinstance(sessions, list) and isinstance(turns, list)
            and all(isinstance(x, dict) for x in [*sessions, *turns])):
        return {**payload, "format": FORMAT}
    new_sessions, new_turns = [], []
    grouped: dict[Any, list[dict[str, Any]]] = {}
    for turn in turns:
        grouped.setdefault(turn.get("session_id"), []).append(turn)
    for session in sessions:
        try:
            saved = json.loads(session.get("state_json"))
            rows = grouped.get(session.get("id"), [])
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


def _load(path: Path) -> Any:
    """The JSON of a records file no larger than :data:`MAX_FILE_BYTES` (checked before it
    is read), or a clear reason it cannot be used; nesting too deep for the reader is one
    such reason, never a crash."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise StoreError(f"{path}: the file is {size:,} bytes; a records file may be"
                                 f" at most {MAX_FILE_BYTES:,} (export each trainee's records"
                                 " separately)")
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise StoreError(f"{path}: the file grew past {MAX_FILE_BYTES:,} bytes while"
                             " being read")
        return json.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: not a peersim records file (not JSON text: {exc})") from None
    except RecursionError:
        raise StoreError(f"{path}: not a peersim records file (nested far too deeply)"
                         ) from None


@contextmanager
def _paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a file is read: reading allocates
    millions of objects, none in cycles, and each full collection walks all of them, which
    made checking grow with the square of the file's size (now linear)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def read_export(path: Path) -> RecordsFile:
    """A records file, checked whole and read typed, or a clear reason it cannot be used."""
    with _paused_gc():
        return _read_export(path)


def _read_export(path: Path) -> RecordsFile:
    data = _load(path)
    if not (isinstance(data, dict) and isinstance(data.get("payload"), dict)
            and isinstance(data.get("sha256"), str)):
        raise StoreError(f"{path}: not a peersim records file (it needs a \"payload\" object"
                         " and a \"sha256\" text)")
    payload: dict[str, Any] = data["payload"]
    if payload.get("format") not in (FORMAT, *READ_FORMATS):
        raise StoreError(f"{path}: unknown records format {payload.get('format')!r} (this"
                         f" peersim reads {', '.join((FORMAT, *READ_FORMATS))})")
    if _digest(payload) != data["sha256"]:
        raise StoreError(f"{path}: the contents do not match their checksum; the file was"
                         " damaged or edited")
    if payload["format"] == OLD_FORMAT:
        payload = _converted(payload)
    try:
        return RecordsFile.model_validate(payload)
    except ValidationError as exc:
        problem = record.describe(exc)
    raise StoreError(f"{path}: not a valid peersim records file: {problem}")


def _claims(files: list[tuple[Path, RecordsFile]]) -> None:
    """Refuse a session two files give to two trainees."""
    owners: dict[str, tuple[Path, str]] = {}
    for path, checked in files:
        for session in checked.sessions:
            known = owners.setdefault(session.id, (path, session.trainee_id))
            if known[1] != session.trainee_id:
                raise StoreError(f"{path}: session {session.id} belongs to another trainee"
                                 f" ({known[1]}) in {known[0]}")


def _row(session: _Session) -> dict[str, Any]:
    """A checked session as the store's row, its position and result in today's shape."""
    row = session.model_dump(exclude={"state_json", "result_json"})
    row["state_json"] = record.dumps(session.state_json)
    row["result_json"] = None if session.result_json is None else \
        record.dumps(session.result_json)
    return row


def _batch(path: Path, checked: RecordsFile) -> ImportBatch:
    turns = [TurnRecord(t.session_id, t.idx, t.recorded_at, t.turn_json) for t in checked.turns]
    return ImportBatch(str(path), checked.trainee_id, [_row(s) for s in checked.sessions],
                       turns)


def import_records(store: SqlStore, paths: list[Path], cohort_id: str | None = None,
                   replace: bool = False) -> int:
    """Check every file whole, then import them in one transaction; returns how many
    sessions were new. Any problem raises :class:`StoreError` and changes nothing.

    ``replace`` is the trainer's answer to a conflict: a trainee's records here came from
    a file holding sessions this one does not. One of the two files is not the trainee's;
    the trainer asks them, and if this one is, the sessions only the earlier file held
    are removed (a forged file can then never keep a trainee's own records out)."""
    try:
        if cohort_id is not None:
            store.cohort(cohort_id)
        files = [(p, read_export(p)) for p in paths]
        _claims(files)
        return store.import_batches([_batch(p, checked) for p, checked in files], cohort_id,
                                    replace)
    except StoreError as exc:
        problem = StoreError(f"{exc}; nothing was imported")
    raise problem
