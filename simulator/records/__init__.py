"""Records: every choice a trainee makes, stored durably the moment it is made.

``api.RecordStore`` is the contract the UI and the CLI program against; the
SQL implementation (SQLite by default, PostgreSQL via ``PEERSIM_DATABASE_URL``)
lives beside it. Records hold pieces of people's own history: see docs/records.md.
"""
