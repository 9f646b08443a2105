"""One record of a turn, a session's position, a session and its result: the engine's own
dataclasses, read and written by pydantic TypeAdapters.

Why adapters over the dataclasses, not a second set of models: the objects the engine
computes are the stored JSON and the exports' source, so a field added to ``Turn``,
``TurnScore``, ``CriterionScore``, ``SessionResult`` (or anything they hold) with a default
is stored and read back without an edit here. Every stored shape carries one
``version`` field; :func:`upgraded` is the one path from an older shape to today's, used
alike by the store's rows, a session saved before, and an imported records file.

Imported only where records are read or written (it loads pydantic), never on the app's
start path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, PlainValidator, TypeAdapter, ValidationError

from simulator.engine.session import Position, Session, Turn, kind_of
from simulator.errors import PeersimError
from simulator.model.plan import TYPED_TEXT, Step
from simulator.scoring.results import SessionResult
from simulator.wording import Message

__all__ = ["VERSION", "Position", "RecordError", "StoredPosition", "StoredResult",
           "StoredTurn", "describe", "dump", "dumps", "read_position", "read_result",
           "read_session", "read_turn", "upgraded"]

VERSION = 2
"""The shape of every stored record today. 1: a turn's scores flat beside its step, a
reflection's likewise, reasons sometimes English sentences; positions and saved
sessions marked ``"format": 1``; results without a version."""

T = TypeVar("T")


class RecordError(PeersimError, ValueError):
    """A stored record that is not one peersim can read (the message says where)."""

    title = "Unreadable record"


def _score_v1(data: Mapping[str, Any], kind: str) -> dict[str, Any]:
    """A version-1 turn's (or reflection's) flat scores as a ``TurnScore``'s shape
    (what is missing stays missing, for validation to name)."""
    out: dict[str, Any] = {k: data[k] for k in ("band", "mean", "events") if k in data}
    if isinstance(data.get("scores"), list):
        out["scores"] = [_criterion_v1(s) if isinstance(s, Mapping) else s
                         for s in data["scores"]]
    elif "scores" in data:
        out["scores"] = data["scores"]
    notes = data.get("notes", [])
    out["notes"] = [Message.from_stored(n) for n in notes] if isinstance(notes, list) else notes
    return {**out, "kind": kind}


def _criterion_v1(score: Mapping[str, Any]) -> dict[str, Any]:
    """One criterion's version-1 score: raw and source could be missing, the reason and
    advice English sentences."""
    out = {**score, "raw": score.get("raw", score.get("level")),
           "source": score.get("source", "")}
    for key in ("reason", "advice"):
        if out.get(key) is not None:
            out[key] = Message.from_stored(out[key])
    return out


def _turn_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    """A version-1 turn in today's shape. Its two-part turns kept the reflection's scores
    first, so the response's own are the rest; their mean is the plain mean of those
    levels (the rubric's weights were not stored), the band is the turn's (it was the
    response's)."""
    try:
        kind = kind_of(Step.model_validate(data.get("step")))
    except ValidationError:
        kind = ""  # the step's own check names the problem
    score = _score_v1(data, kind)
    part = data.get("reflection")
    reflection = response = None
    if isinstance(part, Mapping):
        mine = _score_v1(part, "reflect")
        reflection = {"score": mine, "reaction": part.get("reaction", "")}
        own = _after(score.get("scores"), mine.get("scores"))
        levels = [s["level"] for s in own if isinstance(s, Mapping)
                  and isinstance(s.get("level"), int)] if isinstance(own, list) else []
        response = {**score, "scores": own, "notes": _after(score["notes"], mine["notes"]),
                    "mean": round(sum(levels) / len(levels), 4) if levels else 0.0}
    flat = ("scores", "band", "mean", "events", "notes")
    return {**{k: v for k, v in data.items() if k not in flat}, "score": score,
            "reflection": reflection, "response": response, "version": VERSION}


def _after(whole: object, first: object) -> object:
    """What follows ``first`` in ``whole`` (both lists; else ``whole``, for validation)."""
    if isinstance(whole, list) and isinstance(first, list):
        return whole[len(first):]
    return whole


def _result_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    """A result from before verdicts were kept: each criterion's follows from ``passed``."""
    out = dict(data)
    if isinstance(out.get("criteria"), list):
        out["criteria"] = [{**c, "verdict": c.get("verdict") or _said(c)}
                           if isinstance(c, Mapping) else c for c in out["criteria"]]
    return {**out, "version": VERSION}


def _said(criterion: Mapping[str, Any]) -> str:
    """The verdict a criterion's ``passed`` implies (None: no mark, or too little evidence)."""
    passed = criterion.get("passed")
    if passed is None:
        return "no-mark" if criterion.get("pass_mark") is None else "too-few"
    return "met" if passed else "not-met"


def _formatted_v1(data: Mapping[str, Any]) -> dict[str, Any]:
    """A position or saved session marked ``"format": 1`` (the transcript's turns, if
    any, are upgraded one by one)."""
    out = {k: v for k, v in data.items() if k != "format"}
    if isinstance(out.get("transcript"), list):
        out["transcript"] = [upgraded("turn", t) for t in out["transcript"]]
    return {**out, "version": VERSION}


_UPGRADES: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = {
    "turn": _turn_v1, "result": _result_v1, "position": _formatted_v1,
    "session": _formatted_v1}


def upgraded(kind: str, data: object) -> object:
    """``data`` (a stored ``kind`` of record) in today's shape: the one migration path."""
    if not isinstance(data, Mapping):
        return data  # not an object: validation says so
    version = data.get("version", data.get("format", 1))
    if version == VERSION:
        return data
    if version != 1:
        raise ValueError(f"a {kind} record of unknown version {version!r}")
    try:
        return _UPGRADES[kind](data)
    except (TypeError, KeyError, AttributeError):  # a hand-edited file, say
        raise ValueError(f"a version-1 {kind} record peersim cannot read") from None


def _stored(kind: str) -> BeforeValidator:
    return BeforeValidator(lambda data: upgraded(kind, data))


#: how :func:`dumps` begins every record it writes today
_CURRENT = f'{{"version": {VERSION}, '


@dataclass(frozen=True)
class _Adapter:
    """The reader of one kind of record: ``adapter`` takes any version (the upgrade
    step first); ``current`` is the same type without that step, for text that
    :func:`dumps` wrote (it begins with today's version), so a store's rows are parsed
    and validated in pydantic's Rust code alone."""

    adapter: TypeAdapter[Any]
    current: TypeAdapter[Any]

    def read(self, data: object) -> Any:
        try:
            # stored JSON text goes to pydantic's own parser (not json.loads, then
            # validate_python): exports read every turn of a cohort, and a turn took
            # 52 us that way, 32 us with validate_json, 22 us without the upgrade step
            # (pydantic 2.14; docs/benchmarks.md, "Records and exports")
            if isinstance(data, str) and data.startswith(_CURRENT):
                return self.current.validate_json(data)
            if isinstance(data, str | bytes):
                return self.adapter.validate_json(data)
            return self.adapter.validate_python(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            if first["type"] == "json_invalid":
                raise RecordError(f"not JSON text ({first['msg']})") from None
            raise RecordError(describe(exc)) from None

    def dump(self, value: object, typed_text: bool) -> dict[str, Any]:
        out: dict[str, Any] = self.adapter.dump_python(value, mode="json",
                                                       context={TYPED_TEXT: typed_text})
        return {"version": VERSION, **out}


def describe(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``where: what`` (``score.scores[0].level:
    ...``), and how many more: one line, for a records file's reader or a store's."""
    first = exc.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
    what = str(first["ctx"]["error"]) if first["type"] == "value_error" else first["msg"]
    more = exc.error_count() - 1
    return (f"{where.lstrip('.') + ': ' if where else ''}{what}"
            + (f" (and {more} more problem{'s' * (more > 1)})" if more else ""))


def _levels(turn: Turn) -> Turn:
    """Refuse a level off the rubric's 0-3 scale (a records file edited by hand)."""
    parts = [("score", turn.score), ("response", turn.response),
             ("reflection.score", turn.reflection.score if turn.reflection else None)]
    for name, part in parts:
        for number, scored in enumerate(part.scores if part is not None else ()):
            if not 0 <= scored.level <= 3:
                raise ValueError(f"{name}.scores[{number}].level: a level is 0 to 3,"
                                 f" not {scored.level}")
    return turn


_ADAPTERS = {
    Turn: _Adapter(TypeAdapter(Annotated[Turn, _stored("turn"), AfterValidator(_levels)]),
                   TypeAdapter(Annotated[Turn, AfterValidator(_levels)])),
    SessionResult: _Adapter(TypeAdapter(Annotated[SessionResult, _stored("result")]),
                            TypeAdapter(SessionResult)),
    Position: _Adapter(TypeAdapter(Annotated[Position, _stored("position")]),
                       TypeAdapter(Position)),
    Session: _Adapter(TypeAdapter(Annotated[Session, _stored("session")]), TypeAdapter(Session)),
}


def dump(value: Turn | SessionResult | Position | Session, *,
         typed_text: bool = True) -> dict[str, Any]:
    """The stored JSON of a record (today's version), as plain data. The trainee's own
    records keep what they typed; ``typed_text=False`` leaves it out (a records file
    that goes to a trainer)."""
    return _ADAPTERS[type(value)].dump(value, typed_text)


def dumps(value: Turn | SessionResult | Position | Session, *, typed_text: bool = True) -> str:
    """The stored JSON of a record, as text (``typed_text`` as for :func:`dump`)."""
    return json.dumps(dump(value, typed_text=typed_text), ensure_ascii=False)


def _reader(kind: type[T]) -> Callable[[object], T]:
    adapter = _ADAPTERS[kind]

    def read(data: object) -> T:
        value: T = adapter.read(data)
        return value
    read.__doc__ = (f"A stored {kind.__name__} (its JSON text, or that text parsed), of any"
                    " version; RecordError when it is not one.")
    return read


read_turn = _reader(Turn)
read_result = _reader(SessionResult)
read_position = _reader(Position)
read_session = _reader(Session)

# the records as fields of another model (a records file's rows): read by the readers
# above, so the outer model's strictness never reaches inside a record
StoredTurn = Annotated[Turn, PlainValidator(read_turn)]
StoredResult = Annotated[SessionResult, PlainValidator(read_result)]
StoredPosition = Annotated[Position, PlainValidator(read_position)]
