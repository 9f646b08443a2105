"""What the detectors found in a typed response, each finding with its words quoted.

Why evidence is a span of the trainee's own text: a detection the trainee cannot
see the reason for cannot be argued with ("that's not what I meant"), and quoting
is the explanation. The result is plain data: the UI shows it, the CLI prints it as
JSON, and a record may keep it (the text itself stays private, see docs/records.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from simulator.wording import Message

Mode = Literal["reflect", "share", "line"]
MODES: tuple[Mode, ...] = ("reflect", "share", "line")

#: Every kind of detection, in the order they are reported.
KINDS = (
    "question", "hands_back", "asks_permission", "advice", "claims_sameness", "reflects",
    "concern", "asks_for", "reading", "rejected_word", "judging_word", "owned", "length",
    "focus",
)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words of the typed text that a detection rests on: their span and the quote."""

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Evidence:
        """The quote of ``text[start:end]``."""
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Detection:
    """One thing found: its kind, a detail (which theme, which reading, open or closed),
    a note saying why (a :class:`~simulator.wording.Message`, so it can be stored and
    worded again; ``note`` is it in words) and the words it rests on."""

    kind: str
    message: Message
    note: str
    evidence: tuple[Evidence, ...] = ()
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        out: dict[str, Any] = {"kind": self.kind, "note": self.note,
                               "message": self.message.id,
                               "evidence": [e.quote for e in self.evidence]}
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True)
class Explained:
    """Every detection in one typed response, with the booleans the measures read."""

    text: str
    mode: Mode
    detections: tuple[Detection, ...]
    word_count: int
    brief_limit: int
    self_share: float  # how much of the talk about people is about the trainee, 0..1
    beat: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def of(self, kind: str) -> list[Detection]:
        """The detections of one kind."""
        return [d for d in self.detections if d.kind == kind]

    def has(self, kind: str) -> bool:
        """Whether anything of ``kind`` was found."""
        return any(d.kind == kind for d in self.detections)

    @property
    def flags(self) -> dict[str, bool]:
        """The booleans every caller reads."""
        return {kind: self.has(kind) for kind in
                ("question", "hands_back", "asks_permission", "advice", "claims_sameness",
                 "reflects")}

    @property
    def concerns(self) -> list[str]:
        """The beat's concerns (theme ids) the response names."""
        return [d.detail for d in self.of("concern")]

    @property
    def asks_for(self) -> str | None:
        """What the person asks for, when the response names it."""
        found = self.of("asks_for")
        return found[0].detail if found else None

    @property
    def readings(self) -> list[str]:
        """The readings (acceptance vocabulary ids) the response gives."""
        return [d.detail for d in self.of("reading")]

    @property
    def brief(self) -> bool:
        """Whether it is within the brief limit for its mode."""
        return self.word_count <= self.brief_limit

    def as_json(self) -> dict[str, Any]:
        """The report ``peersim explain --json`` prints (the text itself is not repeated)."""
        out: dict[str, Any] = {"mode": self.mode}
        if self.beat is not None:
            out["beat"] = self.beat
        out.update(self.flags)
        open_q = [d.detail for d in self.of("question")]
        out["question_kind"] = ("open" if "open" in open_q else "closed") if open_q else None
        if self.beat is not None:
            out["concerns"] = self.concerns
            out["asks_for"] = self.asks_for
            out["reading"] = self.readings
            out["words"] = {"rejected": [d.detail for d in self.of("rejected_word")],
                            "judging": [d.detail for d in self.of("judging_word")]}
        out["length"] = {"words": self.word_count, "brief_limit": self.brief_limit,
                         "brief": self.brief}
        out["about_you"] = round(self.self_share, 2)
        out["detections"] = [d.as_json() for d in self.detections]
        out.update(self.extras)
        return out
