"""``peersim growth`` and ``peersim peer``.

Who is acting: without ``--by`` it is this machine's trainee (or the trainee whose
database account this is), who sees and sets only their own goals. With ``--by`` it is
a trainer, and the trainer's authority is checked first (simulator/cli/gate.py) before
anyone else's record is read or a goal set for them.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from simulator.cli.gate import need_trainer
from simulator.cli.output import CliError, emit_json
from simulator.cli.review_cmds import _turn, _who
from simulator.records import open_store
from simulator.records.goals import GoalError, Goals
from simulator.records.growth import growth_lines, growth_of
from simulator.records.identity import remembered_trainee
from simulator.records.peer_review import PeerError, PeerReviews
from simulator.records.review import ReviewError
from simulator.records.sql_store import SqlStore

_REFUSALS = (GoalError, PeerError, ReviewError)


def _run(action: Callable[[argparse.Namespace, SqlStore], int],
         args: argparse.Namespace) -> int:
    store = open_store()
    try:
        return action(args, store)
    except _REFUSALS as exc:
        raise CliError(str(exc), 1) from None
    finally:
        store.close()


def _actor(args: argparse.Namespace, store: SqlStore, doing: str) -> tuple[str, str]:
    """(who, role): a trainer when ``--by`` is given (with their authority), else the
    trainee."""
    if getattr(args, "by", None):
        need_trainer(store, doing)
        return _who(args), "trainer"
    return remembered_trainee(store), "trainee"


def _whose(args: argparse.Namespace, store: SqlStore, doing: str) -> tuple[str, str, str]:
    """(trainee, who, role) for a command about one trainee's record."""
    if getattr(args, "by", None):
        need_trainer(store, doing)
        if not args.trainee:
            raise CliError("say whose record it is: --trainee ID")
        return args.trainee, _who(args), "trainer"
    me = remembered_trainee(store)
    if args.trainee and args.trainee != me:
        if not hasattr(args, "by"):  # reading another's record (growth show)
            need_trainer(store, doing)
            return args.trainee, "", "trainer"
        raise CliError("a goal for another trainee is set by a trainer: add --by NAME")
    return me, me, "trainee"


def cmd_growth(args: argparse.Namespace) -> int:
    """``peersim growth``: show a record of growth, set or revisit a goal."""
    return _run(_GROWTH[args.growth_action], args)


def _show(args: argparse.Namespace, store: SqlStore) -> int:
    trainee = _whose(args, store, "read another trainee's record of growth")[0]
    growth = growth_of(store, trainee)
    if args.json:
        emit_json({"trainee_id": trainee,
                   "criteria": {k: [p.__dict__ for p in v] for k, v in growth.criteria.items()},
                   "strengths": [s.__dict__ for s in growth.strengths],
                   "goals": [{**{k: v for k, v in g.__dict__.items() if k != "revisits"},
                              "state": g.state, "agreed": g.agreed,
                              "revisits": [r.__dict__ for r in g.revisits]}
                             for g in growth.goals]})
        return 0
    print("\n".join(growth_lines(growth)))
    return 0


def _goal(args: argparse.Namespace, store: SqlStore) -> int:
    trainee, who, role = _whose(args, store, "set a trainee's development goals")
    made = Goals(store).add(trainee, " ".join(args.text), by=who, role=role,
                            criterion=args.criterion)
    print(f"goal set for {trainee} [{made.id}]: {made.describe()}")
    return 0


def _revisit(args: argparse.Namespace, store: SqlStore) -> int:
    who, role = _actor(args, store, "revisit a trainee's development goals")
    goal = Goals(store).revisit(args.goal, args.state, by=who, role=role,
                                note=" ".join(args.note))
    print(f"[{goal.id}] {goal.describe()}")
    return 0


_GROWTH = {"show": _show, "goal": _goal, "revisit": _revisit}


def cmd_peer(args: argparse.Namespace) -> int:
    """``peersim peer``: this machine's trainee and peer review."""
    return _run(_peer, args)


def _peer(args: argparse.Namespace, store: SqlStore) -> int:
    me = remembered_trainee(store)
    peers = PeerReviews(store)
    action = args.peer_action
    if action == "invite":
        peers.invite(me, args.other)
        ready = " and has accepted: they can review" if peers.agreed(me, args.other) else \
            ": once they accept (peersim peer accept), they can review"
        print(f"you invited {args.other}{ready} your finished sessions and the comments on"
              " them (pieces of your own story are never named); peersim peer withdraw"
              f" {args.other} ends it")
    elif action == "accept":
        peers.accept(me, args.other)
        ready = "you can now review" if peers.agreed(args.other, me) else \
            "once they invite you, you can review"
        print(f"{ready} {args.other}'s sessions")
    elif action == "withdraw":
        peers.withdraw(me, args.other)
        print(f"peer review with {args.other} has ended on your side")
    elif action == "list":
        for c in peers.consents(me):
            state = "withdrawn" if c.revoked_at else "agreed"
            said = "invited" if c.side == "owner" else "accepted"
            print(f"{c.owner_id} {said} {c.reviewer_id} as reviewer"
                  if c.side == "owner" else f"{c.reviewer_id} {said} to review {c.owner_id}",
                  f"({state} {c.revoked_at or c.agreed_at})")
    else:
        made = peers.comment(me, args.session, kind=args.kind, body=" ".join(args.text),
                             turn=_turn(args))
        print(f"peer comment added to {args.session} [{made.id}]")
    return 0
