"""The engine: runs a scenario as a ``transitions`` state machine with a session as its model."""
