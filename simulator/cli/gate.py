"""The trainer's gate for the CLI: one check before any command touches other people's
records (see :mod:`simulator.records.authority` for what counts as proof)."""

from __future__ import annotations

from simulator.cli.notes import note
from simulator.cli.output import CliError
from simulator.records import open_store
from simulator.records.authority import Authority, NotTrainer, trainer_authority
from simulator.records.sql_store import SqlStore


def need_trainer(store: SqlStore, doing: str, *, allow_unclaimed: bool = True) -> Authority:
    """The trainer's authority to ``doing``, or a refusal (exit 2) saying how to prove it.

    What the store does not protect (a file others can write, an unclaimed server
    database) is said on stderr after every command that succeeds, so nobody mistakes
    the key for a lock.
    """
    try:
        authority = trainer_authority(store, doing, allow_unclaimed=allow_unclaimed)
    except NotTrainer as exc:
        raise CliError(str(exc)) from None
    if authority.caveat:
        note(f"{authority.caveat}.")
    return authority


def check_trainer(doing: str) -> Authority:
    """:func:`need_trainer` on a store opened for the check alone (for commands that
    open their own, such as the dashboard)."""
    store = open_store()
    try:
        return need_trainer(store, doing)
    finally:
        store.close()
