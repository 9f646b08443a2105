"""The ``peersim`` entry point: argument parsing and error handling, nothing else."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from simulator import __version__
from simulator.cli.authoring import (
    cmd_catalogue,
    cmd_graph,
    cmd_schema,
    cmd_themes,
    cmd_validate,
)
from simulator.cli.output import CliError
from simulator.cli.play import cmd_check, cmd_run, cmd_walk
from simulator.cli.records_cmds import register as register_records


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    parser = argparse.ArgumentParser(
        prog="peersim",
        description="Practise strategic storytelling: choosing what of your own story to share,"
                    " when and how. With no command, opens the trainee's app.",
    )
    parser.add_argument("--version", action="version", version=f"peersim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check scenarios, decks and rubrics for mistakes")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: shipped)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("run", help="play a scripted plan through a scenario")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    p.add_argument("--plan", required=True, metavar="PLAN.yaml", help="a plan file (kind: plan)")
    p.add_argument("--deck", metavar="DECK", help="deck file or id (default: the plan's)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("check", help="run every test plan in scenario and plan files")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: shipped)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("walk", help="seeded random play-throughs: coverage and score spread")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    p.add_argument("--runs", type=int, default=200, help="how many walks (default 200)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--deck", metavar="DECK", help="deck file or id (default: the scenario's)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_walk)

    p = sub.add_parser("graph", help="draw a scenario's beat graph")
    p.add_argument("scenario", metavar="SCENARIO", help="scenario file or shipped id")
    p.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    p.set_defaults(func=cmd_graph)

    p = sub.add_parser("schema", help="write JSON Schemas for the data files")
    p.add_argument("-o", "--output", default="docs/schema", help="folder (default docs/schema)")
    p.set_defaults(func=cmd_schema)

    register_records(sub)

    p = sub.add_parser("dashboard", help="a cohort's dashboard in the terminal (trainers)")
    p.add_argument("--cohort", required=True)
    p.set_defaults(func=_open_dashboard)

    p = sub.add_parser("catalogue", help="the scenario catalogue as Markdown (docs/scenarios.md)")
    p.set_defaults(func=cmd_catalogue)

    p = sub.add_parser("themes", help="list the theme vocabulary")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_themes)
    return parser


def _open_app(argv: Sequence[str]) -> int:
    """Open the trainee's app when the UI is installed; otherwise explain and show help."""
    try:
        # imported by name so the core never depends on the UI statically
        module = importlib.import_module("simulator.tui.launch")
    except ImportError:
        build_parser().print_help()
        return 0
    code: int = module.launch(list(argv))
    return code


def _open_dashboard(args: argparse.Namespace) -> int:
    """The dashboard lives in the UI package, loaded only when asked for."""
    module = importlib.import_module("simulator.tui.launch")
    code: int = module.launch_dashboard(args.cohort)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        return _open_app(args_list)
    args = parser.parse_args(args_list)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    try:
        code: int = args.func(args)
        return code
    except CliError as exc:
        print(f"peersim: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("peersim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug in peersim, not the user's doing
        if os.environ.get("PEERSIM_DEBUG"):
            traceback.print_exc()
        print(f"peersim: internal error: {type(exc).__name__}: {exc}\n"
              "This is a bug in peersim; set PEERSIM_DEBUG=1 to see details.", file=sys.stderr)
        return 70
