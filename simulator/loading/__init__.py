"""Loading trainers' files: strict YAML, model validation, cross-checks, with positions.

Every problem becomes a :class:`~simulator.loading.diagnostics.Diagnostic` with a
file, line, column and stable code; nothing here raises a traceback at a trainer.
"""
