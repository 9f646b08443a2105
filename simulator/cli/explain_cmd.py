"""``peersim explain``: what the detectors find in a typed response, and why.

For authors tuning a phrasebook, and for the corpus and held-out checks. The text
is read from the command line or, with ``-``, one response per line from standard
input (one JSON object per line out); it is never stored.
"""

from __future__ import annotations

import argparse
import json
import sys

from simulator.cli.output import CliError, emit_json
from simulator.loading.library import load_library
from simulator.safetext import json_visible
from simulator.words import Explained, Setting, explain
from simulator.words_library import NoPhrasebook, setting


def _setting(args: argparse.Namespace) -> Setting:
    library, _ = load_library([])
    if args.beat is not None and args.scenario is None:
        raise CliError("--beat needs --scenario")
    if args.scenario is not None and args.scenario not in library.scenarios:
        known = ", ".join(sorted(library.scenarios)) or "none"
        raise CliError(f"no scenario {args.scenario!r}; scenarios: {known}")
    beat = args.beat
    if args.scenario is not None and beat is None:
        beat = library.scenario(args.scenario).start
    try:
        return setting(library, args.scenario, beat)
    except NoPhrasebook:
        raise CliError("the library has no phrasebook (kind: phrasebook) for English") from None
    except KeyError:
        known = ", ".join(library.scenario(args.scenario).beats)
        raise CliError(f"scenario {args.scenario!r} has no beat {beat!r}; beats: {known}"
                       ) from None


def _print(result: Explained) -> None:
    flags = ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in result.flags.items())
    print(flags)
    if result.beat is not None:
        print(f"concerns named: {', '.join(result.concerns) or 'none'};"
              f" what they ask for named: {result.asks_for or 'no'};"
              f" readings: {', '.join(result.readings) or 'none'}")
    print(f"{result.word_count} words (brief is {result.brief_limit} or fewer);"
          f" about you: {round(result.self_share * 100)}%")
    for detection in result.detections:
        quoted = "; ".join(f'"{e.quote}"' for e in detection.evidence)
        print(f"- {detection.note}" + (f": {quoted}" if quoted else ""))


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain one typed response, or one per line of standard input with ``-``."""
    where = _setting(args)
    if args.text == "-":
        for line in sys.stdin:
            text = line.rstrip("\n")
            out = explain(text, args.mode, where).as_json()
            sys.stdout.write(json_visible(json.dumps(out, ensure_ascii=False)) + "\n")
        return 0
    if not args.text.strip():
        raise CliError("nothing to explain: give the words in quotes, or - to read lines")
    result = explain(args.text, args.mode, where)
    if args.json:
        emit_json(result.as_json())
    else:
        _print(result)
    return 0
