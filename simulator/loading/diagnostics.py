"""Diagnostics: one problem in one file, printed as ``file:line:col: CODE message``.

Codes are stable so trainers (and their editors) can look them up in
``docs/errors.md``; never renumber one, only add.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """Errors fail ``peersim validate``; warnings are reported but do not."""

    error = "error"
    warning = "warning"


#: Every code, with a one-line summary (kept in step with docs/errors.md by a test).
CODES: dict[str, str] = {
    "PS100": "YAML syntax error",
    "PS101": "file is not valid UTF-8 text",
    "PS102": "duplicate key in a mapping",
    "PS103": "unquoted value that YAML 1.1 reads as something other than text",
    "PS104": "anchors, aliases and merge keys are not allowed",
    "PS105": "file too large",
    "PS106": "nesting too deep",
    "PS107": "file has no content or is not a mapping at the top",
    "PS108": "unknown or missing kind",
    "PS109": "explicit YAML tags are not allowed",
    "PS110": "file cannot be read",
    "PS111": "too many values in one file, or keys in one mapping",
    "PS112": "too many problems: reading stopped",
    "PS200": "unknown key",
    "PS201": "wrong type",
    "PS202": "missing required key",
    "PS203": "value out of range or not one of the allowed values",
    "PS204": "id does not follow the id grammar",
    "PS205": "invalid value",
    "PS300": "next points at no beat or ending",
    "PS301": "beat can never be reached",
    "PS302": "beat has no way out and is not an ending",
    "PS303": "conditions can hide every choice at this beat",
    "PS304": "ending can never be reached",
    "PS305": "unknown theme",
    "PS306": "unknown variable",
    "PS307": "unknown criterion",
    "PS308": "unknown fragment",
    "PS309": "variable is never used",
    "PS310": "id used by more than one file",
    "PS311": "risk raised but no safety ending set",
    "PS312": "unknown rubric, deck or scenario",
    "PS313": "value does not suit the variable's type or bounds",
    "PS314": "concern weights do not add up to 1",
    "PS315": "duplicate id within the file",
    "PS316": "unknown gate",
    "PS317": "unknown line",
    "PS318": "criterion does not apply to this kind of turn",
    "PS319": "a safety beat notices a theme that is not a risk",
    "PS320": "holding back has no outcome of its own",
    "PS321": "an ending can be reached without asking directly and bringing in help",
    "PS322": "no plan shows that a path which never asks directly fails",
    "PS330": "unknown way of getting by, word or reading (acceptance vocabulary)",
    "PS331": "a disclosure that no piece of the deck is tagged as judging",
    "PS332": "the skilled line is the longest in most of the scenario's beats",
    "PS333": "an acceptance trap that no share can reach after its disclosure",
    "PS334": "beats that can repeat without end",
    "PS340": "a told/not_told condition naming a piece the deck does not have",
    "PS341": "reaction or ending words that echo a piece, offered whether or not it was told",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, with a 1-based line and column (0 when the whole file is meant)."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.error

    def format(self) -> str:
        """Render in the ``file:line:col: CODE message`` form editors understand."""
        tag = "" if self.severity is Severity.error else " (warning)"
        return f"{self.path}:{self.line}:{self.col}: {self.code}{tag} {self.message}"

    def as_dict(self) -> dict[str, object]:
        """Plain data for ``--json`` output."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
        }


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """True when any diagnostic is an error rather than a warning."""
    return any(d.severity is Severity.error for d in diagnostics)
