"""``peersim assign``, ``peersim talk`` and the certification actions of ``peersim
review`` (signoff, resolve, certification, requests, answered).

Every argument is checked before anything is written; a refused one says what to
change. Trainers are named by ``--by`` or ``PEERSIM_REVIEWER`` as in ``peersim review``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from simulator.cli.gate import need_trainer
from simulator.cli.output import CliError, emit_json
from simulator.cli.review_cmds import _library, _story, _who
from simulator.records import open_store
from simulator.records.assignments import AssignmentError, Assignments
from simulator.records.help_requests import HelpError, HelpRequests
from simulator.records.identity import remembered_trainee
from simulator.records.resolutions import ResolutionError, Resolutions
from simulator.records.signoff import SignOffError, SignOffs, verdict_words
from simulator.records.sql_store import SqlStore

_REFUSALS = (AssignmentError, HelpError, ResolutionError, SignOffError)


def _run(action: Callable[[argparse.Namespace, SqlStore], int],
         args: argparse.Namespace, doing: str | None) -> int:
    """Run ``action`` on the store; ``doing`` (what a trainer does) needs the trainer's
    authority first (simulator/cli/gate.py), a trainee's own request does not."""
    store = open_store()
    try:
        if doing is not None:
            need_trainer(store, doing)
        return action(args, store)
    except _REFUSALS as exc:
        raise CliError(str(exc), 1) from None
    finally:
        store.close()


# -- assignments -------------------------------------------------------------------------------

def cmd_assign(args: argparse.Namespace) -> int:
    """``peersim assign``: set a scenario, or list or withdraw assignments."""
    return _run(_ASSIGN[args.assign_action], args, "set, list or withdraw assignments")


def _assign_add(args: argparse.Namespace, store: SqlStore) -> int:
    if args.scenario not in _library().scenarios:
        raise CliError(f"no scenario {args.scenario!r} in the library (peersim catalogue"
                       " lists them)", 1)
    made = Assignments(store).assign(args.scenario, due=args.due, by=_who(args),
                                     cohort_id=args.cohort, trainee_id=args.trainee)
    print(f"assigned {made.scenario_id} to {made.who}, assessment mode, due {made.due}"
          f" [{made.id}]")
    return 0


def _assign_list(args: argparse.Namespace, store: SqlStore) -> int:
    books = Assignments(store)
    if args.trainee:
        progress = books.for_trainee(args.trainee)
        if args.json:
            emit_json([{**p.assignment.as_dict(), "state": p.state, "overdue": p.overdue,
                        "sessions": list(p.sessions)} for p in progress])
            return 0
        for item in progress:
            print(f"[{item.assignment.id}] {item.describe()}")
        if not progress:
            print(f"nothing assigned to {args.trainee}")
        return 0
    if args.cohort:
        store.cohort(args.cohort)
    made = books.all(args.cohort)
    if args.json:
        emit_json([a.as_dict() for a in made])
        return 0
    for one in made:
        gone = f", withdrawn {one.withdrawn_at}" if one.withdrawn_at else ""
        print(f"[{one.id}] {one.scenario_id} for {one.who}, due {one.due}, set by"
              f" {one.assigned_by}{gone}")
    if not made:
        print("nothing assigned yet")
    return 0


def _assign_withdraw(args: argparse.Namespace, store: SqlStore) -> int:
    Assignments(store).withdraw(args.assignment)
    print(f"withdrew {args.assignment} (attempts already made keep their link)")
    return 0


_ASSIGN = {"add": _assign_add, "list": _assign_list, "withdraw": _assign_withdraw}


# -- "I need to talk" --------------------------------------------------------------------------

def cmd_talk(args: argparse.Namespace) -> int:
    """``peersim talk``: this machine's trainee asks for their supervisor."""
    return _run(_talk, args, None)


def _talk(args: argparse.Namespace, store: SqlStore) -> int:
    trainee = remembered_trainee(store)
    HelpRequests(store).ask(trainee, " ".join(args.note))
    print("Your supervisor will see that you would like to talk. If you need someone now,"
          " ring them or your crisis line.")
    return 0


# -- review actions ----------------------------------------------------------------------------

def cmd_certify_review(args: argparse.Namespace) -> int:
    """The certification actions of ``peersim review``."""
    return _run(_REVIEW[args.action], args, _DOING[args.action])


def _signoff(args: argparse.Namespace, store: SqlStore) -> int:
    made = SignOffs(store).sign(args.session, verdict=args.verdict, trainer=_who(args),
                                reason=" ".join(args.text), story_texts=_story())
    print(f"signed off {args.session}: {verdict_words(made.verdict)}"
          + (" (overriding the scored verdict)" if made.overrides else ""))
    return 0


def _resolve(args: argparse.Namespace, store: SqlStore) -> int:
    made = Resolutions(store).resolve(args.entry, state=args.state, level=args.level,
                                      reason=" ".join(args.text), by=_who(args),
                                      story_texts=_story())
    print(f"{args.entry}: {made.describe()}")
    return 0


def _certification(args: argparse.Namespace, store: SqlStore) -> int:
    standing = SignOffs(store).certification(args.cohort)
    if args.json:
        emit_json([{"trainee_id": s.trainee_id,
                    "signed_off": [{**sess, "signoff": last.as_dict()}
                                   for sess, last in s.signed],
                    "open": s.open} for s in standing])
        return 0
    for item in standing:
        print(f"{item.trainee_id}: {len(item.signed)} signed off, {len(item.open)} open")
        for sess, last in item.signed:
            print(f"  {sess['id']}  {sess['scenario_id']}  {verdict_words(last.verdict)}"
                  f" ({last.trainer}{', override' if last.overrides else ''})")
        for sess in item.open:
            scored = "pass" if sess["passed"] else "not passed"
            print(f"  {sess['id']}  {sess['scenario_id']}  open (scored: {scored})")
    return 0


def _requests(args: argparse.Namespace, store: SqlStore) -> int:
    if args.cohort:
        store.cohort(args.cohort)
    waiting = HelpRequests(store).open(args.cohort)
    if args.json:
        emit_json([h.as_dict() for h in waiting])
        return 0
    for item in waiting:
        print(f"[{item.id}] {item.describe()}")
    if not waiting:
        print("no one is waiting to talk")
    return 0


def _answered(args: argparse.Namespace, store: SqlStore) -> int:
    done = HelpRequests(store).answer(args.request, _who(args))
    print(f"marked {done.id} answered by {done.answered_by}")
    return 0


_REVIEW = {"signoff": _signoff, "resolve": _resolve, "certification": _certification,
           "requests": _requests, "answered": _answered}
_DOING = {"signoff": "sign off a trainee's session",
          "resolve": "resolve a trainee's flag or proposed line",
          "certification": "read a cohort's certification",
          "requests": "read who is waiting to talk", "answered": "mark a request answered"}
