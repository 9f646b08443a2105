"""The grammar of ``peersim growth`` (the record of growth and development goals) and
``peersim peer`` (peer review between trainees, with consent on both sides)."""

from __future__ import annotations

from typing import Any

from simulator.cli.lazy import lazy

# written out here: the grammar is read on every start, and the records modules import
# more than a bare `peersim` should (a test checks these match theirs)
GOAL_STATES = ("agreed", "working", "met", "set-aside")
PEER_KINDS = ("strength", "question", "suggestion")
TRAINER_BY = "as a trainer, who you are (or PEERSIM_REVIEWER); needs the trainer's key"


def growth_commands(sub: Any) -> None:
    """``peersim growth ACTION`` and ``peersim peer ACTION``."""
    growth = sub.add_parser("growth", help="a record of growth: criteria over time,"
                                           " strengths and development goals")
    actions = growth.add_subparsers(dest="growth_action", metavar="ACTION", required=True)
    p = actions.add_parser("show", help="the record of growth (yours, or a trainee's)")
    p.add_argument("--trainee", help="another trainee's record (trainers)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = actions.add_parser("goal", help="set a development goal")
    p.add_argument("text", nargs="+", metavar="GOAL")
    p.add_argument("--trainee", help="the trainee it is for (trainers; yours by default)")
    p.add_argument("--criterion", help="the rubric criterion it is about, if one")
    p.add_argument("--by", metavar="NAME", help=TRAINER_BY)
    p = actions.add_parser("revisit", help="agree to a goal or say where it stands")
    p.add_argument("goal", metavar="GOAL")
    p.add_argument("note", nargs="*", metavar="NOTE")
    p.add_argument("--state", required=True, choices=list(GOAL_STATES))
    p.add_argument("--by", metavar="NAME", help=TRAINER_BY)
    growth.set_defaults(func=lazy("growth_cmds", "cmd_growth"))

    peer = sub.add_parser("peer", help="peer review: invite a fellow trainee to review your"
                                       " sessions, or accept their invitation")
    actions = peer.add_subparsers(dest="peer_action", metavar="ACTION", required=True)
    for name, about in (("invite", "let TRAINEE review your sessions (they accept too)"),
                        ("accept", "agree to review TRAINEE's sessions"),
                        ("withdraw", "end peer review with TRAINEE (either of you may)")):
        p = actions.add_parser(name, help=about)
        p.add_argument("other", metavar="TRAINEE")
    actions.add_parser("list", help="who you review, and who reviews you")
    p = actions.add_parser("comment", help="a peer comment on a fellow trainee's session")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--kind", required=True, choices=list(PEER_KINDS))
    p.add_argument("--turn", type=int, help="the turn it is about (from 1)")
    peer.set_defaults(func=lazy("growth_cmds", "cmd_peer"))
