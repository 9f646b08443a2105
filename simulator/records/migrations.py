"""Numbered schema migrations. Append only: never edit a migration that has shipped."""

from __future__ import annotations

MIGRATIONS: list[list[str]] = [
    # 1: trainees, sessions (with resumable state) and turns
    [
        "CREATE TABLE trainees (id TEXT PRIMARY KEY, created_at TEXT NOT NULL)",
        "CREATE TABLE sessions ("
        " id TEXT PRIMARY KEY,"
        " trainee_id TEXT NOT NULL REFERENCES trainees(id),"
        " scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,"
        " content_hash TEXT NOT NULL, rubric_id TEXT NOT NULL, deck_id TEXT,"
        " mode TEXT NOT NULL CHECK (mode IN ('practice', 'assessment')),"
        " started_at TEXT NOT NULL, completed_at TEXT, abandoned_at TEXT,"
        " state_json TEXT NOT NULL, turns INTEGER NOT NULL DEFAULT 0,"
        " overall REAL, passed INTEGER, result_json TEXT)",
        "CREATE INDEX sessions_by_trainee ON sessions (trainee_id, started_at)",
        "CREATE TABLE turns ("
        " session_id TEXT NOT NULL REFERENCES sessions(id), idx INTEGER NOT NULL,"
        " beat TEXT NOT NULL, step_json TEXT NOT NULL, scores_json TEXT NOT NULL,"
        " band TEXT NOT NULL, mean REAL NOT NULL, events_json TEXT NOT NULL,"
        " next TEXT NOT NULL, recorded_at TEXT NOT NULL, PRIMARY KEY (session_id, idx))",
    ],
    # 2: cohorts and who is in them (names and emails live in the separate roster)
    [
        "CREATE TABLE cohorts (id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at TEXT NOT NULL)",
        "CREATE TABLE cohort_members ("
        " cohort_id TEXT NOT NULL REFERENCES cohorts(id),"
        " trainee_id TEXT NOT NULL REFERENCES trainees(id),"
        " PRIMARY KEY (cohort_id, trainee_id))",
    ],
]
