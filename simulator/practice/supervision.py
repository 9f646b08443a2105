"""A recorded session as a supervisor reads it: each turn with its scores and reasons,
and the comment threads on it. Shared by ``peersim review`` and the review screens.

Why it reads the record and never replays it: a supervisor comments on what the
trainee actually did and how it was scored at the time, even if the scenario has been
edited since. The library only supplies words (what the person said, criterion names)
and falls back to ids when a scenario or rubric is no longer installed.

Privacy: a piece from a practice deck (fictional, shipped) is named by its title; a
piece from the trainee's own deck is never named, counted only; reasons are rendered
without naming pieces (:func:`simulator.wording.redact`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from simulator.engine.session import Turn
from simulator.model.plan import ReflectStep, Step
from simulator.records.review import Entry, Reviews, threads
from simulator.wording import ASK_WORDS, plain_label, redact

if TYPE_CHECKING:
    from collections.abc import Callable

    from simulator.loading.library import Library
    from simulator.model import Deck
    from simulator.records.sql_store import SqlStore
    from simulator.scoring.types import TurnScore


Score = tuple[str, str, int, str]  # (criterion id, name, level, reason)


@dataclass
class PartView:
    """One part of a turn as it was scored: the reflection, or the response after it.
    A turn of one part has one, with no label."""

    label: str  # "Reflection", "Response", or "" for a turn of one part
    did: str
    band: str
    scores: list[Score]

    def judged(self, whole: str) -> str:
        """The band line: this part's own, or ``whole`` (the turn's) for a turn of one
        part; empty for a part an older record did not score apart."""
        if not self.label:
            return whole
        return f"the {self.label.lower()} judged {self.band}" if self.band else ""

    def lines(self) -> list[str]:
        """Each score with its reason ("Listening accuracy 3/3: ..."), except that one
        sentence the author wrote for the whole moment is said once, after every score
        it stands for, not repeated under each."""
        reasons = {reason for _cid, _name, _level, reason in self.scores}
        if len(self.scores) > 1 and len(reasons) == 1:
            named = ", ".join(f"{name} {level}/3" for _cid, name, level, _r in self.scores)
            return [f"{named}: {reasons.pop()}"]
        return [f"{name} {level}/3: {reason}" for _cid, name, level, reason in self.scores]

    def heading(self) -> str:
        """What was done, led by the part's name when the turn had two."""
        if not self.label:
            return self.did
        for verb in ("Reflected: ", "Said: "):  # "Reflection: heard ...", "Response, said: "
            if self.did.startswith(verb):
                joint = ": " if verb == "Reflected: " else f", {verb.lower()}"
                return f"{self.label}{joint}{self.did.removeprefix(verb)}"
        return f"{self.label}: {self.did[0].lower()}{self.did[1:]}"


@dataclass
class TurnView:
    """One turn: what the person said, what the trainee did (every part), the scores of
    each part and why."""

    index: int
    beat: str
    says: str
    parts: list[PartView]
    band: str
    safety: bool
    threads: list[Entry] = field(default_factory=list)

    @property
    def did(self) -> str:
        """Everything the trainee did in this turn, in order."""
        return " ".join(part.heading() for part in self.parts)

    def choices(self) -> list[tuple[str, str, PartView]]:
        """Each score to dispute: (criterion id, its name labelled with the part and the
        level, the part), so "focus 2/3" in the reflection is told from the response's."""
        return [(cid, f"{part.label + ': ' if part.label else ''}{name} ({level}/3)", part)
                for part in self.parts for cid, name, level, _reason in part.scores]


@dataclass
class SessionView:
    """A session for review, with the threads on the whole session."""

    session_id: str
    trainee_id: str
    scenario_id: str
    title: str
    person: str
    mode: str
    overall: float | None
    passed: bool | None
    turns: list[TurnView]
    threads: list[Entry]  # on the whole session (overall notes, general prompts)

    def entries(self) -> list[Entry]:
        """Every entry, threads flattened, in the order written."""
        out: list[Entry] = []

        def walk(items: list[Entry]) -> None:
            for entry in items:
                out.append(entry)
                walk(entry.replies)

        walk(self.threads)
        for turn in self.turns:
            walk(turn.threads)
        return sorted(out, key=lambda e: e.seq)


def _reflected(step: ReflectStep, label: Callable[[str], str]) -> str:
    heard = ", ".join(label(t) for t in step.concerns) or "nothing"
    asked = ASK_WORDS.get(step.asks_for.value, step.asks_for.value)
    return f"Reflected: heard {heard}; took them to want {asked}."


