"""``peersim records grant``: database accounts the PostgreSQL server itself enforces.

Each account is printed once as ``ACCOUNT  PASSWORD`` (the server keeps only a SCRAM
verifier); the person connects with ``postgresql://ACCOUNT:PASSWORD@host/db``. See
:mod:`simulator.records.db_roles` for what each account may touch.
"""

from __future__ import annotations

import argparse
import sys

from simulator.cli.gate import need_trainer
from simulator.cli.output import CliError
from simulator.records import open_store
from simulator.records.cohorts import get_cohort, id_problem
from simulator.records.db_roles import Account, grant_trainee, grant_trainer, revoke, set_up

ONCE = ("peersim: each password is shown only this once (the server keeps only a SCRAM"
        " verifier); hand each person their own line. Running grant again for someone gives"
        " them a new password and ends the old one.")


def _check(args: argparse.Namespace) -> None:
    if args.output:
        raise CliError("records grant takes no -o")
    if args.revoke and (args.trainee or args.cohort or args.trainer):
        raise CliError("--revoke goes alone: records grant --revoke ACCOUNT")
    for kind, value in (("trainee", args.trainee), ("cohort", args.cohort),
                        ("trainer", args.trainer)):
        problem = id_problem(kind, value) if value else None
        if problem:
            raise CliError(problem)


def cmd_grant(args: argparse.Namespace) -> int:
    """records grant [--trainee ID] [--cohort C] [--trainer NAME] [--revoke ACCOUNT]:
    with none of them, only sets up the groups and policies."""
    _check(args)
    store = open_store()
    try:
        if store.kind != "postgresql":
            raise CliError("records grant makes PostgreSQL accounts; this records store is the"
                           f" SQLite file {store.where}, protected only by who can open it"
                           " (keep it 0600 in a folder of your own; docs/records.md)")
        need_trainer(store, "make or end database accounts")
        if args.revoke:
            revoke(store, args.revoke)
            print(f"ended database account {args.revoke}")
            return 0
        set_up(store)
        made: list[Account] = []
        trainees = list(get_cohort(store, args.cohort).members) if args.cohort else []
        if args.trainee and args.trainee not in trainees:
            trainees.append(args.trainee)
        made.extend(grant_trainee(store, trainee) for trainee in trainees)
        if args.trainer:
            made.append(grant_trainer(store, args.trainer))
    finally:
        store.close()
    for account in made:
        who = f"trainee {account.trainee_id}" if account.trainee_id else "trainer"
        print(f"{account.role_name}  {account.password}  ({who})")
    if made:
        print(ONCE, file=sys.stderr)
    else:
        print("set up the peersim_trainer and peersim_trainee groups and this database's"
              " row-level security; add accounts with --trainee, --cohort or --trainer")
    return 0
