"""The classroom commands: join codes printed once and kept hashed; serve's checks; and
the serving code kept off the terminal app's start path and out of the core."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.records import open_store
from simulator.records.access import Grant, check_code

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cohort_add_prints_each_code_once_and_keeps_only_hashes(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "cohort", "create", "spring")[0] == 0
    code, out, err = run(capsys, "cohort", "add", "spring", "--new", "2", "--codes")
    assert code == 0 and "shown only this once" in err
    lines = [line.split() for line in out.splitlines()]
    assert len(lines) == 2 and all(len(parts) == 2 for parts in lines)
    store = open_store()
    try:
        for trainee, join_code in lines:
            assert check_code(store, join_code) == Grant("trainee", "spring", trainee)
        dump = "\n".join(store.db.iterdump())
        assert all(join_code not in dump for _trainee, join_code in lines)
    finally:
        store.close()


def test_cohort_codes_replaces_a_lost_code_and_makes_trainer_codes(
        capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "cohort", "create", "spring")
    _code, out, _err = run(capsys, "cohort", "add", "spring", "--trainee", "t-aaaaaaaaaaaa",
                           "--codes")
    old = out.split()[1]
    code, out, _err = run(capsys, "cohort", "codes", "spring", "--trainee", "t-aaaaaaaaaaaa")
    new = out.split()[1]
    code2, trainer_out, _err = run(capsys, "cohort", "codes", "spring", "--trainer")
    assert code == code2 == 0
    label, trainer_code = trainer_out.split()
    store = open_store()
    try:
        assert check_code(store, old) is None
        assert check_code(store, new) == Grant("trainee", "spring", "t-aaaaaaaaaaaa")
        assert check_code(store, trainer_code) == Grant("trainer", "spring", label)
    finally:
        store.close()


@pytest.mark.parametrize(("argv", "message"), [
    (["cohort", "codes", "spring"], "needs --trainer or one or more --trainee"),
    (["cohort", "codes", "spring", "--trainee", "t-nobody"], "not in cohort spring"),
    (["cohort", "codes", "spring", "--trainee", "Not An Id"], "not a valid trainee id"),
    (["cohort", "codes", "autumn", "--trainer"], "no cohort 'autumn'"),
    (["cohort", "show", "spring", "--codes"], "does not take --codes"),
    (["cohort", "add", "spring", "--trainer", "--new", "1"], "does not take --trainer"),
    (["serve", "--cohort", "autumn"], "no cohort 'autumn'"),
    (["serve", "--cohort", "spring", "--port", "70000"], "not a port number"),
    (["serve", "--cohort", "spring", "--hours", "0"], "--hours must be"),
    (["serve", "--cohort", "spring", "--public-url", "ftp://x"], "must start with https://"),
])
def test_classroom_commands_refuse_clearly(capsys: pytest.CaptureFixture[str],
                                           argv: list[str], message: str) -> None:
    run(capsys, "cohort", "create", "spring")
    code, _out, err = run(capsys, *argv)
    assert code != 0 and message in err and "Traceback" not in err


def test_serving_stays_off_the_app_s_start_path() -> None:
    code = ("import sys\n"
            "import simulator.cli.main, simulator.tui.launch, simulator.records.access\n"
            "heavy = ('aiohttp', 'textual_serve', 'argon2', 'jinja2', 'aiohttp_jinja2')\n"
            "print([m for m in sys.modules if m.split('.')[0] in heavy"
            " or m.startswith('simulator.serve')])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert proc.stdout.strip() == "[]"


NO_IMPORTS = ("simulator.serve.identity", "simulator.serve.child")


def test_only_the_serve_command_imports_the_server() -> None:
    """(The app reads the names of its identity variables from simulator.serve.identity,
    and the warm app process its die-with-the-parent hook from simulator.serve.child:
    modules that import nothing but the standard library.)"""
    allowed = {Path("simulator/cli/serve_cmds.py")}
    offenders = []
    for path in (ROOT / "simulator").rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[:2] == ("simulator", "serve") or relative in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] in ("aiohttp", "textual_serve") or
                   (n.startswith("simulator.serve") and n not in NO_IMPORTS)
                   for n in names):
                offenders.append(str(relative))
    assert offenders == []
