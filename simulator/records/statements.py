"""Every SQL statement the records store runs, written out once per database.

Why written out and not translated: deriving PostgreSQL from SQLite by replacing text
(``?`` to ``%s``, ``REAL`` to ``DOUBLE PRECISION``) breaks on the first literal ``%`` or
column name that contains the pattern, and hides what actually runs. Here each dialect's
text is what the driver receives; tests check that no PostgreSQL statement holds a
``?`` and that every ``%`` in one is a ``%s`` placeholder. Only the store modules
(:mod:`simulator.records.sql_store` and its helpers) use these.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

SESSION_COLUMNS = ("id", "trainee_id", "scenario_id", "scenario_version", "content_hash",
                   "rubric_id", "deck_id", "mode", "started_at", "completed_at",
                   "abandoned_at", "state_json", "turns", "overall", "passed", "result_json")
_COLUMNS = ", ".join(SESSION_COLUMNS)


@dataclass(frozen=True)
class Statements:
    """The statements of one dialect, by what they do."""

    begin: str
    insert_trainee: str
    trainee_exists: str
    insert_session: str
    upsert_turn: str
    drop_turns_from: str
    keep_taken_back: str
    session_taken_back: str
    save_position: str
    finish: str
    abandon: str
    session_row: str
    session_turns: str
    trainee_sessions: str
    unfinished: str
    attempts: str
    insert_cohort: str
    cohort_row: str
    cohort_ids: str
    cohort_members: str
    insert_member: str
    cohort_sessions: str
    cohort_turns: str
    export_sessions: str
    import_session: str
    replace_session: str
    setting: str
    set_setting: str

    def all(self) -> list[str]:
        """Every statement (for the dialect tests)."""
        return [getattr(self, f.name) for f in fields(self)]


_COHORT_SESSIONS = ("SELECT s.* FROM sessions s JOIN cohort_members m ON m.trainee_id ="
                    " s.trainee_id WHERE m.cohort_id = {p} AND s.completed_at IS NOT NULL"
                    " ORDER BY s.trainee_id, s.started_at, s.id")

SQLITE = Statements(
    begin="BEGIN IMMEDIATE",
    insert_trainee="INSERT OR IGNORE INTO trainees (id, created_at) VALUES (?, ?)",
    trainee_exists="SELECT COUNT(*) FROM trainees WHERE id = ?",
    insert_session="INSERT OR IGNORE INTO sessions (id, trainee_id, scenario_id,"
                   " scenario_version, content_hash, rubric_id, deck_id, mode, started_at,"
                   " state_json, turns) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    upsert_turn="INSERT INTO turns (session_id, idx, recorded_at, turn_json) VALUES"
                " (?, ?, ?, ?) ON CONFLICT (session_id, idx) DO UPDATE SET"
                " recorded_at = excluded.recorded_at, turn_json = excluded.turn_json",
    drop_turns_from="DELETE FROM turns WHERE session_id = ? AND idx >= ?",
    keep_taken_back="INSERT INTO taken_back (session_id, attempt, idx, recorded_at, turn_json)"
                    " SELECT session_id, ?, idx, recorded_at, turn_json FROM turns"
                    " WHERE session_id = ? AND idx >= ?",
    session_taken_back="SELECT attempt, turn_json FROM taken_back WHERE session_id = ?"
                       " ORDER BY attempt, idx",
    save_position="UPDATE sessions SET state_json = ?, turns = ? WHERE id = ?",
    finish="UPDATE sessions SET completed_at = ?, overall = ?, passed = ?, result_json = ?,"
           " state_json = ?, turns = ? WHERE id = ?",
    abandon="UPDATE sessions SET abandoned_at = ? WHERE id = ? AND completed_at IS NULL",
    session_row="SELECT * FROM sessions WHERE id = ?",
    session_turns="SELECT session_id, idx, recorded_at, turn_json FROM turns"
                  " WHERE session_id = ? ORDER BY idx",
    trainee_sessions="SELECT * FROM sessions WHERE trainee_id = ?"
                     " ORDER BY started_at DESC, rowid DESC",
    unfinished="SELECT * FROM sessions WHERE trainee_id = ? AND completed_at IS NULL"
               " AND abandoned_at IS NULL ORDER BY started_at DESC, rowid DESC",
    attempts="SELECT scenario_id, COUNT(*) AS n, COUNT(completed_at) AS done,"
             " MAX(overall) AS best, MAX(COALESCE(passed, 0)) AS ever FROM sessions"
             " WHERE trainee_id = ? GROUP BY scenario_id ORDER BY scenario_id",
    insert_cohort="INSERT OR IGNORE INTO cohorts (id, title, created_at) VALUES (?, ?, ?)",
    cohort_row="SELECT id, title, created_at FROM cohorts WHERE id = ?",
    cohort_ids="SELECT id FROM cohorts ORDER BY id",
    cohort_members="SELECT trainee_id FROM cohort_members WHERE cohort_id = ?"
                   " ORDER BY trainee_id",
    insert_member="INSERT OR IGNORE INTO cohort_members (cohort_id, trainee_id) VALUES (?, ?)",
    cohort_sessions=_COHORT_SESSIONS.format(p="?"),
    cohort_turns="SELECT t.session_id, t.idx, t.recorded_at, t.turn_json FROM turns t"
                 " JOIN sessions s ON s.id = t.session_id"
                 " JOIN cohort_members m ON m.trainee_id = s.trainee_id"
                 " WHERE m.cohort_id = ? AND s.completed_at IS NOT NULL"
                 " ORDER BY s.trainee_id, s.started_at, s.id, t.idx",
    export_sessions=f"SELECT {_COLUMNS} FROM sessions WHERE trainee_id = ?"
                    " ORDER BY started_at, id",
    import_session=f"INSERT INTO sessions ({_COLUMNS}, imported_at) VALUES"
                   f" ({', '.join('?' * len(SESSION_COLUMNS))}, ?)",
    replace_session="UPDATE sessions SET completed_at = ?, abandoned_at = ?, state_json = ?,"
                    " turns = ?, overall = ?, passed = ?, result_json = ?, imported_at = ?"
                    " WHERE id = ?",
    setting="SELECT value FROM settings WHERE name = ?",
    set_setting="INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name)"
                " DO UPDATE SET value = excluded.value",
)

POSTGRES = Statements(
    begin="BEGIN",
    insert_trainee="INSERT INTO trainees (id, created_at) VALUES (%s, %s)"
                   " ON CONFLICT DO NOTHING",
    trainee_exists="SELECT COUNT(*) FROM trainees WHERE id = %s",
    insert_session="INSERT INTO sessions (id, trainee_id, scenario_id, scenario_version,"
                   " content_hash, rubric_id, deck_id, mode, started_at, state_json, turns)"
                   " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                   " ON CONFLICT DO NOTHING",
    upsert_turn="INSERT INTO turns (session_id, idx, recorded_at, turn_json) VALUES"
                " (%s, %s, %s, %s) ON CONFLICT (session_id, idx) DO UPDATE SET"
                " recorded_at = EXCLUDED.recorded_at, turn_json = EXCLUDED.turn_json",
    drop_turns_from="DELETE FROM turns WHERE session_id = %s AND idx >= %s",
    keep_taken_back="INSERT INTO taken_back (session_id, attempt, idx, recorded_at,"
                    " turn_json) SELECT session_id, %s, idx, recorded_at, turn_json FROM turns"
                    " WHERE session_id = %s AND idx >= %s",
    session_taken_back="SELECT attempt, turn_json FROM taken_back WHERE session_id = %s"
                       " ORDER BY attempt, idx",
    save_position="UPDATE sessions SET state_json = %s, turns = %s WHERE id = %s",
    finish="UPDATE sessions SET completed_at = %s, overall = %s, passed = %s,"
           " result_json = %s, state_json = %s, turns = %s WHERE id = %s",
    abandon="UPDATE sessions SET abandoned_at = %s WHERE id = %s AND completed_at IS NULL",
    session_row="SELECT * FROM sessions WHERE id = %s",
    session_turns="SELECT session_id, idx, recorded_at, turn_json FROM turns"
                  " WHERE session_id = %s ORDER BY idx",
    trainee_sessions="SELECT * FROM sessions WHERE trainee_id = %s"
                     " ORDER BY started_at DESC, id DESC",
    unfinished="SELECT * FROM sessions WHERE trainee_id = %s AND completed_at IS NULL"
               " AND abandoned_at IS NULL ORDER BY started_at DESC, id DESC",
    attempts="SELECT scenario_id, COUNT(*) AS n, COUNT(completed_at) AS done,"
             " MAX(overall) AS best, MAX(COALESCE(passed, 0)) AS ever FROM sessions"
             " WHERE trainee_id = %s GROUP BY scenario_id ORDER BY scenario_id",
    insert_cohort="INSERT INTO cohorts (id, title, created_at) VALUES (%s, %s, %s)"
                  " ON CONFLICT DO NOTHING",
    cohort_row="SELECT id, title, created_at FROM cohorts WHERE id = %s",
    cohort_ids="SELECT id FROM cohorts ORDER BY id",
    cohort_members="SELECT trainee_id FROM cohort_members WHERE cohort_id = %s"
                   " ORDER BY trainee_id",
    insert_member="INSERT INTO cohort_members (cohort_id, trainee_id) VALUES (%s, %s)"
                  " ON CONFLICT DO NOTHING",
    cohort_sessions=_COHORT_SESSIONS.format(p="%s"),
    cohort_turns="SELECT t.session_id, t.idx, t.recorded_at, t.turn_json FROM turns t"
                 " JOIN sessions s ON s.id = t.session_id"
                 " JOIN cohort_members m ON m.trainee_id = s.trainee_id"
                 " WHERE m.cohort_id = %s AND s.completed_at IS NOT NULL"
                 " ORDER BY s.trainee_id, s.started_at, s.id, t.idx",
    export_sessions=f"SELECT {_COLUMNS} FROM sessions WHERE trainee_id = %s"
                    " ORDER BY started_at, id",
    import_session=f"INSERT INTO sessions ({_COLUMNS}, imported_at) VALUES"
                   f" ({', '.join(['%s'] * len(SESSION_COLUMNS))}, %s)",
    replace_session="UPDATE sessions SET completed_at = %s, abandoned_at = %s,"
                    " state_json = %s, turns = %s, overall = %s, passed = %s,"
                    " result_json = %s, imported_at = %s WHERE id = %s",
    setting="SELECT value FROM settings WHERE name = %s",
    set_setting="INSERT INTO settings (name, value) VALUES (%s, %s) ON CONFLICT (name)"
                " DO UPDATE SET value = EXCLUDED.value",
)
