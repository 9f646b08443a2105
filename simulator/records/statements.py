"""The statements of the store's own methods (sessions, turns, cohorts, transfer,
settings), each written once with named placeholders (:mod:`simulator.records.sql`
renders them for the driver). Only the store modules use these.

Sessions are ordered by ``started_at`` then ``seq``, a number each session is given
when it is recorded, so two sessions begun in the same second come in the order they
were begun, the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

SESSION_COLUMNS = ("id", "trainee_id", "scenario_id", "scenario_version", "content_hash",
                   "rubric_id", "deck_id", "mode", "started_at", "completed_at",
                   "abandoned_at", "state_json", "turns", "overall", "passed", "result_json")
_COLUMNS = ", ".join(SESSION_COLUMNS)
#: the next session's place in the order of recording
NEXT_SEQ = "(SELECT COALESCE(MAX(seq), 0) + 1 FROM sessions)"
NEWEST_FIRST = "ORDER BY started_at DESC, seq DESC, id DESC"

INSERT_TRAINEE = ("INSERT INTO trainees (id, created_at) VALUES (:trainee_id, :now)"
                  " ON CONFLICT DO NOTHING")
INSERT_SESSION = ("INSERT INTO sessions (seq, id, trainee_id, scenario_id, scenario_version,"
                  " content_hash, rubric_id, deck_id, mode, started_at, state_json, turns)"
                  f" VALUES ({NEXT_SEQ}, :id, :trainee_id, :scenario_id, :scenario_version,"
                  " :content_hash, :rubric_id, :deck_id, :mode, :started_at, :state_json,"
                  " :turns) ON CONFLICT DO NOTHING")
UPSERT_TURN = ("INSERT INTO turns (session_id, idx, recorded_at, turn_json) VALUES"
               " (:session_id, :idx, :recorded_at, :turn_json) ON CONFLICT (session_id, idx)"
               " DO UPDATE SET recorded_at = excluded.recorded_at,"
               " turn_json = excluded.turn_json")
DROP_TURNS_FROM = "DELETE FROM turns WHERE session_id = :session_id AND idx >= :idx"
KEEP_TAKEN_BACK = ("INSERT INTO taken_back (session_id, attempt, idx, recorded_at, turn_json)"
                   " SELECT session_id, :attempt, idx, recorded_at, turn_json FROM turns"
                   " WHERE session_id = :session_id AND idx >= :idx")
SESSION_TAKEN_BACK = ("SELECT attempt, turn_json FROM taken_back WHERE session_id ="
                      " :session_id ORDER BY attempt, idx")
SAVE_POSITION = "UPDATE sessions SET state_json = :state_json, turns = :turns WHERE id = :id"
FINISH = ("UPDATE sessions SET completed_at = :completed_at, overall = :overall,"
          " passed = :passed, result_json = :result_json, state_json = :state_json,"
          " turns = :turns WHERE id = :id")
ABANDON = ("UPDATE sessions SET abandoned_at = :now WHERE id = :id AND completed_at IS NULL")
SESSION_ROW = "SELECT * FROM sessions WHERE id = :id"
SESSION_TURNS = ("SELECT session_id, idx, recorded_at, turn_json FROM turns"
                 " WHERE session_id = :session_id ORDER BY idx")
TRAINEE_SESSIONS = f"SELECT * FROM sessions WHERE trainee_id = :trainee_id {NEWEST_FIRST}"
UNFINISHED = ("SELECT * FROM sessions WHERE trainee_id = :trainee_id AND completed_at IS NULL"
              f" AND abandoned_at IS NULL {NEWEST_FIRST}")
ATTEMPTS = ("SELECT scenario_id, COUNT(*) AS n, COUNT(completed_at) AS done,"
            " MAX(overall) AS best, MAX(COALESCE(passed, 0)) AS ever FROM sessions"
            " WHERE trainee_id = :trainee_id GROUP BY scenario_id ORDER BY scenario_id")
INSERT_COHORT = ("INSERT INTO cohorts (id, title, created_at) VALUES (:id, :title, :now)"
                 " ON CONFLICT DO NOTHING")
COHORT_ROW = "SELECT id, title, created_at FROM cohorts WHERE id = :cohort_id"
COHORT_IDS = "SELECT id FROM cohorts ORDER BY id"
COHORT_MEMBERS = ("SELECT trainee_id FROM cohort_members WHERE cohort_id = :cohort_id"
                  " ORDER BY trainee_id")
INSERT_MEMBER = ("INSERT INTO cohort_members (cohort_id, trainee_id) VALUES (:cohort_id,"
                 " :trainee_id) ON CONFLICT DO NOTHING")
COHORT_SESSIONS = ("SELECT s.* FROM sessions s JOIN cohort_members m ON m.trainee_id ="
                   " s.trainee_id WHERE m.cohort_id = :cohort_id AND s.completed_at IS NOT"
                   " NULL ORDER BY s.trainee_id, s.started_at, s.seq, s.id")
COHORT_TURNS = ("SELECT t.session_id, t.idx, t.recorded_at, t.turn_json FROM turns t"
                " JOIN sessions s ON s.id = t.session_id"
                " JOIN cohort_members m ON m.trainee_id = s.trainee_id"
                " WHERE m.cohort_id = :cohort_id AND s.completed_at IS NOT NULL"
                " ORDER BY s.trainee_id, s.started_at, s.seq, s.id, t.idx")
EXPORT_SESSIONS = (f"SELECT {_COLUMNS} FROM sessions WHERE trainee_id = :trainee_id"
                   " ORDER BY started_at, seq, id")
IMPORT_SESSION = (f"INSERT INTO sessions (seq, {_COLUMNS}, imported_at) VALUES ({NEXT_SEQ},"
                  f" {', '.join(':' + c for c in SESSION_COLUMNS)}, :now)")
REPLACE_SESSION = ("UPDATE sessions SET completed_at = :completed_at, abandoned_at ="
                   " :abandoned_at, state_json = :state_json, turns = :turns, overall ="
                   " :overall, passed = :passed, result_json = :result_json, imported_at ="
                   " :now WHERE id = :id")
SETTING = "SELECT value FROM settings WHERE name = :name"
SET_SETTING = ("INSERT INTO settings (name, value) VALUES (:name, :value) ON CONFLICT (name)"
               " DO UPDATE SET value = excluded.value")
