"""Commands for trainers and administrators: cohorts, records transfer, exports, report.

Every argument is checked before anything changes. A store that cannot be opened or an
output that cannot be written raises StoreError or OutputError, which the entry point
prints as one message with exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from simulator.cli.gate import need_trainer
from simulator.cli.notes import note
from simulator.cli.output import CliError
from simulator.exports import lrs, tables, xapi
from simulator.exports.files import check_target
from simulator.exports.formats import FORMATS, Request, formats_taking
from simulator.exports.names import Names
from simulator.paths import data_dir
from simulator.records import open_store
from simulator.records.authority import store_caveat
from simulator.records.cohorts import (
    Roster,
    add_members,
    create_cohort,
    get_cohort,
    id_problem,
    ids_problem,
    list_cohorts,
    set_typed_turns,
    typed_turns,
)
from simulator.records.identity import remembered_trainee
from simulator.records.roles import KEY_ENV, new_trainer_key
from simulator.records.selection import Selection
from simulator.records.sql_store import SqlStore, safe_url
from simulator.records.transfer import export_mine, import_records
from simulator.report.html import build_report

# the options each cohort action takes; any other option given is refused, not ignored
_COHORT_OPTIONS = {"create": {"title"}, "list": set(), "show": set(),
                   "add": {"new", "trainee", "name", "email", "codes"},
                   "import": {"into", "replace"}, "codes": {"trainee", "trainer", "revoke"},
                   "typed": set()}
# what each cohort action does, for the trainer's gate's refusal
_COHORT_DOING = {"create": "create a cohort", "list": "list the cohorts",
                 "add": "add trainees to a cohort", "show": "see a cohort's progress",
                 "import": "import trainees' records", "codes": "make join codes",
                 "typed": "set when a cohort's trainees type their own words"}
# export options that only some formats use
def _store() -> SqlStore:
    return open_store()


def _roster() -> Roster:
    return Roster(data_dir() / "roster.sqlite3")


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


#: What a trainer who typed an id after the cohort most likely meant.
_HINTS = {
    "add": "to add a trainee, say --trainee ID (or --new N for N new ids)",
    "list": "cohort list lists every cohort; cohort show ID shows one",
}


def cmd_cohort_entry(args: argparse.Namespace) -> int:
    """Check every argument the action takes (and refuse the rest), then run it."""
    if args.action == "import":
        files = ([args.cohort] if args.cohort else []) + list(args.files)
        if not files:
            raise CliError("cohort import needs one or more files")
        args.files, args.cohort = files, args.into
    elif args.action == "typed":
        if len(args.files) > 1:
            raise CliError(f"cohort typed takes one setting, not {' '.join(args.files)}")
    elif args.files or (args.action == "list" and args.cohort):
        extra = ([args.cohort] if args.action == "list" else []) + list(args.files)
        hint = _HINTS.get(args.action, "")
        raise CliError(f"cohort {args.action} takes no further arguments: {' '.join(extra)}"
                       + (f"; {hint}" if hint else ""))
    elif args.action != "list" and not args.cohort:
        raise CliError(f"cohort {args.action} needs a cohort id")
    given = {name for name in ("title", "new", "trainee", "name", "email", "into", "codes",
                               "trainer", "revoke", "replace") if getattr(args, name, None)}
    unused = sorted(given - _COHORT_OPTIONS[args.action])
    if unused:
        raise CliError(f"cohort {args.action} does not take {', '.join(map(_option, unused))}")
    if args.action == "create":
        problem = id_problem("cohort", args.cohort)
        if problem:
            raise CliError(problem)
    if args.action == "add":
        _check_add(args)
    if args.action == "codes":
        from simulator.cli.serve_cmds import cmd_codes

        return cmd_codes(args)
    return cmd_cohort(args)


def _check_add(args: argparse.Namespace) -> None:
    if not args.new and not args.trainee:
        raise CliError("cohort add needs --new N or --trainee ID")
    problem = ids_problem("trainee", args.trainee)
    if problem:
        raise CliError(problem)
    if args.email and not args.name:
        raise CliError("--email goes with --name (the roster keeps a name, and an email)")
    if args.name and args.new + len(set(args.trainee)) != 1:
        raise CliError("--name and --email go with exactly one trainee (--new 1 or one"
                       " --trainee)")


def cmd_cohort(args: argparse.Namespace) -> int:
    """cohort create | list | add | show | import (arguments already checked)."""
    store = _store()
    try:
        need_trainer(store, _COHORT_DOING[args.action])
        if args.action == "create":
            cohort = create_cohort(store, args.cohort, args.title or args.cohort)
            print(f"created cohort {cohort.cohort_id}")
        elif args.action == "list":
            for cohort in list_cohorts(store):
                print(f"{cohort.cohort_id:<20} {len(cohort.members):>4} trainees  {cohort.title}")
        elif args.action == "add":
            roster = _roster() if args.name else None  # opened first: it may fail to open
            try:
                added = add_members(store, args.cohort, args.new, args.trainee)
                if roster is not None:
                    roster.set(added[0], args.name, args.email or "")
            finally:
                if roster is not None:
                    roster.close()
            if args.codes:
                from simulator.cli.serve_cmds import print_codes

                print_codes(store, args.cohort, added)
            else:
                for trainee in added:
                    print(trainee)
        elif args.action == "show":
            cohort = get_cohort(store, args.cohort)
            print(f"{cohort.cohort_id}: {cohort.title} (created {cohort.created_at})")
            for trainee in cohort.members:
                done = [s for s in store.sessions(trainee) if s.completed_at]
                passed = sum(1 for s in done if s.passed)
                print(f"  {trainee}  {len(done)} completed, {passed} passed")
        elif args.action == "typed":
            _typed(store, args)
        elif args.action == "import":
            new = import_records(store, [Path(f) for f in args.files], args.cohort,
                                 replace=args.replace)
            print(f"imported {new} new session(s) from {len(args.files)} file(s)")
    finally:
        store.close()
    return 0


def _typed(store: SqlStore, args: argparse.Namespace) -> None:
    """Show, or set, when a cohort's trainees must say things in their own words."""
    if args.files:
        set_typed_turns(store, args.cohort, args.files[0])
    print(f"{args.cohort}: typed turns {typed_turns(store, args.cohort)}")


