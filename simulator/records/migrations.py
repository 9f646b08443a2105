"""Numbered schema migrations, each written once for both databases (with named
placeholders, as every records statement: :mod:`simulator.records.sql`) but where the
databases truly differ: migration 1's floating-point type. Append only: never edit a
migration that has shipped (1 and 2 produce the same tables they always did).

Migration 3 makes the ``turns`` table the one stored copy of each turn (the engine's
turn as ``turn_json``, in the record's version 1; :mod:`simulator.engine.record`
upgrades it on reading) and shrinks ``sessions.state_json`` to the small
resumable position. Its data step (:func:`convert_v3`) needs Python: it takes each turn
from the old transcript in ``state_json`` when it is there (the fuller copy) and from
the old turn columns otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from simulator.records.sql import Params

Execute = Callable[[str, Params], Any]


@dataclass(frozen=True)
class Migration:
    """Statements both databases run, an optional data step, and statements run after it.
    ``by_dialect`` replaces ``common`` for a database whose DDL truly differs."""

    common: tuple[str, ...] = ()
    convert: Callable[[Execute], None] | None = None
    after: tuple[str, ...] = ()
    by_dialect: Mapping[str, tuple[str, ...]] | None = None

    def statements(self, kind: str, *, after: bool = False) -> tuple[str, ...]:
        """The statements for ``kind`` ("sqlite" or "postgresql"), before or after the
        data step."""
        if after:
            return self.after
        return self.by_dialect[kind] if self.by_dialect is not None else self.common


def _v1(real: str) -> tuple[str, ...]:
    return (
        "CREATE TABLE trainees (id TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
        "CREATE TABLE sessions ("
        " id TEXT PRIMARY KEY,"
        " trainee_id TEXT NOT NULL REFERENCES trainees(id),"
        " scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,"
        " content_hash TEXT NOT NULL, rubric_id TEXT NOT NULL, deck_id TEXT,"
        " mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),"
        " started_at TEXT NOT NULL, completed_at TEXT, abandoned_at TEXT,"
        f" state_json TEXT NOT NULL, turns INTEGER NOT NULL DEFAULT 0,"
        f" overall {real}, passed INTEGER, result_json TEXT)",
        "CREATE INDEX sessions_by_trainee ON sessions (trainee_id, started_at)",
        "CREATE TABLE turns ("
        " session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL,"
        " beat TEXT NOT NULL, step_json TEXT NOT NULL, scores_json TEXT NOT NULL,"
        f" band TEXT NOT NULL, mean {real} NOT NULL, events_json TEXT NOT NULL,"
        " next TEXT NOT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (session_id, idx))",
    )


_V2 = (
    "CREATE TABLE cohorts (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE cohort_members ("
    " cohort_id TEXT NOT NULL REFERENCES cohorts(id),"
    " trainee_id TEXT NOT NULL REFERENCES trainees(id),"
    " PRIMARY KEY (cohort_id, trainee_id))",
)

_V3 = (
    "CREATE TABLE turn_records ("
    " session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL,"
    " recorded_at TEXT NOT NULL, turn_json TEXT NOT NULL, PRIMARY KEY (session_id, idx))",
    "ALTER TABLE sessions ADD COLUMN imported_at TEXT",
    "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
_V3_AFTER = ("DROP TABLE turns", "ALTER TABLE turn_records RENAME TO turns")

# the data step's statements
V3_IDS = "SELECT id FROM sessions ORDER BY id"
V3_SESSION = "SELECT state_json, started_at FROM sessions WHERE id = :id"
V3_OLD_TURNS = "SELECT * FROM turns WHERE session_id = :id ORDER BY idx"
V3_INSERT = ("INSERT INTO turn_records (session_id, idx, recorded_at, turn_json)"
             " VALUES (:id, :idx, :recorded_at, :turn_json)")
V3_POSITION = "UPDATE sessions SET state_json = :state_json, turns = :turns WHERE id = :id"


def _loads(text: object, default: Any) -> Any:
    try:
        value = json.loads(str(text))
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


def old_turn(row: Any) -> dict[str, Any]:
    """A schema-2 turn row (or records-file turn) as a version-1 turn record. The old
    columns lacked the notes, the variables and the reaction; those start empty."""
    scores = [dict(s, raw=s.get("raw", float(s.get("level", 0))), source=s.get("source", ""))
              for s in _loads(row["scores_json"], []) if isinstance(s, dict)]
    return {"index": int(row["idx"]), "beat": row["beat"], "step": _loads(row["step_json"], {}),
            "scores": scores, "band": row["band"], "mean": float(row["mean"]),
            "events": _loads(row["events_json"], []), "notes": [], "next": row["next"],
            "variables": {}, "reaction": "", "gate_route": False}


def position_of(saved: dict[str, Any]) -> dict[str, Any]:
    """The resumable position (format, state, variables, visits) of a saved session."""
    return {"format": saved.get("format", 1), "state": saved.get("state", ""),
            "variables": saved.get("variables", {}), "visits": saved.get("visits", {})}


def merged_turns(saved: dict[str, Any], rows: list[Any]) -> dict[int, dict[str, Any]]:
    """Each turn once, by index: the old transcript's copy where it has one (it kept the
    notes and the variables), the old turn row's otherwise."""
    turns = {int(r["idx"]): old_turn(r) for r in rows}
    for entry in saved.get("transcript", []):
        if isinstance(entry, dict) and isinstance(entry.get("index"), int):
            turns[entry["index"]] = entry
    return turns


