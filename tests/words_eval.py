"""Per-detector precision and recall on the labelled typed-words corpus (tests/data/words).

Run ``python -m tests.words_eval`` to print the table docs/scoring.md carries;
``tests/test_words_corpus.py`` recomputes it and checks the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from simulator.loading.library import load_library
from simulator.words import Setting, explain
from simulator.words_library import setting

DATA = Path(__file__).parent / "data" / "words"
CODES = {"q": "question", "h": "hands_back", "p": "asks_permission", "a": "advice",
         "s": "claims_sameness", "r": "reflects"}
DETECTORS = tuple(CODES.values())


@dataclass(frozen=True)
class Row:
    """One labelled response."""

    where: str
    scenario: str
    beat: str
    mode: str
    expected: frozenset[str]
    text: str


def rows(name: str) -> list[Row]:
    """The labelled rows of one corpus file."""
    out: list[Row] = []
    path = DATA / name
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        head, labels, text = (part.strip() for part in line.split("|", 2))
        scenario, beat, mode = head.split()
        codes = [] if labels == "-" else labels.split(",")
        out.append(Row(f"{name}:{number}", scenario, beat, mode,
                       frozenset(CODES[c] for c in codes), text))
    return out


@lru_cache(maxsize=1)
def _library():  # type: ignore[no-untyped-def]
    library, _ = load_library([])
    return library


@lru_cache(maxsize=256)
def _setting(scenario: str, beat: str) -> Setting:
    return setting(_library(), scenario, beat)


def found(row: Row) -> frozenset[str]:
    """What the detectors say about a row."""
    result = explain(row.text, row.mode, _setting(row.scenario, row.beat))  # type: ignore[arg-type]
    return frozenset(k for k, v in result.flags.items() if v)


@dataclass(frozen=True)
class Figures:
    """Precision and recall of one detector, with its counts."""

    detector: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def figures(name: str) -> tuple[list[Figures], list[tuple[Row, frozenset[str]]]]:
    """Figures per detector on one corpus file, and the rows it got wrong."""
    counts = {d: [0, 0, 0] for d in DETECTORS}
    wrong: list[tuple[Row, frozenset[str]]] = []
    for row in rows(name):
        got = found(row)
        if got != row.expected:
            wrong.append((row, got))
        for d in DETECTORS:
            if d in got and d in row.expected:
                counts[d][0] += 1
            elif d in got:
                counts[d][1] += 1
            elif d in row.expected:
                counts[d][2] += 1
    return [Figures(d, *counts[d]) for d in DETECTORS], wrong


def concern_figures(paraphrase: bool = True) -> Figures:
    """How well reflections name the beat's concerns (tests/data/words/concerns.txt)."""
    by_line = {int(r.where.split(":")[1]): r for r in rows("corpus.txt")}
    tp = fp = fn = 0
    for line in (DATA / "concerns.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        number, themes = (part.strip() for part in line.split("|"))
        expected = set() if themes == "-" else {t.strip() for t in themes.split(",")}
        row = by_line[int(number)]
        where = replace(_setting(row.scenario, row.beat), paraphrase=paraphrase)
        got = set(explain(row.text, "reflect", where).concerns)
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    return Figures("concerns", tp, fp, fn)


def table(name: str) -> str:
    """The Markdown table of one corpus file's figures."""
    lines = ["| detector | precision | recall | found right | wrongly found | missed |",
             "| --- | --- | --- | --- | --- | --- |"]
    for f in figures(name)[0]:
        lines.append(f"| {f.detector} | {f.precision:.2f} | {f.recall:.2f} | {f.tp} | {f.fp}"
                     f" | {f.fn} |")
    return "\n".join(lines)


def reading_figures() -> Figures:
    """How well typed reflections' readings are found (tests/data/words/readings.txt)."""
    tp = fp = fn = 0
    for line in (DATA / "readings.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, labels, text = (part.strip() for part in line.split("|", 2))
        scenario, beat = head.split()
        expected = set() if labels == "-" else {t.strip() for t in labels.split(",")}
        got = set(explain(text, "reflect", _setting(scenario, beat)).readings)
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    return Figures("readings", tp, fp, fn)


def ask_figures() -> Figures:
    """How well typed reflections name what the person asks for (tests/data/words/asks.txt)."""
    tp = fp = fn = 0
    for line in (DATA / "asks.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, label, text = (part.strip() for part in line.split("|", 2))
        scenario, beat = head.split()
        got = explain(text, "reflect", _setting(scenario, beat)).asks_for is not None
        expected = label == "yes"
        tp += got and expected
        fp += got and not expected
        fn += expected and not got
    return Figures("asks_for", tp, fp, fn)


def concern_table() -> str:
    """The Markdown table of the concern figures, with the paraphrase model on and off."""
    lines = ["| paraphrase | precision | recall | named right | wrongly named | missed |",
             "| --- | --- | --- | --- | --- | --- |"]
    for on in (False, True):
        f = concern_figures(on)
        lines.append(f"| {'on' if on else 'off'} | {f.precision:.2f} | {f.recall:.2f} |"
                     f" {f.tp} | {f.fp} | {f.fn} |")
    return "\n".join(lines)


def tables() -> dict[str, str]:
    """Every table docs/scoring.md carries, by its marker name."""
    small = ["| what | precision | recall | found right | wrongly found | missed |",
             "| --- | --- | --- | --- | --- | --- |"]
    for f in (reading_figures(), ask_figures()):
        small.append(f"| {f.detector} | {f.precision:.2f} | {f.recall:.2f} | {f.tp} | {f.fp}"
                     f" | {f.fn} |")
    return {"corpus.txt": table("corpus.txt"), "corpus-held.txt": table("corpus-held.txt"),
            "corpus-held2.txt": table("corpus-held2.txt"),
            "concerns": concern_table(), "readings": "\n".join(small)}


def write_docs(doc: Path) -> None:
    """Put the current tables into ``doc`` between their markers."""
    text = doc.read_text(encoding="utf-8")
    for name, body in tables().items():
        head, rest = text.split(f"<!-- words:{name} -->", 1)
        _old, tail = rest.split("<!-- /words -->", 1)
        text = f"{head}<!-- words:{name} -->\n{body}\n<!-- /words -->{tail}"
    doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    import sys
    if "--write" in sys.argv:
        write_docs(Path(__file__).parent.parent / "docs" / "scoring.md")
    for name in ("corpus.txt", "corpus-held.txt", "corpus-held2.txt"):
        print(f"{name}: {len(rows(name))} responses")
        print(table(name))
        if name == "corpus.txt":
            for on in (False, True):
                f = concern_figures(on)
                print(f"concerns named (paraphrase {'on' if on else 'off'}):"
                      f" precision {f.precision:.2f} recall {f.recall:.2f} ({f.tp}/{f.fp}/{f.fn})")
        if "-v" in sys.argv:
            for row, got in figures(name)[1]:
                print(f"  {row.where}: expected {sorted(row.expected)} got {sorted(got)}"
                      f"  {row.text}")
