"""Which completed sessions a gradebook, report or dashboard counts: by mode and date.

Why: a certification programme grades assessment attempts, not practice, and grades
a term, not every session ever. Mixing them made a practice run look like a grade.
Every trainer-facing figure takes one :class:`Selection`, so the export, the report
and the dashboard of one cohort, asked the same way, count the same sessions.

"assigned" keeps the assessment attempts at assignments (``assigned`` holds their
session ids): what a programme set, not what a trainee chose to try. The commands use
it by default once a cohort has assignments (:func:`simulator.records.assignments.
default_selection`), and say so in every heading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from simulator.records.api import SessionRecord

MODES = ("all", "assessment", "practice", "assigned")


@dataclass(frozen=True)
class Selection:
    """Sessions of ``mode`` ("all" for both) completed from ``since`` to ``until``
    (whole days, UTC, both included; None for no limit)."""

    mode: str = "all"
    since: date | None = None
    until: date | None = None
    #: with mode "assigned": the sessions recorded as attempts at assignments
    assigned: frozenset[str] = field(default=frozenset(), compare=False)
    #: why this selection was chosen, when it was not asked for ("by default")
    because: str = ""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode is one of {', '.join(MODES)}, not {self.mode!r}")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"the date range ends ({self.until}) before it starts"
                             f" ({self.since})")

    def keeps(self, record: SessionRecord) -> bool:
        """True when ``record`` is one of the sessions selected."""
        return self.keeps_at(record.mode, record.completed_at, record.session_id)

    def keeps_at(self, mode: str, moment: str, session_id: str = "") -> bool:
        """True for a session of ``mode`` at ``moment`` (ISO 8601 UTC)."""
        if self.mode == "assigned":
            if mode != "assessment" or session_id not in self.assigned:
                return False
        elif self.mode != "all" and mode != self.mode:
            return False
        day = moment[:10]
        if self.since is not None and day < self.since.isoformat():
            return False
        return self.until is None or day <= self.until.isoformat()

    def describe(self) -> str:
        """The selection in words, for headings ("assessment sessions, 2026-01-05 to ...")."""
        what = "all sessions" if self.mode == "all" else \
            "assigned assessments" if self.mode == "assigned" else f"{self.mode} sessions"
        what += f" ({self.because})" if self.because else ""
        if self.since and self.until:
            return f"{what} completed {self.since} to {self.until}"
        if self.since:
            return f"{what} completed from {self.since}"
        if self.until:
            return f"{what} completed up to {self.until}"
        return what


ALL = Selection()


def selected(records: Iterable[SessionRecord], selection: Selection) -> Iterator[SessionRecord]:
    """The records ``selection`` keeps, in their order."""
    return (r for r in records if selection.keeps(r))
