"""Plain-words descriptions of engine objects for the screens (no flow, no scoring)."""

from __future__ import annotations

from rich.text import Text

from simulator.engine.engine import Engine, Heard
from simulator.engine.session import Session, Turn
from simulator.model import Fragment
from simulator.model.plan import ReflectStep, Step
from simulator.scoring.reasons import deck_titles
from simulator.tui.text import clean, literal
from simulator.wording import ASK_WORDS, join, render

__all__ = ["ASK_WORDS", "answered", "disclosed_words", "fragment_line", "indicators", "meter",
           "readings_for", "reflection_text", "says", "step_text", "transcript",
           "turn_summary"]


def meter(value: int, low: int, high: int) -> str:
    """A text meter that does not rely on colour: filled and empty blocks plus the number."""
    span = max(1, high - low)
    filled = round((value - low) / span * 6)
    return "▮" * filled + "▯" * (6 - filled) + f" {value:+d}"


def indicators(engine: Engine, session: Session) -> str:
    """Variables the scenario shows to the trainee (trust, say), as text meters."""
    parts = []
    for name, var in engine.scenario.variables.items():
        if not var.shown:
            continue
        value = session.variables.get(name, var.default)
        label = var.label or name
        if var.type == "int" and isinstance(value, int) and not isinstance(value, bool):
            parts.append(f"{label}: {meter(value, var.min or -3, var.max or 3)}")
        else:
            parts.append(f"{label}: {'yes' if value else 'no'}")
    return "   ".join(parts)


def fragment_line(fragment: Fragment, label: object) -> Text:
    """One fragment as a choice: title, then its tags in words."""
    assert callable(label)
    tags = clean(", ".join(str(label(t)) for t in fragment.themes))
    extra = " · PRIVATE" if fragment.private else ""
    return Text.assemble(
        (clean(fragment.title), "bold"),
        f"  ({tags} · {fragment.phase.value} · detail {fragment.intensity}"
        f" · cost to you {fragment.self_cost}{extra})",
    )


def readings_for(engine: Engine, beat_id: str, readings: dict[str, str]) -> list[tuple[str, str]]:
    """The readings the reflect dialog offers where the person disclosed how they get by
    (none elsewhere), sorted by label so the order suggests nothing."""
    beat = engine.scenario.beats.get(beat_id)
    if beat is None or not beat.discloses:
        return []
    return sorted(readings.items(), key=lambda kv: kv[1])


def disclosed_words(engine: Engine, beat_id: str) -> str:
    """What the person disclosed at this beat, in words."""
    beat = engine.scenario.beats.get(beat_id)
    return join([engine.label(w) for w in beat.discloses]) if beat is not None else ""


def answered(engine: Engine, heard: Heard, *, scored: bool) -> Text:
    """The trainee's reflection and the person's answer to it (with its scores in
    practice), shown under what they said while the trainee chooses a response."""
    out = Text("\n\n")
    out.append(clean(reflection_text(engine, heard.step)) + "\n", "italic")
    if heard.reaction.strip():  # authored as words or as what they do: shown as written
        out.append(clean(heard.reaction.strip()) + "\n")
    if scored:
        for score in heard.score.scores:
            criterion = engine.rubric.criteria[score.criterion].name
            out.append(f"  {clean(criterion)} {score.level}/3: "
                       f"{clean(render(score.reason, deck_titles(engine.deck), engine.label))}\n",
                       "dim")
    return out


def reflection_text(engine: Engine, reflect: ReflectStep) -> str:
    """A reflection, in words."""
    heard = ", ".join(engine.label(t) for t in reflect.concerns) or "nothing"
    return f"You reflected: I hear {heard}; you want {ASK_WORDS[reflect.asks_for.value]}."


def step_text(engine: Engine, beat_id: str, step: Step) -> str:
    """What the trainee did, in words (a reflection first, when the turn began with one)."""
    if step.reflect is not None and (step.line is not None or step.share is not None):
        response = step.model_copy(update={"reflect": None})
        return f"{reflection_text(engine, step.reflect)} {step_text(engine, beat_id, response)}"
    if step.line is not None:
        beat = engine.scenario.beats[beat_id]
        line = next((ln for ln in beat.lines if ln.id == step.line), None)
        return f"You said: {line.text.strip() if line else step.line}"
    if step.reflect is not None:
        return reflection_text(engine, step.reflect)
    assert step.share is not None
    if not step.share.fragments:
        return "You held back your story for now."
    title = deck_titles(engine.deck)
    titles = [title(fid) or fid for fid in step.share.fragments]
    how = ["asked first" if step.share.permission else "did not ask first",
           step.share.detail.value,
           "handed the focus back" if step.share.hand_back else "kept the focus"]
    return f"You shared: {'; '.join(titles)} ({', '.join(how)})."


def transcript(engine: Engine, session: Session, *, scored: bool) -> Text:
    """The conversation so far; with ``scored``, what each turn scored and why (never
    in assessment mode before the end: no feedback until then)."""
    out = Text()
    name = clean(engine.scenario.persona.name)
    titles = deck_titles(engine.deck)
    for turn in session.transcript:
        beat = engine.scenario.beats[turn.beat]
        out.append(f"{name}: ", "bold")
        out.append(clean(beat.says.strip()) + "\n")
        out.append(clean(step_text(engine, turn.beat, turn.step)) + "\n", "italic")
        for part in turn.step.typed_parts():  # the trainee's own words, on their screen only
            if part.text:
                out.append("In your words: ", "bold")
                out.append(clean(part.text) + "\n")
        if scored:
            out.append(turn_summary(turn) + "\n", "dim")
            for score in turn.score.scores:
                criterion = engine.rubric.criteria[score.criterion].name
                reason = render(score.reason, titles, engine.label)
                out.append(f"  {clean(criterion)}: {clean(reason)}\n", "dim")
        out.append("\n")
    return out


def turn_summary(turn: Turn) -> str:
    """Scores of one turn on one line."""
    scores = ", ".join(f"{s.criterion} {s.level}/3" for s in turn.score.scores)
    gate = "; SAFETY GATE" if turn.score.events else ""
    return f"judged {turn.score.band}: {scores}{gate}"


def says(engine: Engine, session: Session) -> Text:
    """What the person says now (and what the trainee notices)."""
    beat = engine.beat(session)
    if beat is None:
        return literal(engine.ending_text(session).strip())
    out = Text()
    if beat.scene:
        out.append(clean(beat.scene.strip()) + "\n", "italic")
    out.append(f"{clean(engine.scenario.persona.name)}: ", "bold")
    out.append(clean(beat.says.strip()))
    return out
