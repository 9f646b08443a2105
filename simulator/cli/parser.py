"""The command-line grammar. Each command's module is imported only when it runs, so
opening the app (no command) never pays for the models, YAML and the exports."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from simulator import __version__
from simulator.cli.certify_parser import certify_commands, certify_review_actions
from simulator.cli.growth_parser import growth_commands
from simulator.cli.lazy import lazy as _lazy
from simulator.exports.formats import FORMATS, formats_help, formats_taking


def _how_many(text: str) -> int:
    """A count of 1 or more (argparse reports the refusal with the option's name)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    parser = argparse.ArgumentParser(
        prog="peersim",
        description="Practise strategic storytelling: choosing what of your own story to share,"
                    " when and how. With no command, opens the trainee's app.",
    )
    parser.add_argument("--version", action="version", version=f"peersim {__version__}")
    parser.add_argument("--library", action="append", default=[], metavar="FOLDER",
                        help="add a programme's scenario pack to the library (repeatable;"
                             " or set PEERSIM_LIBRARY)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for name, about, command in (
            ("validate", "check scenarios, decks and rubrics for mistakes",
             _lazy("authoring", "cmd_validate")),
            ("check", "run every test plan in scenario and plan files",
             _lazy("scripted", "cmd_check"))):
        p = sub.add_parser(name, help=about)
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders (default: shipped)")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.set_defaults(func=command)

    p = sub.add_parser("play", help="play-test your own scenarios, decks and rubric in the app")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--watch", action="store_true",
                   help="reload on every save, check again and replay your choices")
    p.add_argument("--no-shipped", action="store_true",
                   help="list only your scenarios (shipped rubrics, decks and themes still"
                        " fill in what your files refer to)")
    p.set_defaults(func=_lazy("playtest", "cmd_play"))

    p = sub.add_parser("run", help="play a scripted plan through a scenario")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    p.add_argument("--plan", required=True, metavar="PLAN.yaml", help="a plan file (kind: plan)")
    p.add_argument("--deck", metavar="DECK", help="deck file or id (default: the plan's)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_lazy("scripted", "cmd_run"))

    p = sub.add_parser("walk", help="seeded random play-throughs: coverage and score spread")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    p.add_argument("--runs", type=int, default=200, help="how many walks (default 200)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--deck", metavar="DECK", help="deck file or id (default: the scenario's)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_lazy("scripted", "cmd_walk"))

    p = sub.add_parser("graph", help="draw a scenario's beat graph")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    p.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    p.add_argument("--deck", metavar="DECK", help="deck file or id (default: the scenario's)")
    p.set_defaults(func=_lazy("authoring", "cmd_graph"))

    p = sub.add_parser("schema", help="write JSON Schemas for the data files")
    p.add_argument("-o", "--output", default="docs/schema", help="folder (default docs/schema)")
    p.set_defaults(func=_lazy("authoring", "cmd_schema"))

    _records_commands(sub)

    _review_commands(sub)
    certify_commands(sub)
    growth_commands(sub)

    p = sub.add_parser("dashboard", help="a cohort's dashboard in the terminal (trainers)")
    p.add_argument("--cohort", required=True)
    _selection_options(p)
    p.set_defaults(func=_lazy("main", "open_dashboard"))

    p = sub.add_parser("serve", help="serve the app to a cohort's browsers, with sign-in"
                                     " by join code (a classroom)")
    p.add_argument("--cohort", required=True)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, when behind a reverse proxy"
                        " (https://... makes cookies Secure)")
    p.add_argument("--hours", type=float, default=8.0,
                   help="how long a sign-in lasts (default 8)")
    p.add_argument("--max-apps", type=_how_many, default=40, metavar="N",
                   help="most app sessions at once (default 40)")
    p.add_argument("--apps-each", type=_how_many, default=3, metavar="N",
                   help="most app sessions one person may have open at once (default 3)")
    p.add_argument("--starting", type=_how_many, default=None, metavar="N",
                   help="apps started at once; more sign-ins wait in line, told their"
                        " place (default: one a processor core)")
    p.add_argument("--forwarded", action="store_true",
                   help="count sign-in attempts by X-Forwarded-For (only behind your own"
                        " reverse proxy, which must set it)")
    p.set_defaults(func=_lazy("serve_cmds", "cmd_serve"))

    p = sub.add_parser("catalogue", help="the scenario catalogue as Markdown (docs/scenarios.md)")
    p.set_defaults(func=_lazy("authoring", "cmd_catalogue"))

    p = sub.add_parser("decks", help="list the story decks and their pieces (titles only)")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="deck files or folders (default: the library)")
    p.add_argument("--deck", action="append", default=[], metavar="ID", help="only this deck")
    p.add_argument("--text", action="store_true", help="print each piece's words too")
    p.add_argument("--own", action="store_true",
                   help="include your own decks (their words only with --text as well)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_lazy("decks_cmd", "cmd_decks"))

    p = sub.add_parser("explain", help="what the detectors find in a typed response, and why")
    p.add_argument("text", metavar="TEXT", help="the typed words, or - for one per line on stdin")
    p.add_argument("--as", dest="mode", choices=["reflect", "share", "line"], default="line",
                   help="typed as a reflection, a share or a line (default line)")
    p.add_argument("--scenario", metavar="ID", help="the scenario it answers (shipped id)")
    p.add_argument("--beat", metavar="BEAT", help="the beat it answers (default: the first)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_lazy("explain_cmd", "cmd_explain"))

    p = sub.add_parser("themes", help="list the theme vocabulary")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_lazy("authoring", "cmd_themes"))
    return parser


def _day(text: str) -> date:
    """A calendar day, YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}"
                                         ) from None


def _selection_options(p: argparse.ArgumentParser) -> None:
    """Which completed sessions count: the mode and a date range (UTC days)."""
    p.add_argument("--mode", choices=["assigned", "assessment", "practice", "all"],
                   help="count only assigned assessments, assessment or practice sessions,"
                        " or all (default: assigned once the cohort has assignments, all"
                        " before)")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD",
                   help="sessions completed on or after this day")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD",
                   help="sessions completed on or before this day")


def _records_commands(sub: Any) -> None:
    """Cohorts, records transfer, exports and the report: for trainers and administrators."""
    p = sub.add_parser("cohort", help="cohorts: create, list, add, show, import, codes, typed")
    p.add_argument("action", choices=["create", "list", "add", "show", "import", "codes",
                                      "typed"])
    p.add_argument("cohort", nargs="?", help="cohort id (for create, add, show, typed)")
    p.add_argument("files", nargs="*", help="records files (for import); for typed: when its"
                                            " trainees must type: optional, assessment,"
                                            " always")
    p.add_argument("--title", help="a title for a new cohort")
    p.add_argument("--new", type=_how_many, default=0, metavar="N",
                   help="add N new trainees with random ids")
    p.add_argument("--trainee", action="append", default=[], help="add an existing trainee id")
    p.add_argument("--name", help="roster: the trainee's name (kept apart from records);"
                                  " with exactly one trainee")
    p.add_argument("--email", help="roster: the trainee's email, with --name")
    p.add_argument("--into", help="import: add the imported trainees to this cohort")
    p.add_argument("--replace", action="store_true",
                   help="import: this file is the trainee's own (you asked them): remove"
                        " the sessions an earlier, conflicting file brought")
    p.add_argument("--codes", action="store_true",
                   help="add: print a join code for each trainee (for peersim serve);"
                        " shown once, stored hashed")
    p.add_argument("--trainer", action="store_true",
                   help="codes: a join code for a trainer (the dashboard in a browser)")
    p.add_argument("--revoke", action="store_true",
                   help="codes: stop the named trainees' codes working, and sign them out"
                        " at once, without new codes")
    p.set_defaults(func=_lazy("records_cmds", "cmd_cohort_entry"))

    p = sub.add_parser("records", help="your own records: export-mine; trainer-key and"
                                       " grant (trainers)")
    p.add_argument("action", choices=["export-mine", "trainer-key", "grant"])
    p.add_argument("-o", "--output", help="the file to write (export-mine)")
    p.add_argument("--trainee", help="trainee id (default: this machine's; another's needs"
                                     " PEERSIM_TRAINER_KEY); grant: a database account for"
                                     " this trainee")
    p.add_argument("--cohort", help="grant: a database account for every trainee of it")
    p.add_argument("--trainer", metavar="NAME", help="grant: a database account for a trainer")
    p.add_argument("--revoke", metavar="ACCOUNT", help="grant: end this database account")
    p.set_defaults(func=_lazy("records_cmds", "cmd_records"))

    p = sub.add_parser("export", help="export a cohort's scores")
    p.add_argument("--cohort", required=True)
    p.add_argument("--format", required=True, choices=tuple(FORMATS), help=formats_help())
    p.add_argument("-o", "--output", required=True)
    _selection_options(p)
    p.add_argument("--xapi-base", metavar="URL",
                   help="xapi: the base of activity ids (default https://peersim.invalid;"
                        " or PEERSIM_XAPI_BASE)")
    p.add_argument("--xapi-home", metavar="URL",
                   help="xapi: the homePage of trainee accounts (default: the base;"
                        " or PEERSIM_XAPI_HOME)")
    p.add_argument("--roster", action="store_true",
                   help=f"{'/'.join(formats_taking('roster'))}: add names and emails from the"
                        " roster for an LMS import")
    p.add_argument("--include-story-text", action="store_true",
                   help=f"{'/'.join(formats_taking('include_story_text'))} only: include the"
                        " words of shared fragments (personal history!)")
    p.add_argument("--lrs", metavar="URL", help="xapi: also POST the statements to this LRS")
    p.add_argument("--lrs-user", help="LRS basic-auth user")
    p.add_argument("--lrs-password", help="LRS password (or PEERSIM_LRS_PASSWORD)")
    p.set_defaults(func=_lazy("records_cmds", "cmd_export"))

    p = sub.add_parser("report", help="a self-contained HTML report for trainers")
    p.add_argument("--cohort", required=True)
    p.add_argument("-o", "--output", required=True)
    _selection_options(p)
    p.set_defaults(func=_lazy("records_cmds", "cmd_report"))


def _review_commands(sub: Any) -> None:
    """``peersim review ACTION``: supervision of a cohort's sessions."""
    review = sub.add_parser("review", help="supervision: read a cohort's sessions, comment,"
                                           " flag scores, ask co-reflection prompts")
    actions = review.add_subparsers(dest="action", metavar="ACTION", required=True)
    run = _lazy("review_cmds", "cmd_review")

    def action(name: str, about: str, *, by: bool = False) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=about)
        p.set_defaults(func=run)
        if by:
            p.add_argument("--by", metavar="NAME", help="who is reviewing (or PEERSIM_REVIEWER)")
        return p

    p = action("list", "a cohort's sessions, newest first, with comment counts")
    p.add_argument("--cohort", required=True)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = action("show", "one session: every turn, score and reason, and the comments")
    p.add_argument("session", metavar="SESSION")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = action("open", "review a cohort's sessions in the terminal app", by=True)
    p.add_argument("--cohort", required=True)
    p.add_argument("session", nargs="?", metavar="SESSION", help="open this one at once")
    p = action("comment", "comment on a turn, or on the whole session", by=True)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--kind", required=True, choices=["strength", "question", "suggestion", "note"],
                   help="what the comment is (note: an overall note on the session)")
    p.add_argument("--turn", type=int, metavar="N", help="the turn (from 1); none: the session")
    p.add_argument("--stance", choices=["peer-supervisor", "non-peer-supervisor"],
                   help="the role you write in, shown with the comment")
    p = action("reply", "reply to a comment (its id is shown in brackets)", by=True)
    p.add_argument("entry", metavar="COMMENT")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p = action("flag", "I disagree with a score: say which turn and why", by=True)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("text", nargs="+", metavar="REASON")
    p.add_argument("--turn", type=int, metavar="N", required=True)
    p.add_argument("--criterion", help="the criterion whose score you dispute")
    p.add_argument("--part", choices=["reflection", "response"],
                   help="in a turn of two parts: which part's score (review show lists both)")
    p = action("prompt", "ask co-reflection prompts the trainee answers in their debrief",
               by=True)
    p.add_argument("session", metavar="SESSION")
    p.add_argument("text", nargs="*", metavar="TEXT",
                   help="your own prompt (default: the two standard ones)")
    p.add_argument("--turn", type=int, metavar="N", help="about this turn (from 1)")
    p = action("export", "every comment (of a cohort) as csv or jsonl, by the file suffix")
    p.add_argument("--cohort")
    p.add_argument("-o", "--output", required=True)
    p = action("proposals", "the lines trainees proposed, for the scenario's author")
    p.add_argument("--cohort")
    p.add_argument("--scenario", help="only this scenario's")
    p.add_argument("-o", "--output", required=True)
    certify_review_actions(actions)