def convert_v3(execute: Execute) -> None:
    """Move every session's turns into ``turn_records`` and shrink its ``state_json``."""
    for (session_id,) in [tuple(r) for r in execute(V3_IDS, {}).fetchall()]:
        state_json, started_at = execute(V3_SESSION, {"id": session_id}).fetchone()
        saved = _loads(state_json, {})
        rows = execute(V3_OLD_TURNS, {"id": session_id}).fetchall()
        stamps = {int(r["idx"]): r["recorded_at"] for r in rows}
        turns = merged_turns(saved, rows)
        for index, data in sorted(turns.items()):
            execute(V3_INSERT, {"id": session_id, "idx": index, "turn_json": json.dumps(data),
                                "recorded_at": stamps.get(index, started_at)})
        execute(V3_POSITION, {"state_json": json.dumps(position_of(saved)),
                              "turns": len(turns), "id": session_id})


_V4 = (
    "CREATE TABLE review_entries ("
    " id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),"
    " seq INTEGER NOT NULL, parent_id TEXT REFERENCES review_entries(id),"
    " turn_idx INTEGER, beat TEXT, criterion TEXT,"
    " kind TEXT NOT NULL CHECK (kind IN ('strength', 'question', 'suggestion', 'note',"
    " 'reply', 'flag', 'prompt', 'answer', 'proposal')),"
    " author TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('trainer', 'trainee')),"
    " body TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE INDEX review_entries_by_session ON review_entries (session_id, seq)",
    "CREATE TABLE review_reads ("
    " entry_id TEXT NOT NULL REFERENCES review_entries(id), reader TEXT NOT NULL,"
    " read_at TEXT NOT NULL, PRIMARY KEY (entry_id, reader))",
)

_V5 = (
    "CREATE TABLE join_codes ("
    " selector TEXT PRIMARY KEY, code_hash TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('trainee', 'trainer')),"
    " cohort_id TEXT NOT NULL REFERENCES cohorts(id), person TEXT NOT NULL,"
    " created_at TEXT NOT NULL, revoked_at TEXT)",
    "CREATE INDEX join_codes_by_person ON join_codes (cohort_id, person)",
    "CREATE TABLE web_sessions ("
    " token_hash TEXT PRIMARY KEY,"
    " role TEXT NOT NULL CHECK (role IN ('trainee', 'trainer')),"
    " cohort_id TEXT NOT NULL REFERENCES cohorts(id), person TEXT NOT NULL,"
    " created_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
    "CREATE TABLE own_decks ("
    " trainee_id TEXT NOT NULL REFERENCES trainees(id), deck_id TEXT NOT NULL,"
    " yaml_text TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (trainee_id, deck_id))",
)

_V6 = (
    "CREATE TABLE taken_back ("
    " session_id TEXT NOT NULL REFERENCES sessions(id), attempt INTEGER NOT NULL,"
    " idx INTEGER NOT NULL, recorded_at TEXT NOT NULL, turn_json TEXT NOT NULL,"
    " PRIMARY KEY (session_id, attempt, idx))",
)

_V7 = (
    # classroom sign-in limits, shared by every server on the store: one counter per
    # address or per person, counted up in one statement before a code is checked
    "CREATE TABLE signin_limits ("
    " name TEXT PRIMARY KEY, window_start TEXT NOT NULL, attempts INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS web_sessions_by_person ON web_sessions (cohort_id, role, person)",
)

# certify (issue 20): assignments, sign-offs, resolutions of flags and proposed lines,
# and requests to talk to a supervisor (simulator/records/assignments.py, signoff.py,
# resolutions.py, help_requests.py)
_V_CERTIFY = (
    "CREATE TABLE assignments ("
    " id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL,"
    " cohort_id TEXT REFERENCES cohorts(id), trainee_id TEXT REFERENCES trainees(id),"
    " due TEXT NOT NULL, assigned_by TEXT NOT NULL, created_at TEXT NOT NULL,"
    " withdrawn_at TEXT,"
    " CHECK ((cohort_id IS NULL AND trainee_id IS NOT NULL)"
    " OR (cohort_id IS NOT NULL AND trainee_id IS NULL)))",
    "CREATE TABLE assignment_attempts ("
    " session_id TEXT PRIMARY KEY REFERENCES sessions(id),"
    " assignment_id TEXT NOT NULL REFERENCES assignments(id))",
    "CREATE TABLE signoffs ("
    " id TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
    " session_id TEXT NOT NULL REFERENCES sessions(id),"
    " verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'not-yet')),"
    " mechanical INTEGER, reason TEXT NOT NULL, trainer TEXT NOT NULL,"
    " created_at TEXT NOT NULL)",
    "CREATE INDEX signoffs_by_session ON signoffs (session_id, seq)",
    "CREATE TABLE resolutions ("
    " id TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
    " entry_id TEXT NOT NULL REFERENCES review_entries(id),"
    " state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'declined', 'taken',"
    " 'answered')),"
    " reason TEXT NOT NULL, level INTEGER, resolved_by TEXT NOT NULL,"
    " created_at TEXT NOT NULL)",
    "CREATE INDEX resolutions_by_entry ON resolutions (entry_id, seq)",
    "CREATE TABLE help_requests ("
    " id TEXT PRIMARY KEY, trainee_id TEXT NOT NULL REFERENCES trainees(id),"
    " session_id TEXT REFERENCES sessions(id),"
    " reason TEXT NOT NULL CHECK (reason IN ('asked', 'safety-gate', 'private-share')),"
    " turn_idx INTEGER, note TEXT NOT NULL, created_at TEXT NOT NULL,"
    " answered_at TEXT, answered_by TEXT)",
    "CREATE INDEX help_requests_open ON help_requests (answered_at, created_at)",
)

