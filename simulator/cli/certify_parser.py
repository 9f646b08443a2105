"""The grammar of the certification commands: ``peersim assign``, ``peersim talk``
and the sign-off, resolve, certification and request actions of ``peersim review``."""

from __future__ import annotations

import argparse
from typing import Any

from simulator.cli.lazy import lazy

BY_HELP = "who is signing (or PEERSIM_REVIEWER)"


def certify_commands(sub: Any) -> None:
    """``peersim assign ACTION`` and ``peersim talk``."""
    assign = sub.add_parser("assign", help="assign scenarios in assessment mode, with a due"
                                           " date (trainers)")
    actions = assign.add_subparsers(dest="assign_action", metavar="ACTION", required=True)
    p = actions.add_parser("add", help="assign a scenario to a cohort or one trainee")
    p.add_argument("scenario", metavar="SCENARIO")
    whom = p.add_mutually_exclusive_group(required=True)
    whom.add_argument("--cohort")
    whom.add_argument("--trainee")
    p.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", metavar="NAME", help="who is assigning (or PEERSIM_REVIEWER)")
    p = actions.add_parser("list", help="assignments (of a cohort), or one trainee's progress")
    whom = p.add_mutually_exclusive_group()
    whom.add_argument("--cohort")
    whom.add_argument("--trainee")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = actions.add_parser("withdraw", help="stop showing an assignment")
    p.add_argument("assignment", metavar="ASSIGNMENT")
    assign.set_defaults(func=lazy("certify_cmds", "cmd_assign"))

    p = sub.add_parser("talk", help="I need to talk: ask your supervisor to get in touch")
    p.add_argument("note", nargs="*", metavar="NOTE", help="an optional note for them")
    p.set_defaults(func=lazy("certify_cmds", "cmd_talk"))


def certify_review_actions(actions: Any) -> None:
    """The certification actions of ``peersim review``."""
    run = lazy("certify_cmds", "cmd_certify_review")

    def action(name: str, about: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=about)
        p.set_defaults(func=run)
        return p

    p = action("signoff", "sign off an assessed session: pass or not yet, with the reason")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("text", nargs="+", metavar="REASON")
    p.add_argument("--verdict", required=True, choices=["pass", "not-yet"])
    p.add_argument("--by", metavar="NAME", help=BY_HELP)
    p = action("resolve", "resolve a flag or a proposed line, with the reason")
    p.add_argument("entry", metavar="COMMENT")
    p.add_argument("text", nargs="+", metavar="REASON")
    p.add_argument("--state", required=True,
                   choices=["open", "accepted", "declined", "taken", "answered"])
    p.add_argument("--level", type=int, choices=[0, 1, 2, 3],
                   help="an accepted flag on a criterion: your own level for it")
    p.add_argument("--by", metavar="NAME", help="who is deciding (or PEERSIM_REVIEWER)")
    p = action("certification", "per trainee: assessments signed off and still open")
    p.add_argument("--cohort", required=True)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = action("requests", "who is waiting to talk, and sessions that need a word")
    p.add_argument("--cohort")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = action("answered", "mark a request to talk answered")
    p.add_argument("request", metavar="REQUEST")
    p.add_argument("--by", metavar="NAME", help="who answered (or PEERSIM_REVIEWER)")
