"""Cohorts, transfer between machines, every export format, the LRS post, the report."""

from __future__ import annotations

import csv
import io
import json
import stat
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.engine.engine import Engine
from simulator.exports import lrs as posting
from simulator.exports import xapi
from simulator.loading.library import Library
from simulator.model.plan import ShareStep, Step
from simulator.records import open_store
from simulator.records.identity import remember_trainee
from tests.records import pgserver
from tests.records.conftest import play


def test_cohort_show_and_list(cohort: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cohort", "show", "spring"]) == 0
    out = capsys.readouterr().out
    assert all(t in out for t in cohort) and "1 completed, 1 passed" in out
    assert main(["cohort", "list"]) == 0
    assert "spring" in capsys.readouterr().out
    assert main(["cohort", "create", "spring"]) == 1  # no silent overwrite


def test_csv_long(cohort: list[str], tmp_path: Path) -> None:
    out = tmp_path / "long.csv"
    assert main(["export", "--cohort", "spring", "--format", "csv", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert list(rows[0]) == ["trainee_id", "cohort_id", "session_id", "scenario_id",
                             "scenario_title", "scenario_version", "mode", "started_at",
                             "completed_at", "criterion", "criterion_name", "raw", "min",
                             "max", "scaled", "passed", "verdict", "attempts", "signoff",
                             "signoff_by", "signoff_overrides"]
    overall = {r["session_id"]: r for r in rows if r["criterion"] == "overall"}
    assert overall["s-skilled"]["passed"] == "pass" and overall["s-gate"]["passed"] == "fail"
    assert overall["s-skilled"]["scenario_title"] == "Loud again"
    assert float(overall["s-skilled"]["scaled"]) == pytest.approx(
        float(overall["s-skilled"]["raw"]) / 3, abs=1e-4)
    assert rows[0]["started_at"].endswith("Z") and "T" in rows[0]["completed_at"]


def test_csv_wide_with_roster_neutralises_formulas(cohort: list[str], tmp_path: Path) -> None:
    out = tmp_path / "wide.csv"
    assert main(["export", "--cohort", "spring", "--format", "csv-wide", "--roster",
                 "-o", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:3] == ["trainee_id", "name", "email"] and len(rows) == 3
    named = next(r for r in rows if r[0] == "t-named")
    assert named[1] == "'=cmd|' /C calc'!A0" and named[2] == "ann@example.org"
    plain = tmp_path / "plain.csv"
    main(["export", "--cohort", "spring", "--format", "csv-wide", "-o", str(plain)])
    assert "ann@example.org" not in plain.read_text(encoding="utf-8")  # roster only on request


def test_xlsx_has_both_layouts(cohort: list[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "scores.xlsx"
    assert main(["export", "--cohort", "spring", "--format", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out, read_only=True)
    names = book.sheetnames
    long_rows = list(book["scores (long)"].iter_rows(values_only=True))
    book.close()  # a read-only workbook holds its file open until closed
    assert names == ["scores (long)", "gradebook (wide)", "sign-offs"]
    assert long_rows[0][0] == "trainee_id" and len(long_rows) > 5


def test_jsonl_keeps_story_text_out_unless_asked(cohort: list[str], tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "wanting-to-disappear" in text  # the choice, by id
    assert "telling one person the truth" not in text  # never the words
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "--include-story-text",
                 "-o", str(out)]) == 0
    assert "telling one person the truth" in out.read_text(encoding="utf-8")
    records = [json.loads(line) for line in text.splitlines()]
    assert {r["session_id"] for r in records} == {"s-skilled", "s-gate"}


def test_xapi_statements(cohort: list[str], tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out)]) == 0
    statements = json.loads(out.read_text(encoding="utf-8"))
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]
    assert verbs.count("answered") == 5 + 2 and verbs.count("completed") == 2
    assert verbs.count("passed") == 1 and verbs.count("failed") == 1
    for statement in statements:
        assert "mbox" not in json.dumps(statement["actor"])
        assert statement["actor"]["account"]["name"] in cohort
        assert statement["context"]["contextActivities"]["grouping"][0]["id"].endswith("spring")
    shares = [s for s in statements if s["result"].get("response") == "share"]
    assert shares and "wanting-to-disappear" not in json.dumps(shares)
    again = tmp_path / "y.json"
    main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(again)])
    assert [s["id"] for s in json.loads(again.read_text())] == [s["id"] for s in statements]


class _LRS(BaseHTTPRequestHandler):
    stored: dict[str, Any] = {}
    failures = 1
    headers_seen: list[str] = []

    def do_POST(self) -> None:
        type(self).headers_seen.append(self.headers.get("X-Experience-API-Version", ""))
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if type(self).failures:
            type(self).failures -= 1
            self.send_response(503)
            self.end_headers()
            return
        for statement in body:
            type(self).stored[statement["id"]] = statement
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def lrs() -> Iterator[str]:
    _LRS.stored, _LRS.failures, _LRS.headers_seen = {}, 1, []
    server = HTTPServer(("127.0.0.1", 0), _LRS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/xAPI"
    server.shutdown()
    server.server_close()


def test_posting_to_an_lrs_retries_without_duplicates(cohort: list[str], lrs: str,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    args = ["export", "--cohort", "spring", "--format", "xapi", "-o", str(out), "--lrs", lrs,
            "--lrs-user", "trainer", "--lrs-password", "secret"]
    assert main(args) == 0  # the first attempt gets a 503 and is retried
    assert main(args) == 0  # posting again stores nothing new
    assert len(_LRS.stored) == len(json.loads(out.read_text()))
    assert set(_LRS.headers_seen) == {"1.0.3"}


def test_export_mine_and_import_are_idempotent_and_refuse_tampering(
    shipped: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, backend: str, request: pytest.FixtureRequest,
) -> None:
    # a trainee's machine
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(tmp_path / "trainee"))
    store = open_store()
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))
    play(store, engine, "t-remote", "s-remote", [Step(line="doubt")])
    remember_trainee(store, "t-remote")  # this machine's trainee
    store.close()
    mine = tmp_path / "mine.json"
    assert main(["records", "export-mine", "--trainee", "t-remote", "-o", str(mine)]) == 0
    tampered = tmp_path / "tampered.json"
    data = json.loads(mine.read_text())
    data["payload"]["sessions"][0]["overall"] = 3.0
    tampered.write_text(json.dumps(data))
    # the trainer's machine (or the programme's own PostgreSQL database)
    monkeypatch.setenv("PEERSIM_DATA_DIR", str(tmp_path / "trainer"))
    if backend == "postgresql":
        admin = request.getfixturevalue("pg_admin")
        monkeypatch.setenv("PEERSIM_DATABASE_URL", pgserver.fresh_database(admin))
    assert main(["cohort", "create", "remote"]) == 0
    assert main(["cohort", "import", str(mine), str(tampered), "--into", "remote"]) == 1
    assert "checksum" in capsys.readouterr().err
    store = open_store()
    assert store.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0  # nothing half
    store.close()
    assert main(["cohort", "import", str(mine), "--into", "remote"]) == 0
    assert main(["cohort", "import", str(mine), "--into", "remote"]) == 0
    assert "imported 0 new session(s)" in capsys.readouterr().out
    store = open_store()
    assert store.execute("SELECT COUNT(*) FROM turns").fetchone()[0] == 1
    assert store.execute("SELECT trainee_id FROM cohort_members").fetchone()[0] == "t-remote"
    store.close()
    (tmp_path / "junk.json").write_text("{not json")
    assert main(["cohort", "import", str(tmp_path / "junk.json")]) == 1