# growth (issue 20 items 5 and 6): development goals and their revisits
# (simulator/records/goals.py); consent to peer review, one row per person's side, and
# each review entry's stated role: peer or non-peer supervisor, or a fellow trainee
# (simulator/records/peer_review.py)
_V_GROWTH = (
    "CREATE TABLE growth_goals ("
    " id TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
    " trainee_id TEXT NOT NULL REFERENCES trainees(id), criterion TEXT,"
    " body TEXT NOT NULL, set_by TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('trainer', 'trainee')), created_at TEXT NOT NULL)",
    "CREATE INDEX growth_goals_by_trainee ON growth_goals (trainee_id, seq)",
    "CREATE TABLE goal_revisits ("
    " id TEXT PRIMARY KEY, seq INTEGER NOT NULL,"
    " goal_id TEXT NOT NULL REFERENCES growth_goals(id),"
    " state TEXT NOT NULL CHECK (state IN ('agreed', 'working', 'met', 'set-aside')),"
    " note TEXT NOT NULL, by_person TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('trainer', 'trainee')), created_at TEXT NOT NULL)",
    "CREATE INDEX goal_revisits_by_goal ON goal_revisits (goal_id, seq)",
    "CREATE TABLE peer_consents ("
    " giver_id TEXT NOT NULL REFERENCES trainees(id), other_id TEXT NOT NULL,"
    " side TEXT NOT NULL CHECK (side IN ('owner', 'reviewer')),"
    " agreed_at TEXT NOT NULL, revoked_at TEXT,"
    " PRIMARY KEY (giver_id, other_id, side), CHECK (giver_id <> other_id))",
    "CREATE TABLE review_stances ("
    " entry_id TEXT PRIMARY KEY REFERENCES review_entries(id),"
    " stance TEXT NOT NULL CHECK (stance IN ('peer-supervisor', 'non-peer-supervisor',"
    " 'peer-trainee')))",
)

# the order sessions were recorded in, on a real column (issue 21): ``seq``, numbered for
# the sessions already stored by start time then id, and given to each new one as it is
# recorded, so same-second sessions come in one order on both databases (SQLite's rowid
# and PostgreSQL's id had ordered them differently)
_V_ORDER = (
    "ALTER TABLE sessions ADD COLUMN seq INTEGER",
    "UPDATE sessions SET seq = n.seq FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY"
    " started_at, id) AS seq FROM sessions) AS n WHERE n.id = sessions.id",
    "CREATE INDEX sessions_by_seq ON sessions (seq)",
)

MIGRATIONS: list[Migration] = [
    # 1: trainees, sessions (with resumable state) and turns
    Migration(by_dialect={"sqlite": _v1("REAL"), "postgresql": _v1("DOUBLE PRECISION")}),
    # 2: cohorts and who is in them (names and emails live in the separate roster)
    Migration(_V2),
    # 3: one stored copy of each turn; the session row keeps only its position
    Migration(_V3, convert_v3, _V3_AFTER),
    # 4: supervision: comments, replies, flags, prompts, answers and proposed lines on a
    # session (simulator/records/review.py), and who has read which
    Migration(_V4),
    # 5: classroom serving: join codes, web sessions, served trainees' own decks
    Migration(_V5),
    # 6: the turns a practice attempt took back ("Try another way"), kept by attempt
    Migration(_V6),
    # 7: sign-in limits shared across classroom servers; sessions found by person (so a
    # reissued or revoked code ends them at once)
    Migration(_V7),
    # certify (issue 20; the lead renumbers on merge): assignments, sign-offs, flag and
    # proposal resolutions, "I need to talk" and safety notices for the supervisor
    Migration(_V_CERTIFY),
    # growth (issue 20 items 5-6; the lead renumbers on merge): development goals and their
    # revisits, consent to peer review, and each review entry's stated role
    Migration(_V_GROWTH),
    # sessions in the order they were recorded, the same on both databases
    Migration(_V_ORDER),
]