def _responded(step: Step, line_text: Callable[[str], str | None], deck: Deck | None) -> str:
    if step.line is not None:
        return f"Said: {line_text(step.line) or step.line}"
    assert step.share is not None
    share = step.share
    if not share.fragments:
        return "Held their story back for now."
    if deck is not None and deck.practice:
        titles = [f"'{f.title}'" if (f := deck.fragment(i)) else "a piece" for i in
                  share.fragments]
        what = f"{', '.join(titles)} from the practice deck '{deck.title}'"
    else:
        count = len(share.fragments)
        what = "a piece of their own story" if count == 1 else \
            f"{count} pieces of their own story"
    how = ["asked first" if share.permission else "did not ask first", share.detail.value,
           "handed the focus back" if share.hand_back else "kept the focus"]
    return f"Shared {what} ({', '.join(how)})."


def _parts(turn: Turn, line_text: Callable[[str], str | None], deck: Deck | None,
           label: Callable[[str], str], named: Callable[[TurnScore], list[Score]]
           ) -> list[PartView]:
    """Every part of the turn, each with its own scores: a reflection and the response
    after it are two parts, told apart by their labels."""
    step = turn.step
    responded = step.line is not None or step.share is not None
    if step.reflect is None:
        return [PartView("", _responded(step, line_text, deck), turn.score.band,
                         named(turn.score))]
    if not responded:
        return [PartView("", _reflected(step.reflect, label), turn.score.band,
                         named(turn.score))]
    reflection = turn.reflection.score if turn.reflection is not None else None
    response = turn.response if turn.response is not None else turn.score
    parts = [PartView("Reflection", _reflected(step.reflect, label),
                      reflection.band if reflection else "", named(reflection)
                      if reflection else [])]
    parts.append(PartView("Response", _responded(step, line_text, deck), response.band,
                          named(response)))
    return parts


def session_view(store: SqlStore, session_id: str, library: Library | None) -> SessionView:
    """The session ``session_id`` from ``store`` as a supervisor reads it."""
    reviews = Reviews(store)
    trainee, scenario_id, turns = reviews.session_info(session_id)
    summary = next((s for s in store.sessions(trainee) if s.session_id == session_id), None)
    scenario = library.scenarios[scenario_id].model if library and \
        scenario_id in library.scenarios else None
    rubric = None
    deck = None
    label: Callable[[str], str] = plain_label
    if library is not None:
        label = library.theme_label
        if scenario is not None and scenario.rubric in library.rubrics:
            rubric = library.rubric(scenario.rubric)
        state_deck = store.load_state(session_id).deck_id
        if state_deck is not None and state_deck in library.decks:
            deck = library.deck(state_deck)
    roots = threads(reviews.entries(session_id))
    views: list[TurnView] = []
    for turn in turns:
        beat = scenario.beats.get(turn.beat) if scenario is not None else None

        def line_text(line_id: str, beat: Any = beat) -> str | None:
            found = next((ln for ln in beat.lines if ln.id == line_id), None) if beat else None
            return found.text.strip() if found else None

        def named(score: TurnScore) -> list[Score]:
            return [(s.criterion, rubric.criteria[s.criterion].name if rubric and
                     s.criterion in rubric.criteria else s.criterion, s.level,
                     redact(s.reason, label)) for s in score.scores]

        views.append(TurnView(turn.index, turn.beat, " ".join(beat.says.split()) if beat
                              else f"(beat {turn.beat})",
                              _parts(turn, line_text, deck, label, named),
                              turn.score.band, bool(turn.score.events),
                              [e for e in roots if e.turn == turn.index]))
    return SessionView(session_id, trainee, scenario_id,
                       scenario.title if scenario else scenario_id,
                       scenario.persona.name if scenario else "The person",
                       summary.mode if summary else "",
                       summary.overall if summary else None,
                       summary.passed if summary else None, views,
                       [e for e in roots if e.turn is None])


def story_texts(library: Library | None, own_decks: dict[str, Deck] | None = None) -> list[str]:
    """Every piece's title and words a comment must not quote: practice decks and own
    decks (the trainee's decks kept in the records store are added by the store)."""
    decks = [library.deck(d) for d in library.decks] if library is not None else []
    decks += list((own_decks or {}).values())
    return [words for deck in decks for f in deck.fragments for words in (f.title, f.text)]