def test_report_is_self_contained(cohort: list[str], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--cohort", "spring", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert html.count("<svg") == 3 and "Spring &lt;b&gt;cohort&lt;/b&gt;" in html
    assert "Safety first" in html and "1 of 1 passed" in html
    assert "ann@example.org" not in html
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_statement_ids_are_stable(cohort: list[str]) -> None:
    store = open_store()
    first = [s["id"] for s in xapi.statements(store, "spring")]
    assert first == [s["id"] for s in xapi.statements(store, "spring")]
    store.close()


def test_no_format_carries_story_text(cohort: list[str], tmp_path: Path) -> None:
    import zipfile

    words = "telling one person the truth"  # from the fragment the gate session shared
    for fmt, name in [("csv", "a.csv"), ("csv-wide", "w.csv"), ("xlsx", "a.xlsx"),
                      ("jsonl", "a.jsonl"), ("xapi", "a.json")]:
        out = tmp_path / name
        assert main(["export", "--cohort", "spring", "--format", fmt, "-o", str(out)]) == 0
        if fmt == "xlsx":
            with zipfile.ZipFile(out) as book:
                text = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
        else:
            text = out.read_text(encoding="utf-8")
        assert words not in text, fmt
    report = tmp_path / "r.html"
    assert main(["report", "--cohort", "spring", "-o", str(report)]) == 0
    assert words not in report.read_text(encoding="utf-8")


@pytest.mark.sqlite_only
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    from simulator.exports.sanitise import cell as neutralise

    assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("plain") == "plain" and neutralise(-1) == -1


@pytest.mark.sqlite_only
@pytest.mark.parametrize("blank", ["\n", " ", "\t", "\u200b", "\ufeff", "\u2060", "\u202e",
                                   "\u00a0", "\u3000", " \n\u200b "])
@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_formula_behind_blank_or_invisible_characters_is_neutralised(blank: str,
                                                                        start: str) -> None:
    from simulator.exports.sanitise import cell as neutralise

    cell = neutralise(blank + start + "HYPERLINK(\"http://x\")")
    assert isinstance(cell, str) and cell.startswith("'")


@pytest.mark.sqlite_only
def test_no_raw_control_byte_reaches_a_cell() -> None:
    from simulator.exports.sanitise import cell as neutralise

    assert neutralise("\x1b]0;pwned\x07Ann") == "\\x1b]0;pwned\\x07Ann"
    assert neutralise("\r=1+1") == "'\\x0d=1+1"
    assert neutralise("a\x85b\x9bc") == "a\\x85b\\x9bc"  # C1 controls too
    assert neutralise("two\nlines\tand a tab") == "two\nlines\tand a tab"


def test_csv_carries_no_control_bytes_and_no_hidden_formula(cohort: list[str],
                                                            tmp_path: Path) -> None:
    assert main(["cohort", "add", "spring", "--trainee", "t-hidden", "--name",
                 "\u200b=HYPERLINK(\"http://x\")", "--email", "\x1b]0;pwned\x07a@b.org"]) == 0
    out = tmp_path / "wide.csv"
    assert main(["export", "--cohort", "spring", "--format", "csv-wide", "--roster",
                 "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw
    row = next(r for r in csv.reader(io.StringIO(raw.decode())) if r[0] == "t-hidden")
    assert row[1].startswith("'") and row[2] == "\\x1b]0;pwned\\x07a@b.org"


@pytest.mark.sqlite_only
def test_an_unreachable_lrs_is_a_clear_error(cohort: list[str], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.setattr(posting.time, "sleep", lambda _s: None)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes
    out = tmp_path / "x.json"
    assert main(["export", "--cohort", "spring", "--format", "xapi", "-o", str(out),
                 "--lrs", f"http://127.0.0.1:{port}/xAPI"]) == 1
    err = capsys.readouterr().err
    assert "could not post to the LRS" in err and "posting again is safe" in err
    assert out.exists()  # the file was still written


def test_xlsx_neutralises_formulas_from_the_roster(cohort: list[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "book.xlsx"
    assert main(["export", "--cohort", "spring", "--format", "xlsx", "--roster",
                 "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    book = openpyxl.load_workbook(out, read_only=True)
    cells = [c for row in book["gradebook (wide)"].iter_rows(values_only=True) for c in row]
    book.close()
    assert "'=cmd|' /C calc'!A0" in cells and "=cmd|' /C calc'!A0" not in cells


@pytest.mark.sqlite_only
def test_story_text_comes_from_the_sessions_own_deck_only(
        shipped: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from simulator.owndecks import load_own_decks, own_deck_dir

    robin = (Path(__file__).parent.parent.parent / "decks" / "robin.yaml").read_text()
    mine = robin.replace("id: robin", "id: my-own", 1).replace(
        "held down by four people", "MY OWN WORDS ABOUT THAT NIGHT").replace(
        "practice: true", "practice: false")
    (own_deck_dir() / "my-own.yaml").write_text(mine, encoding="utf-8")
    deck = load_own_decks()[0]["my-own"]
    assert main(["cohort", "create", "spring"]) == 0
    assert main(["cohort", "add", "spring", "--trainee", "t-own"]) == 0
    store = open_store()
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), deck)
    play(store, engine, "t-own", "s-own", [Step(line="exhausting"), Step(
        share=ShareStep(fragments=["the-restraint"], permission=True))])
    store.close()
    out = tmp_path / "s.jsonl"
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "--include-story-text",
                 "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    # the session's own deck, not the shipped deck that has a piece of the same id
    assert "MY OWN WORDS ABOUT THAT NIGHT" in text and "held down by four" not in text
    capsys.readouterr()


def test_export_mine_exports_only_ones_own_records_unless_a_trainer_key_is_given(
        shipped: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PEERSIM_TRAINER_KEY", raising=False)
    store = open_store()
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"), shipped.deck("robin"))
    play(store, engine, "t-someone-else", "s-theirs", [Step(line="doubt")])
    store.close()
    out = tmp_path / "theirs.json"
    theirs = ["records", "export-mine", "--trainee", "t-someone-else", "-o", str(out)]
    assert main(theirs) == 2
    assert "another trainee's need the trainer key" in capsys.readouterr().err
    assert not out.exists()
    assert main(["records", "export-mine", "-o", str(out)]) == 0  # one's own: always
    assert "wrote 0 session(s)" in capsys.readouterr().out
    assert main(["records", "trainer-key"]) == 0
    key = capsys.readouterr().out.split(": ", 1)[1].splitlines()[0]
    monkeypatch.setenv("PEERSIM_TRAINER_KEY", "not-the-key")
    assert main(theirs) == 2
    assert main(["records", "trainer-key"]) == 1  # nor may a wrong key make a new one
    assert "already has a trainer key" in capsys.readouterr().err
    monkeypatch.setenv("PEERSIM_TRAINER_KEY", key)
    assert main(theirs) == 0
    assert json.loads(out.read_text())["payload"]["trainee_id"] == "t-someone-else"
    store = open_store()
    assert key not in json.dumps([list(r) for r in store.execute("SELECT * FROM settings")])
    store.close()


def test_csv_long_says_when_the_evidence_is_thin(cohort: list[str],
                                                 tmp_path: Path) -> None:
    out = tmp_path / "long.csv"
    assert main(["export", "--cohort", "spring", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    few = [r for r in rows if r["verdict"].startswith("meets the mark, on")]
    assert few and all(r["passed"] == "" for r in few)
    assert any(r["verdict"] == "meets the mark, on one choice only" for r in few)
    no_mark = [r for r in rows if r["criterion"] == "hope"]
    assert no_mark and all(r["passed"] == "" for r in no_mark)  # never shown as passed


def test_jsonl_reasons_name_themes_as_the_trainee_saw_them(
        cohort: list[str], tmp_path: Path, shipped: Library) -> None:
    out = tmp_path / "s.jsonl"
    assert main(["export", "--cohort", "spring", "--format", "jsonl", "-o", str(out)]) == 0
    reasons = " ".join(s["reason"] for line in out.read_text(encoding="utf-8").splitlines()
                       for choice in json.loads(line)["choices"] for s in choice["scores"])
    relabelled = [t for t in shipped.themes()
                  if shipped.theme_label(t) != t.replace("-", " ")
                  and shipped.theme_label(t) in reasons]
    assert relabelled  # at least one reason names a theme whose label is not its id
    for theme in relabelled:
        plain = theme.replace("-", " ")
        bare = reasons.replace(shipped.theme_label(theme), "")  # "hearing voices" holds "voices"
        assert f" {plain}," not in bare and f" {plain}." not in bare, theme
