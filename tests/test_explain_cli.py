"""``peersim explain`` end to end, and the embedding model loaded only when needed."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli.main import main

ROOT = Path(__file__).parent.parent


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_prints_every_detection_with_its_evidence(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "explain", "You should rest. What's been hardest?")
    assert code == 0
    assert "advice: yes" in out and "hands_back: yes" in out
    assert '- you told them what to do: "You should rest"' in out
    assert '"What\'s been hardest?"' in out


def test_explain_json_at_a_beat(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "explain", "Sounds like you're ashamed of Saturday.",
                          "--as", "reflect", "--scenario", "sixty-days", "--beat",
                          "day-sixty", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["reflects"] is True and data["question"] is False
    assert data["concerns"] == ["shame"]
    assert data["beat"] == "day-sixty" and data["mode"] == "reflect"
    assert {"asks_for", "reading", "words"} <= set(data)
    kinds = {d["kind"]: d["evidence"] for d in data["detections"]}
    assert kinds["concern"] == ["ashamed"]


def test_explain_reads_one_text_per_line_and_prints_one_object_per_line(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(
        "I know exactly how you feel.\nWould it help if I told you how I got through it?\n"
        "\n"))
    code, out, _err = run(capsys, "explain", "-", "--scenario", "sixty-days")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3
    assert lines[0]["claims_sameness"] and not lines[0]["asks_permission"]
    assert lines[1]["asks_permission"] and not lines[1]["claims_sameness"]
    assert lines[2]["length"]["words"] == 0
    assert all(line["beat"] == "day-sixty" for line in lines)  # the scenario's first beat


@pytest.mark.parametrize(("args", "message"), [
    (["explain", "hi", "--scenario", "no-such"], "no scenario 'no-such'"),
    (["explain", "hi", "--scenario", "sixty-days", "--beat", "nope"], "has no beat 'nope'"),
    (["explain", "hi", "--beat", "day-sixty"], "--beat needs --scenario"),
    (["explain", "   "], "nothing to explain"),
])
def test_explain_refuses_plainly(capsys: pytest.CaptureFixture[str], args: list[str],
                                 message: str) -> None:
    code, _out, err = run(capsys, *args)
    assert code != 0 and message in err
    assert "Traceback" not in err


def test_control_characters_in_typed_text_are_shown_not_obeyed(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "explain", "You should \x1b[2Jrest.")
    assert code == 0 and "\x1b" not in out


def test_the_model_is_not_imported_at_launch_nor_without_a_beat() -> None:
    code = (
        "import sys\n"
        "import simulator.cli.main, simulator.cli.parser, simulator.words\n"
        "assert 'wordllama' not in sys.modules and 'numpy' not in sys.modules\n"
        "from simulator.cli.main import main\n"
        "main(['explain', 'You should rest.'])\n"
        "assert 'wordllama' not in sys.modules, 'loaded without a beat'\n"
        "from simulator.words import paraphrase\n"
        "assert not paraphrase.loaded()\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_the_model_loads_offline_on_first_use_when_installed(tmp_path: Path) -> None:
    pytest.importorskip("wordllama")
    code = (
        "import socket\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network use')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from simulator.words import paraphrase\n"
        "assert paraphrase.available(), 'did not load'\n"
        "found = paraphrase.closest('You cannot sleep and you lie awake all night.',\n"
        "    [('sleep', 'sleep: sleeping too little'), ('money', 'money: debt, bills'),\n"
        "     ('housing', 'housing: a place to live')], {'sleep'})\n"
        "assert [t for t, _ in found] == ['sleep'], found\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False,
                          env={"PATH": "", "HF_HUB_OFFLINE": "1", "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr


def test_without_the_model_the_phrasebook_alone_is_used(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    from simulator.words import paraphrase
    monkeypatch.setattr(paraphrase, "_state", {})
    monkeypatch.setenv(paraphrase.ENV, "0")
    assert not paraphrase.available()
    assert paraphrase.closest("anything", [("sleep", "sleep")], {"sleep"}) == []


def test_the_authoring_guide_shows_what_explain_really_prints(
        capsys: pytest.CaptureFixture[str]) -> None:
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    block = doc.split("$ peersim explain ", 1)[1].split("```", 1)[0]
    command, printed = block.split("\n", 1)
    command += printed.split("\n", 1)[0]
    printed = printed.split("\n", 1)[1]
    text = command.split('"')[1]
    code, out, _err = run(capsys, "explain", text, "--as", "reflect", "--scenario",
                          "sixty-days", "--beat", "day-sixty")
    assert code == 0 and out == printed