def cmd_records(args: argparse.Namespace) -> int:
    """records export-mine | trainer-key | grant."""
    if args.action == "grant":
        from simulator.cli.grant_cmd import cmd_grant

        return cmd_grant(args)
    if args.cohort or args.trainer or args.revoke:
        raise CliError("--cohort, --trainer and --revoke go with records grant")
    if args.action == "trainer-key":
        if args.output or args.trainee:
            raise CliError("records trainer-key takes no -o or --trainee")
        return _trainer_key()
    if not args.output:
        raise CliError("records export-mine needs -o FILE")
    target = Path(args.output)
    check_target(target)
    store = _store()
    try:
        mine = remembered_trainee(store)
        trainee = args.trainee or mine
        if trainee != mine:
            need_trainer(store, f"export another trainee's records (export-mine writes this"
                         f" machine's own, {mine}; another trainee's need the trainer key in"
                         f" {KEY_ENV})", allow_unclaimed=False)
        count = export_mine(store, trainee, target)
        print(f"wrote {count} session(s) of {trainee} to {target}")
    finally:
        store.close()
    return 0


def _trainer_key() -> int:
    store = _store()
    try:
        key = new_trainer_key(store)
        caveat = store_caveat(store, claimed=True)
        kind = store.kind
    finally:
        store.close()
    print(f"trainer key (shown once; keep it like a password): {key}")
    print(f"set {KEY_ENV} to it for review, export, report, dashboard, serve, cohort and"
          " codes, and to export another trainee's records with records export-mine")
    if caveat:
        note(f"{caveat}.")
    if kind == "postgresql":
        print("peersim: the key is a rule of peersim's commands; for the database itself to"
              " refuse trainees other people's records, give each their own account with"
              " peersim records grant (docs/records.md).", file=sys.stderr)
    else:
        print("peersim: the key is a rule of peersim's commands; the records file itself is"
              " protected only by who can open it, and anyone who can open it can read and"
              " change every record (docs/records.md).", file=sys.stderr)
    return 0


def _check_export(args: argparse.Namespace) -> None:
    """Refuse options the chosen format would ignore, and an LRS address that is not one."""
    options = sorted({o for f in FORMATS.values() for o in f.options})
    for name in options:
        formats = formats_taking(name)
        if getattr(args, name) and args.format not in formats:
            raise CliError(f"{_option(name)} is for --format {' or '.join(formats)}, not"
                           f" {args.format}")
    if (args.lrs_user or args.lrs_password) and not args.lrs:
        raise CliError("--lrs-user and --lrs-password go with --lrs URL")
    if args.lrs:
        parts = urlsplit(args.lrs)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CliError(f"--lrs {safe_url(args.lrs)!r} is not an http:// or https://"
                           " address of a Learning Record Store")


