"""Commands for trainers and administrators: cohorts, records transfer, exports, report."""

from __future__ import annotations

import argparse
import os
import urllib.error
from pathlib import Path
from typing import Any

from simulator.cli.output import CliError
from simulator.exports import tables, xapi
from simulator.paths import data_dir
from simulator.records import open_store
from simulator.records.cohorts import Roster, add_members, create_cohort, get_cohort, list_cohorts
from simulator.records.identity import remembered_trainee
from simulator.records.sql_store import SqlStore, StoreError
from simulator.records.transfer import export_mine, import_records
from simulator.report.html import build_report


def _store() -> SqlStore:
    store = open_store()
    if not isinstance(store, SqlStore):
        raise CliError("this command needs a SQL records store")
    return store


def _roster() -> Roster:
    return Roster(data_dir() / "roster.sqlite3")


def cmd_cohort(args: argparse.Namespace) -> int:
    """cohort create | list | add | show | import."""
    store = _store()
    try:
        if args.action == "create":
            cohort = create_cohort(store, args.cohort, args.title or args.cohort)
            print(f"created cohort {cohort.cohort_id}")
        elif args.action == "list":
            for cohort in list_cohorts(store):
                print(f"{cohort.cohort_id:<20} {len(cohort.members):>4} trainees  {cohort.title}")
        elif args.action == "add":
            added = add_members(store, args.cohort, args.new, args.trainee)
            if args.name:
                if len(added) != 1:
                    raise CliError("--name and --email go with exactly one trainee")
                roster = _roster()
                roster.set(added[0], args.name, args.email or "")
                roster.close()
            for trainee in added:
                print(trainee)
        elif args.action == "show":
            cohort = get_cohort(store, args.cohort)
            print(f"{cohort.cohort_id}: {cohort.title} (created {cohort.created_at})")
            for trainee in cohort.members:
                done = [s for s in store.sessions(trainee) if s.completed_at]
                passed = sum(1 for s in done if s.passed)
                print(f"  {trainee}  {len(done)} completed, {passed} passed")
        elif args.action == "import":
            new = import_records(store, [Path(f) for f in args.files], args.cohort)
            print(f"imported {new} new session(s) from {len(args.files)} file(s)")
    except StoreError as exc:
        raise CliError(str(exc), 1) from exc
    finally:
        store.close()
    return 0


def cmd_records(args: argparse.Namespace) -> int:
    """records export-mine."""
    store = _store()
    try:
        trainee = args.trainee or remembered_trainee(store)
        count = export_mine(store, trainee, Path(args.output))
        print(f"wrote {count} session(s) of {trainee} to {args.output}")
    finally:
        store.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """export --cohort C --format F -o FILE."""
    store = _store()
    target = Path(args.output)
    roster = _roster() if args.roster else None
    try:
        get_cohort(store, args.cohort)
        if args.format == "csv":
            count = tables.write_csv_long(store, args.cohort, target)
        elif args.format == "csv-wide":
            count = tables.write_csv_wide(store, args.cohort, target, roster)
        elif args.format == "xlsx":
            count = tables.write_xlsx(store, args.cohort, target, roster)
        elif args.format == "jsonl":
            count = tables.write_jsonl(store, args.cohort, target,
                                       _story_text() if args.include_story_text else None)
        else:
            count = xapi.write_statements(store, args.cohort, target)
            if args.lrs:
                password = os.environ.get("PEERSIM_LRS_PASSWORD", args.lrs_password or "")
                try:
                    sent = xapi.post(args.lrs, list(xapi.statements(store, args.cohort)),
                                     args.lrs_user or "", password)
                except (urllib.error.URLError, OSError) as exc:
                    raise CliError(f"could not post to the LRS at {args.lrs}: {exc}; the"
                                   f" statements are in {target}, and posting again is"
                                   " safe (fixed statement ids)", 1) from exc
                print(f"posted {sent} statement(s) to the LRS")
        print(f"wrote {count} row(s) to {target}")
    except StoreError as exc:
        raise CliError(str(exc), 1) from exc
    finally:
        store.close()
        if roster is not None:
            roster.close()
    return 0


def _story_text() -> Any:
    """Fragment text by id from the decks on this machine (only with the explicit flag)."""
    from simulator.loading.library import load_library
    from simulator.owndecks import load_own_decks

    library, _ = load_library([])
    decks = [library.deck(d) for d in library.decks] + list(load_own_decks()[0].values())

    def lookup(fragment_id: str) -> str | None:
        for deck in decks:
            fragment = deck.fragment(fragment_id)
            if fragment is not None:
                return fragment.text
        return None

    return lookup


def cmd_report(args: argparse.Namespace) -> int:
    """report --cohort C -o report.html."""
    store = _store()
    try:
        count = build_report(store, args.cohort, Path(args.output))
        print(f"report of {count} session(s) written to {args.output}")
    except StoreError as exc:
        raise CliError(str(exc), 1) from exc
    finally:
        store.close()
    return 0


def cmd_cohort_entry(args: argparse.Namespace) -> int:
    """Check the arguments each action needs, then run it."""
    if args.action == "import":
        files = ([args.cohort] if args.cohort else []) + list(args.files)
        if not files:
            raise CliError("cohort import needs one or more files")
        args.files, args.cohort = files, args.into
        return cmd_cohort(args)
    if args.action != "list" and not args.cohort:
        raise CliError(f"cohort {args.action} needs a cohort id")
    return cmd_cohort(args)
