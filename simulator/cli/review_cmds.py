"""``peersim review``: a trainer reads a cohort's sessions and writes supervision notes.

Every argument is checked before anything is written; a refused comment says what to
change. Every action needs the trainer's authority (:mod:`simulator.cli.gate`); the
reviewer's *name* comes from ``--by`` or ``PEERSIM_REVIEWER``, but the role a comment is
stored with comes only from that authority.
"""

from __future__ import annotations

import argparse
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.cli.gate import check_trainer, need_trainer
from simulator.cli.output import CliError, emit_json
from simulator.exports.files import check_target
from simulator.exports.names import Names, roster_names, titled
from simulator.exports.review import (
    PROPOSAL_COLUMNS,
    proposals,
    with_resolutions,
    with_stances,
    write_entries,
)
from simulator.practice.supervision import SessionView, session_view, story_texts
from simulator.records import open_store
from simulator.records.authority import Authority
from simulator.records.cohorts import get_cohort
from simulator.records.peer_review import PeerReviews, stance_words
from simulator.records.resolutions import Resolution, Resolutions
from simulator.records.review import PROMPTS, Entry, ReviewError, Reviews
from simulator.records.signoff import SignOff, SignOffs
from simulator.records.sql_store import SqlStore
from simulator.wording import passed_text
from simulator.wording.scores import score

if TYPE_CHECKING:
    from simulator.loading.library import Library

WIDTH = 88


def _store() -> SqlStore:
    return open_store()


def _library() -> Library:
    from simulator.loading.library import load_library

    library, _problems = load_library([])
    return library


def _story() -> list[str]:
    """What no comment may quote: the practice decks and this machine's own decks
    (the store adds the trainee's own decks it keeps)."""
    from simulator.owndecks import load_own_decks

    return story_texts(_library(), load_own_decks()[0])


def _who(args: argparse.Namespace) -> str:
    name = (getattr(args, "by", None) or os.environ.get("PEERSIM_REVIEWER") or "").strip()
    if not name:
        raise CliError("say who is reviewing: --by NAME (or set PEERSIM_REVIEWER)")
    return name


def _turn(args: argparse.Namespace) -> int | None:
    turn: int | None = getattr(args, "turn", None)
    if turn is not None and turn < 1:
        raise CliError("--turn counts from 1")
    return None if turn is None else turn - 1


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent,
                         subsequent_indent=indent + "  ")


def _entry_lines(entry: Entry, indent: str = "  ",
                 resolved: dict[str, Resolution] | None = None,
                 stances: dict[str, str] | None = None) -> list[str]:
    what = entry.kind if entry.kind != "flag" else \
        f"flag: I disagree{' on ' + entry.criterion if entry.criterion else ''}"
    stance = (stances or {}).get(entry.id)
    role = f"{entry.role}, {stance_words(stance)}" if stance else entry.role
    lines = [_wrap(f"[{entry.id}] {entry.author} ({role}, {what}, {entry.created_at}):"
                   f" {entry.body}", indent)]
    found = (resolved or {}).get(entry.id)
    if found is not None and found.state != "open":
        lines.append(_wrap(f"-> {found.describe()}", indent + "    "))
    for reply in entry.replies:
        lines.extend(_entry_lines(reply, indent + "    ", resolved, stances))
    return lines


def render(view: SessionView, who: Callable[[str], str] = str,
           signoff: SignOff | None = None,
           resolved: dict[str, Resolution] | None = None,
           stances: dict[str, str] | None = None) -> str:
    """The session as plain text: every turn, score and reason, and the threads (with
    the trainer's sign-off and what became of each flag and proposed line, if given);
    ``who`` names the trainee beside the id (the trainer's roster), if it can."""
    verdict = "not finished" if view.overall is None else \
        f"overall {score(view.overall)}, {passed_text(view.passed)}"
    out = [f"{view.title} ({view.scenario_id}), trainee {who(view.trainee_id)}, {view.mode},"
           f" {verdict}", f"session {view.session_id}", ""]
    if signoff is not None:
        out[2:2] = [_wrap(f"Sign-off: {signoff.describe()}", "")]
    for turn in view.turns:
        out.append(_wrap(f"Turn {turn.index + 1}. {view.person}: {turn.says}", ""))
        judged = f"judged {turn.band}" + ("; SAFETY GATE" if turn.safety else "")
        for part in turn.parts:
            out.append(_wrap(part.heading(), "  "))
            if line := part.judged(judged):
                out.append(("    " if part.label else "  ") + line)
            for line in part.lines():
                out.append(_wrap(line, "    "))
        if len(turn.parts) > 1:
            out.append(f"  {judged} as a whole")
        for entry in turn.threads:
            out.extend(_entry_lines(entry, resolved=resolved, stances=stances))
        out.append("")
    if view.threads:
        out.append("On the whole session:")
        for entry in view.threads:
            out.extend(_entry_lines(entry, resolved=resolved, stances=stances))
    return "\n".join(out).rstrip() + "\n"


def cmd_review(args: argparse.Namespace) -> int:
    """Dispatch ``peersim review ACTION``."""
    doing = _DOING.get(args.action, "comment on a trainee's session")
    if args.action == "open":
        import importlib

        check_trainer(doing)
        module = importlib.import_module("simulator.tui.launch")
        code: int = module.launch_review(args.cohort, _who(args), args.session)
        return code
    store = _store()
    try:
        authority = need_trainer(store, doing)
        return _ACTIONS[args.action](args, store, authority)
    except ReviewError as exc:
        raise CliError(str(exc), 1) from None
    finally:
        store.close()


