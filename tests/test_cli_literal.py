"""Nothing an author or trainee wrote reaches the terminal as a command, from any CLI
command: escape sequences, C1 controls and bidi controls are shown, never obeyed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from simulator.cli.main import main
from simulator.safetext import UNSAFE, is_visible, json_visible, visible
from tests.nasty import PAYLOAD, unsafe_in, write_nasty


@pytest.fixture
def nasty(tmp_path: Path) -> dict[str, Path]:
    """The nasty files, a plan file for the scenario, and a broken file whose very name
    is nasty (so its diagnostics quote it)."""
    paths = write_nasty(tmp_path / "lib")
    files = {p.stem: p for p in paths}
    scenario = yaml.safe_load(files["loud-again"].read_text(encoding="utf-8"))
    plan = {**scenario["tests"][0], "kind": "plan", "scenario": "loud-again"}
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    files["plan"] = plan_path
    broken = tmp_path / "broken" / f"bad{PAYLOAD.replace('/', '|')}.yaml"
    broken.parent.mkdir()
    broken.write_text("kind: scenario\nid: x\ntitle: [unclosed\n", encoding="utf-8")
    files["broken"] = broken
    return files


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


def test_visible_replaces_every_control_and_keeps_the_rest() -> None:
    shown = visible("a\tb\nc" + PAYLOAD)
    assert shown.startswith("a\tb\nc ␛]0;PWNED␇")
    assert "<U+009B>2J" in shown and "<U+202E>" in shown and "␍" in shown and "␡" in shown
    assert "[@click=app.quit]q[/]" in shown  # markup is the CLI's plain text
    assert is_visible(shown) and not is_visible(PAYLOAD)
    assert json.loads(json_visible(json.dumps(PAYLOAD, ensure_ascii=False))) == PAYLOAD


def test_every_command_shows_nasty_content_literally(capsys: pytest.CaptureFixture[str],
                                                     nasty: dict[str, Path]) -> None:
    scenario, deck, plan = (str(nasty[k]) for k in ("loud-again", "robin", "plan"))
    folder, broken = str(nasty["robin"].parent), str(nasty["broken"])
    commands = [
        ["validate", folder], ["validate", folder, broken], ["validate", "--json", broken],
        ["check", folder], ["check", "--json", folder], ["check", broken],
        ["run", scenario, "--plan", plan, "--deck", deck],
        ["run", scenario, "--plan", plan, "--deck", deck, "--json"],
        ["walk", scenario, "--deck", deck, "--runs", "5"],
        ["walk", scenario, "--deck", deck, "--runs", "5", "--json"],
        ["graph", scenario], ["graph", scenario, "--format", "dot"],
        ["graph", PAYLOAD], ["run", scenario, "--plan", broken],
        ["cohort", "create", "spring", "--title", PAYLOAD], ["cohort", "list"],
        ["cohort", "show", "spring"],
    ]
    for command in commands:
        code, shown = _run(capsys, *command)
        assert unsafe_in(shown) == [], (command, code, shown[:400])
    code, shown = _run(capsys, "run", scenario, "--plan", plan, "--deck", deck)
    assert code == 0 and visible(PAYLOAD.strip()) in shown  # shown as written, not dropped
    code, shown = _run(capsys, "validate", "--json", broken)
    assert json.loads(shown)["diagnostics"][0]["path"] == broken  # JSON keeps the data


def test_the_installed_entry_point_prints_nothing_a_terminal_obeys(
        nasty: dict[str, Path]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for args in (["run", str(nasty["loud-again"]), "--plan", str(nasty["plan"]), "--deck",
                  str(nasty["robin"])], ["validate", str(nasty["broken"])]):
        done = subprocess.run([sys.executable, "-m", "simulator", *args], capture_output=True,
                              env=env, timeout=120, check=False)
        shown = (done.stdout + done.stderr).decode("utf-8")
        assert shown.strip() and unsafe_in(shown) == [], shown[:400]


def test_json_visible_escapes_every_unsafe_character_ascii_or_not() -> None:
    # an ASCII text skips the regex (a faster check); both paths must escape the same
    for code in [*range(0x100), 0x061C, 0x200E, 0x200F, 0x202E, 0x2066, 0x2069, 0x2028]:
        char = chr(code)
        for text in (f"a{char}b", f"a{char}b\u00e9"):
            expected = UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
            assert json_visible(text) == expected, hex(code)