def selection(args: argparse.Namespace) -> Selection:
    """The --mode, --since and --until of a command, checked. Without --mode: the
    cohort's assigned assessments once it has assignments, all sessions before."""
    from simulator.records.assignments import selection_for

    store = _store()  # a StoreError is reported by the entry point
    try:
        return selection_for(store, args.cohort, args.mode, args.since, args.until)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    finally:
        store.close()


def _gradebook(args: argparse.Namespace) -> tables.Gradebook:
    """What the export covers, and the library's titles and names for its ids."""
    from simulator.loading.library import load_library
    from simulator.owndecks import load_own_decks
    from simulator.practice.supervision import story_texts

    library, _problems = load_library([])
    story = tuple(story_texts(library, load_own_decks()[0]))  # the store adds its own
    return tables.Gradebook(selection(args), Names.of(library), story)


def cmd_export(args: argparse.Namespace) -> int:
    """export --cohort C --format F -o FILE."""
    _check_export(args)
    book = _gradebook(args)
    target = Path(args.output)
    check_target(target)
    store = _store()
    roster = None
    try:
        need_trainer(store, "export a cohort's records")
        roster = _roster() if args.roster else None
        get_cohort(store, args.cohort)
        chosen = FORMATS[args.format]
        place = _xapi_place(args) if "xapi_base" in chosen.options else None
        story = _story_text() if chosen.story_text and args.include_story_text else None
        count = chosen.write(Request(store, args.cohort, target, book, roster, story, place))
        if args.lrs and place is not None:
            _post(store, args, target, book, place)
        print(f"wrote {count} row(s) to {target}, counting {book.selection.describe()}")
    finally:
        store.close()
        if roster is not None:
            roster.close()
    return 0


def _xapi_place(args: argparse.Namespace) -> xapi.Place:
    """Where the statements' activities and accounts live (options, then environment)."""
    base = args.xapi_base or os.environ.get("PEERSIM_XAPI_BASE") or xapi.HOME
    home = args.xapi_home or os.environ.get("PEERSIM_XAPI_HOME") or base
    for name, value in (("--xapi-base", base), ("--xapi-home", home)):
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CliError(f"{name} {value!r} is not an http:// or https:// address")
    return xapi.Place(base.rstrip("/"), home)


def _post(store: SqlStore, args: argparse.Namespace, target: Path,
          book: tables.Gradebook, place: xapi.Place) -> None:
    """Post the statements and say exactly how many the LRS holds; anything short of
    all of them is a failure (exit 1), with the refused ids and reasons."""
    password = os.environ.get("PEERSIM_LRS_PASSWORD", args.lrs_password or "")
    posted = lrs.post(args.lrs, list(xapi.statements(store, args.cohort, book, place)),
                      args.lrs_user or "", password)
    if not posted.complete:
        raise CliError(f"could not post to the LRS at {safe_url(args.lrs)}: {posted.summary()}."
                       f" The statements are in {target}, and posting again is safe (fixed"
                       " statement ids)", 1)
    print(f"posted to the LRS: {posted.summary()}")


def _story_text() -> Any:
    """A piece's words, looked up in the session's own deck only (deck id + fragment id):
    never by fragment id across every deck, where a clashing id would export someone
    else's words. Only with the explicit flag."""
    from simulator.loading.library import load_library
    from simulator.owndecks import load_own_decks

    library, _ = load_library([])
    decks = {d: library.deck(d) for d in library.decks}
    own = load_own_decks()[0]
    clash = set(decks) & set(own)
    decks.update(own)

    def lookup(deck_id: str | None, fragment_id: str) -> str | None:
        if deck_id is None or deck_id in clash or deck_id not in decks:
            return None  # no deck, or two decks by that id: say nothing rather than guess
        fragment = decks[deck_id].fragment(fragment_id)
        return fragment.text if fragment is not None else None

    return lookup


def cmd_report(args: argparse.Namespace) -> int:
    """report --cohort C -o report.html."""
    target = Path(args.output)
    check_target(target)
    store = _store()
    try:
        need_trainer(store, "build a cohort's report")
        book = _gradebook(args)
        count = build_report(store, args.cohort, target, book)
        print(f"report of {count} session(s) written to {target}, counting"
              f" {book.selection.describe()}")
    finally:
        store.close()
    return 0