def _list(args: argparse.Namespace, store: SqlStore, who: Authority) -> int:
    get_cohort(store, args.cohort)
    rows = Reviews(store).cohort_sessions(args.cohort)
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(f"no sessions in cohort {args.cohort} yet")
    names, named = Names.of(_library()), roster_names()  # trainers only: need_trainer
    for row in rows:
        result = "unfinished" if row["completed_at"] is None else \
            f"{score(row['overall'])} {passed_text(bool(row['passed']))}"
        print(f"{row['id']}  {named(str(row['trainee_id']))}"
              f"  {titled(names, str(row['scenario_id']))}  {row['mode']}"
              f"  {row['started_at']}  {result}  {row['entries']} comment(s)")
    return 0


def _show(args: argparse.Namespace, store: SqlStore, who: Authority) -> int:
    view = session_view(store, args.session, _library())
    stances = PeerReviews(store).stances(view.session_id)
    if args.json:
        emit_json({"session": view.session_id, "trainee_id": view.trainee_id,
                   "scenario_id": view.scenario_id, "entries": [
                       {**e.as_dict(), "stance": stances.get(e.id)} for e in view.entries()]})
    else:
        print(render(view, roster_names(), SignOffs(store).latest(view.session_id),
                     Resolutions(store).of_session(view.session_id), stances), end="")
    return 0


def _add(store: SqlStore, session: str, *, kind: str, body: str, turn: int | None = None,
         criterion: str | None = None, parent_id: str | None = None, author: str,
         who: Authority) -> Entry:
    """Store one entry under the role the authority proved (``--by`` names; it never
    makes anyone a trainer)."""
    entry = Reviews(store).add(session, kind=kind, author=author, role=who.role, body=body,
                               turn=turn, criterion=criterion, parent_id=parent_id,
                               story_texts=_story())
    print(f"recorded {entry.kind} {entry.id} on session {session}"
          + (f", turn {entry.turn + 1}" if entry.turn is not None else ""))
    return entry


def _comment(args: argparse.Namespace, store: SqlStore, who: Authority) -> int:
    if args.stance and who.role != "trainer":
        raise CliError("--stance is a supervisor's: a fellow trainee's comment is peer review"
                       " (peersim peer comment)")
    entry = _add(store, args.session, kind=args.kind, author=_who(args), who=who,
                 body=" ".join(args.text), turn=_turn(args))
    if args.stance:
        PeerReviews(store).state_role(entry.id, args.stance)
    return 0


def _reply(args: argparse.Namespace, store: SqlStore, who: Authority) -> int:
    parent = Reviews(store).entry(args.entry)
    _add(store, parent.session_id, kind="reply", author=_who(args), who=who,
         body=" ".join(args.text), parent_id=parent.id)
    return 0


def _flag(args: argparse.Namespace, store: SqlStore, who: Authority) -> int:
    turn = _turn(args)
    if turn is None:
        raise CliError("a flag is about one turn: give --turn N")
    body = " ".join(args.text)
    if args.part is not None:
        _part_scored(store, args.session, turn, args.part, args.criterion)
        body = f"On the {args.part}: {body}"  # the same words the app uses
    _add(store, args.session, kind="flag", author=_who(args), who=who, body=body, turn=turn,
         criterion=args.criterion)
    return 0


def _part_scored(store: SqlStore, session: str, turn: int, part: str,
                 criterion: str | None) -> None:
    """Refuse ``--part`` on a turn of one part, or with a criterion that part did not
    score (the other part may have)."""
    try:
        view = session_view(store, session, _library())
    except ReviewError as exc:
        raise CliError(str(exc), 1) from None
    found = next((t for t in view.turns if t.index == turn), None)
    parts = {p.label.lower(): p for p in found.parts if p.label} if found else {}
    if part not in parts:
        raise CliError(f"turn {turn + 1} has no separate {part}: leave out --part", 1)
    scored = [cid for cid, *_rest in parts[part].scores]
    if criterion is not None and criterion not in scored:
        raise CliError(f"the {part} of turn {turn + 1} was not scored on {criterion!r};"
                       f" it was scored on {', '.join(scored) or 'nothing'}", 1)


def _prompt(args: argparse.Namespace, store: SqlStore, who: Authority) -> int:
    asked = [" ".join(args.text)] if args.text else list(PROMPTS)
    for prompt in asked:
        _add(store, args.session, kind="prompt", author=_who(args), who=who,
             body=prompt, turn=_turn(args))
    return 0


def _export(args: argparse.Namespace, store: SqlStore, who: Authority) -> int:
    target = Path(args.output)
    check_target(target)
    if args.cohort:
        get_cohort(store, args.cohort)
    story = _story()
    rows = with_stances(store, with_resolutions(
        store, Reviews(store).export_rows(args.cohort, story), story))
    if args.action == "proposals":
        wanted = proposals(rows, args.scenario)
        count = write_entries(wanted, target, PROPOSAL_COLUMNS)
        print(f"wrote {count} proposed line(s) to {target}")
    else:
        count = write_entries(rows, target)
        print(f"wrote {count} comment(s) to {target}")
    return 0


_DOING = {"list": "list a cohort's sessions", "show": "read a trainee's session",
          "open": "review a cohort's sessions", "export": "export a cohort's comments",
          "proposals": "export the lines trainees proposed",
          "flag": "flag a score on a trainee's session"}
_ACTIONS = {"list": _list, "show": _show, "comment": _comment, "reply": _reply,
            "flag": _flag, "prompt": _prompt, "export": _export, "proposals": _export}
