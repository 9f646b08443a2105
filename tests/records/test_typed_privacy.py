"""What a trainee types stays in their own records: a canary typed into every typed field
(a reflection, a share, a line, a reflection waiting for its response) is kept in the
store and reaches no export, report, records file for a trainer, review or statement."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine import record
from simulator.engine.engine import Engine
from simulator.loading.library import Library
from simulator.model.common import AsksFor
from simulator.model.plan import ReflectStep, ShareStep, Step, Typed
from simulator.practice import PracticeService
from simulator.records import open_store

CANARY = "CANARY-zq7 my brother's overdose"

pytestmark = pytest.mark.sqlite_only


def typed(what: str, **more: object) -> Typed:
    return Typed.model_validate({"text": f"{CANARY} ({what})", "found": ["question:open"],
                                 **more})


@pytest.fixture
def typed_cohort(shipped: Library, capsys: pytest.CaptureFixture[str]) -> str:
    """A cohort whose one trainee typed every turn of a whole session, and left another
    with a typed reflection waiting for its response."""
    assert main(["cohort", "create", "typed"]) == 0
    assert main(["cohort", "add", "typed", "--trainee", "t-typist"]) == 0
    capsys.readouterr()
    store = open_store()
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    service = PracticeService(store)
    practice = service.start(engine, trainee_id="t-typist", mode="assessment",
                             session_id="s-typed")
    service.choose(practice, Step(reflect=ReflectStep(
        concerns=["not-believed", "voices"], asks_for=AsksFor.validation,
        typed=typed("reflect"))))
    service.choose(practice, Step(share=ShareStep(
        fragments=["writing-them-down"], permission=True, hand_back=True,
        typed=typed("share"))))
    while not practice.over:
        beat = engine.beat(practice.session)
        assert beat is not None
        lines = engine.options(practice.session).lines
        first = next(ln for ln in beat.lines if ln in lines)
        service.choose(practice, Step(line=first.id, typed=typed(
            "line", taken_as=lines[-1].id, corrected=lines[-1].id != first.id)))
    service.finish(practice)
    waiting = service.start(engine, trainee_id="t-typist", mode="practice",
                            session_id="s-waiting")
    service.reflect(waiting, ReflectStep(concerns=["voices"], asks_for=AsksFor.validation,
                                         typed=typed("waiting")))
    store.close()
    return "typed"


def test_typed_words_stay_in_the_trainees_own_records(typed_cohort: str) -> None:
    store = open_store()
    turns = store.turns("s-typed")
    assert turns and all(t.step.typed_parts() for t in turns)
    texts = [part.text for t in turns for part in t.step.typed_parts()]
    assert texts[0].startswith(CANARY) and texts[0].endswith("(reflect)")
    kept = store.turns("s-typed")[1].step.share
    assert kept is not None and kept.typed is not None and CANARY in kept.typed.text
    store.close()


def test_no_export_report_or_statement_carries_typed_words(
        typed_cohort: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, name in [("csv", "a.csv"), ("csv-wide", "w.csv"), ("xlsx", "a.xlsx"),
                      ("jsonl", "a.jsonl"), ("xapi", "a.json")]:
        out = tmp_path / name
        args = ["export", "--cohort", typed_cohort, "--format", fmt, "-o", str(out)]
        if fmt == "jsonl":
            args.append("--include-story-text")  # story text is not typed text
        assert main(args) == 0
        if fmt == "xlsx":
            with zipfile.ZipFile(out) as book:
                text = "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist())
        else:
            text = out.read_text(encoding="utf-8")
        assert "CANARY" not in text, fmt
        if fmt == "jsonl":  # what the detectors found is kept, the words are not
            choices = json.loads(text.splitlines()[0])["choices"]
            assert choices[0]["step"]["reflect"]["typed"] == {
                "found": ["question:open"], "corrected": False}
    report = tmp_path / "r.html"
    assert main(["report", "--cohort", typed_cohort, "-o", str(report)]) == 0
    assert "CANARY" not in report.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["review", "show", "s-typed"]) == 0
    assert "CANARY" not in capsys.readouterr().out


def test_a_records_file_for_a_trainer_leaves_typed_words_out(
        typed_cohort: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["records", "trainer-key"]) == 0
    key = capsys.readouterr().out.split(": ", 1)[1].splitlines()[0]
    monkeypatch.setenv("PEERSIM_TRAINER_KEY", key)
    mine = tmp_path / "mine.json"
    assert main(["records", "export-mine", "--trainee", "t-typist", "-o", str(mine)]) == 0
    text = mine.read_text(encoding="utf-8")
    assert "CANARY" not in text
    assert "question:open" in text  # the turns are there, without the words


def test_a_record_keeps_the_words_only_when_asked(shipped: Library) -> None:
    engine = Engine(shipped.scenario("loud-again"), shipped.rubric("core"),
                    shipped.deck("robin"))
    session = engine.start("s-1")
    turn = engine.choose(session, Step(reflect=ReflectStep(
        concerns=["voices"], asks_for=AsksFor.validation, typed=typed("reflect"))))
    assert CANARY in record.dumps(turn)
    assert CANARY in record.dumps(session)
    assert CANARY not in record.dumps(turn, typed_text=False)
    assert CANARY not in json.dumps(turn.step.model_dump(mode="json"))
    back = record.read_turn(record.dumps(turn))
    assert back.step.reflect is not None and back.step.reflect.typed == turn.step.reflect.typed
    stripped = record.read_turn(record.dumps(turn, typed_text=False))
    assert stripped.step.reflect is not None and stripped.step.reflect.typed is not None
    assert stripped.step.reflect.typed.text == ""
