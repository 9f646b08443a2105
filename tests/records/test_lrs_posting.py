"""Posting to an LRS says exactly what it stored: conflicts sorted out per statement,
refusals reported by id, no redirect followed with the credentials, and the exit code
is 0 only when the LRS holds every statement."""

from __future__ import annotations

import json
import urllib.error
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.exports import lrs
from tests.records.fake_lrs import LrsState, fake_lrs

pytestmark = pytest.mark.sqlite_only  # the LRS side does not depend on the store


def _args(url: str, out: Path) -> list[str]:
    return ["export", "--cohort", "spring", "--format", "xapi", "-o", str(out), "--lrs", url,
            "--lrs-user", "trainer", "--lrs-password", "secret"]


def _statements(out: Path) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(out.read_text())
    return found


def test_posting_again_to_a_strict_lrs_is_all_already_there(
        cohort: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = LrsState()
    out = tmp_path / "x.json"
    with fake_lrs(state) as url:
        assert main(_args(url, out)) == 0
        total = len(_statements(out))
        assert f"the LRS holds {total} of {total} statement(s) ({total} stored now" \
            in capsys.readouterr().out
        assert main(_args(url, out)) == 0  # every batch gets 409: each is checked
    assert f"({0} stored now, {total} already there)" in capsys.readouterr().out
    assert len(state.stored) == total


def test_a_conflict_sinks_no_other_statement_of_its_batch(
        cohort: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out)]) == 0
    ours = _statements(out)
    same, different = ours[0], ours[1]
    state = LrsState(stored={same["id"]: same,
                             different["id"]: {**different, "verb": {"id": "http://x/other"}}})
    with fake_lrs(state) as url:
        assert main(_args(url, out)) == 1  # not every statement is in the LRS as ours
    err = capsys.readouterr().err
    total = len(ours)
    assert f"the LRS holds {total - 1} of {total} statement(s) ({total - 2} stored now," \
           f" 1 already there); 1 refused ({different['id']}: the LRS holds a different" \
           " statement with this id)" in err
    assert "posted" not in err.split("could not post")[0]
    assert {s["id"] for s in ours} <= set(state.stored)  # all the others were stored
    assert state.stored[different["id"]]["verb"]["id"] == "http://x/other"  # untouched


def test_a_refused_statement_is_named_and_the_rest_are_stored(
        cohort: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out)]) == 0
    ours = _statements(out)
    bad = ours[3]["id"]
    state = LrsState(refuse={bad})
    with fake_lrs(state) as url:
        assert main(_args(url, out)) == 1
    err = capsys.readouterr().err
    assert f"holds {len(ours) - 1} of {len(ours)}" in err
    assert f"1 refused ({bad}: HTTP 400 statement does not validate:\\x1b[31m red)" in err
    assert "\x1b" not in err  # the LRS's words cannot command the terminal
    assert set(state.stored) == {s["id"] for s in ours} - {bad}


def test_a_redirect_is_not_followed_and_the_credentials_go_nowhere_else(
        cohort: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = LrsState()
    out = tmp_path / "x.json"
    with fake_lrs(elsewhere) as other, fake_lrs(LrsState(redirect_to=other + "/statements")
                                                ) as url:
        assert main(_args(url, out)) == 1
    err = capsys.readouterr().err
    total = len(_statements(out))
    assert "answered with a redirect (302)" in err and "does not follow redirects" in err
    assert f"the LRS holds 0 of {total} statement(s)" in err and f"{total} not sent" in err
    assert elsewhere.requests == [] and elsewhere.seen_auth == []


def test_refused_credentials_stop_at_once(cohort: list[str], tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: lrs._Client, method: str, url: str,
               body: bytes | None = None) -> tuple[int, bytes]:
        calls.append(method)
        return 401, b""

    calls: list[str] = []
    monkeypatch.setattr(lrs._Client, "send", refuse)
    out = tmp_path / "x.json"
    assert main(_args("http://127.0.0.1:9/xAPI", out)) == 1
    err = capsys.readouterr().err
    assert "refused these credentials (HTTP 401)" in err and "holds 0 of" in err
    assert calls == ["POST"]  # not once per statement


def test_the_summary_counts_add_up() -> None:
    posted = lrs.Posted(10, stored=6, already=1, refused=[("a", "no")], stopped="down")
    assert (posted.held, posted.unsent, posted.complete) == (7, 2, False)
    assert posted.summary() == ("the LRS holds 7 of 10 statement(s) (6 stored now, 1 already"
                                " there); 1 refused (a: no); 2 not sent; stopped: down")


def test_a_failing_lrs_stops_the_posting_instead_of_trying_each_statement(
        cohort: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def failing(request: Any, timeout: float) -> Any:
        calls.append(request.get_method())
        raise urllib.error.HTTPError(request.full_url, 500, "down", Message(), None)

    monkeypatch.setattr(lrs._OPENER, "open", failing)
    monkeypatch.setattr(lrs.time, "sleep", lambda _s: None)
    out = tmp_path / "x.json"
    assert main(_args("http://127.0.0.1:9/xAPI", out)) == 1
    err = capsys.readouterr().err
    total = len(_statements(out))
    assert "failed (HTTP 500) on 4 attempts" in err and f"{total} not sent" in err
    assert calls == ["POST"] * 4  # the first batch, retried; nothing after
