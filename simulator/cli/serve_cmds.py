"""Classroom commands: join codes (``cohort add --codes``, ``cohort codes``) and ``serve``.

Codes are printed once and kept only as slow hashes, so a lost code is replaced, never
looked up. The server itself (aiohttp, textual-serve) is imported only by ``serve``.
"""

from __future__ import annotations

import argparse
import importlib
import ipaddress
import os
import sys
from datetime import timedelta

from simulator.cli.gate import need_trainer
from simulator.cli.output import CliError
from simulator.records import open_store
from simulator.records.access import issue_code, new_trainer_label, revoke_code
from simulator.records.cohorts import get_cohort, ids_problem
from simulator.records.sql_store import SqlStore, StoreError, safe_url

ONCE = ("peersim: each code is shown only this once and kept only as a hash; hand each"
        " person their own. A lost code is replaced with peersim cohort codes.")


def _store() -> SqlStore:
    return open_store()


def print_codes(store: SqlStore, cohort_id: str, trainees: list[str]) -> None:
    """A new join code for each trainee, one ``TRAINEE  CODE`` line each."""
    for trainee in trainees:
        print(f"{trainee}  {issue_code(store, cohort_id, 'trainee', trainee)}")
    print(ONCE, file=sys.stderr)


def cmd_codes(args: argparse.Namespace) -> int:
    """cohort codes C --trainee ID... | --trainer: new codes (earlier ones stop working, and
    their sign-ins end); with --revoke, the trainees' codes just stop working."""
    if not args.trainer and not args.trainee:
        raise CliError("cohort codes needs --trainer or one or more --trainee ID")
    if args.revoke and (args.trainer or not args.trainee):
        raise CliError("cohort codes --revoke takes one or more --trainee ID (a trainer's"
                       " code is replaced with --trainer)")
    problem = ids_problem("trainee", args.trainee)
    if problem:
        raise CliError(problem)
    store = _store()
    try:
        need_trainer(store, "make join codes")
        cohort = get_cohort(store, args.cohort)
        missing = [t for t in args.trainee if t not in cohort.members]
        if missing:
            raise CliError(f"not in cohort {cohort.cohort_id}: {', '.join(missing)}"
                           f" (peersim cohort add {cohort.cohort_id} --trainee ID adds one)")
        if args.revoke:
            for trainee in dict.fromkeys(args.trainee):
                had = revoke_code(store, cohort.cohort_id, "trainee", trainee)
                print(f"{trainee}  {'code revoked' if had else 'had no code'}; signed out")
        elif args.trainee:
            print_codes(store, cohort.cohort_id, list(dict.fromkeys(args.trainee)))
        if args.trainer:
            label = new_trainer_label()
            print(f"{label}  {issue_code(store, cohort.cohort_id, 'trainer', label)}")
            print("peersim: a trainer code opens the cohort's dashboard; keep it to yourself.",
                  file=sys.stderr)
    finally:
        store.close()
    return 0


def _store_url(store: SqlStore) -> str:
    """The URL every app process opens: the database the server opened."""
    from simulator.records.sqlite_store import SqliteStore

    if isinstance(store, SqliteStore):
        return f"sqlite:///{store.path.resolve()}"
    return os.environ.get("PEERSIM_DATABASE_URL", "")  # a server store comes from it


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cmd_serve(args: argparse.Namespace) -> int:
    """serve --cohort C: the app in browsers, behind sign-in by join code."""
    if not 0 < args.port < 65536:
        raise CliError(f"--port {args.port} is not a port number (1-65535)")
    if not 0 < args.hours <= 24 * 14:
        raise CliError("--hours must be more than 0 and at most two weeks (336)")
    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        raise CliError("--public-url must start with https:// (or http:// for testing)")
    try:
        classroom = importlib.import_module("simulator.serve.server")  # aiohttp, lazily
    except ImportError as exc:
        raise CliError(f"serving needs textual-serve and argon2-cffi ({exc.name} is missing);"
                       " reinstall peersim") from exc
    store = _store()
    try:
        need_trainer(store, "serve a cohort (its trainer codes open the dashboard)")
        cohort = get_cohort(store, args.cohort)
    except (StoreError, CliError):
        store.close()
        raise
    if not _loopback(args.host) and not (args.public_url or "").startswith("https://"):
        print(f"peersim: listening on {args.host} without TLS: anyone on the network could"
              " read join codes and practice in transit. Put it behind a TLS reverse proxy"
              " (docs/serving.md) and pass --public-url https://...", file=sys.stderr)
    server = classroom.ClassroomServer(
        store, _store_url(store), cohort, host=args.host, port=args.port,
        public_url=args.public_url, lifetime=timedelta(hours=args.hours),
        max_apps=args.max_apps, apps_each=args.apps_each, trust_forwarded=args.forwarded,
        starting=args.starting)
    print(f"peersim: records in {safe_url(store.where)}; preparing the library...",
          file=sys.stderr)
    try:
        server.prepare_index()
        server.serve()
    finally:
        server.close()
    return 0
