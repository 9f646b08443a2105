"""Scenarios: a simulated person and a graph of beats the trainee moves through.

Beats and choices carry stable ids so saves, records and translations can refer
to them; conditions and effects are plain data, never code.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from simulator.model.common import (
    LAX,
    AsksFor,
    Id,
    Level,
    Number,
    ShortText,
    Strict,
    Text,
    Version,
    Weight,
)
from simulator.model.plan import Plan

Value = int | bool
"""A variable's value at run time."""

Authored = Number | bool
"""A value an author writes for a variable: a bounded whole number, or true/false."""


class Variable(Strict):
    """A typed variable with a default and, for numbers, bounds (trust, say)."""

    type: Literal["int", "bool"]
    default: Authored
    min: Number | None = None
    max: Number | None = None
    label: ShortText | None = None
    shown: bool = Field(default=False, description="Show it to the trainee as an indicator.")
    description: Text = ""

    @model_validator(mode="after")
    def _consistent(self) -> Variable:
        if self.type == "bool":
            if not isinstance(self.default, bool):
                raise ValueError("a bool variable needs default: true or false")
            if self.min is not None or self.max is not None:
                raise ValueError("a bool variable has no min or max")
            return self
        if isinstance(self.default, bool):
            raise ValueError("an int variable needs a whole-number default")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is greater than max")
        if self.min is not None and self.default < self.min:
            raise ValueError("default is below min")
        if self.max is not None and self.default > self.max:
            raise ValueError("default is above max")
        return self


class Condition(Strict):
    """One test on state; a choice is offered only when all its conditions hold."""

    var: Id | None = None
    eq: Authored | None = None
    ne: Authored | None = None
    gte: Number | None = None
    lte: Number | None = None
    visited: Id | None = Field(default=None, description="True once this beat has been visited.")
    not_visited: Id | None = None
    told: Id | None = Field(
        default=None, description="True once this piece of the deck has been shared in the"
        " session: a line, reaction or ending that refers to a piece is offered only then.")
    not_told: Id | None = Field(default=None, description="True while this piece is untold.")

    @model_validator(mode="after")
    def _shape(self) -> Condition:
        ops = [op for op in ("eq", "ne", "gte", "lte") if getattr(self, op) is not None]
        visits = [v for v in (self.visited, self.not_visited, self.told, self.not_told)
                  if v is not None]
        if self.var is not None and (len(ops) != 1 or visits):
            raise ValueError("a condition on var takes exactly one of: eq, ne, gte, lte")
        if self.var is None and (ops or len(visits) != 1):
            raise ValueError("a condition needs var with one test, or one of visited,"
                             " not_visited, told, not_told")
        return self


Effects = dict[Id, Authored]
"""Variable changes: a number is added (then kept within bounds), true/false is set."""


class Risk(StrEnum):
    """Kinds of risk a beat can raise; any of them arms the safety gate."""

    suicide = "suicide"
    self_harm = "self-harm"
    harm_to_others = "harm-to-others"
    crisis = "crisis"
    overdose = "overdose"
    harm_from_others = "harm-from-others"


class SafetyResponse(StrEnum):
    """How an authored line responds to risk raised at its beat."""

    addresses = "addresses"
    ignores = "ignores"
    minimises = "minimises"


class SafetyAct(StrEnum):
    """What a safe response to risk does; the validator checks every path does both."""

    asks_directly = "asks-directly"
    brings_in_help = "brings-in-help"


class BeatSafety(Strict):
    """Marks a beat where the person signals risk."""

    risk: Annotated[Risk, LAX]
    notice: list[Id] = Field(
        min_length=1,
        description="The risk themes themselves (themes marked risk: true), whose naming in a"
        " reflection counts as noticing the risk.",
    )
    note: Text = Field(default="", description="For trainers: what a safe response does here.")


class Line(Strict):
    """An authored response the trainee can choose."""

    id: Id
    text: Text = Field(min_length=1)
    evidence: dict[Id, Level] = Field(min_length=1, description="Rubric criterion -> level.")
    feedback: Text = Field(min_length=1)
    effects: Effects = Field(default_factory=dict)
    when: list[Condition] = Field(default_factory=list)
    next: Id
    safety: Annotated[SafetyResponse, LAX] | None = None
    acts: list[Annotated[SafetyAct, LAX]] = Field(
        default_factory=list,
        description="What this line does for safety: asks-directly, brings-in-help.",
    )
    asks_permission: bool = Field(
        default=False,
        description="The line asks whether they want to hear something from your story; a"
        " share that follows it counts as asked.",
    )
    holds_back: bool = Field(
        default=False,
        description="The line keeps your story back at a moment where holding back is the"
        " skill (an acute crisis, say): it counts as the scored hold-back a pass needs, like"
        " a hold-back whose hold_back says skill: true.",
    )


class Said(Strict):
    """Words offered only when their conditions hold: a reaction or ending that refers to
    a piece of the story is conditioned on that piece having been told (``told:``)."""

    when: list[Condition] = Field(min_length=1)
    text: Text = Field(min_length=1)


class Outcome(Strict):
    """Where a judged reflection or share leads, and how the person reacts."""

    next: Id
    effects: Effects = Field(default_factory=dict)
    reaction: Text = ""
    variants: list[Said] = Field(
        default_factory=list, max_length=50,
        description="Reactions for particular moments; the first whose conditions hold is"
        " used instead of ``reaction``.")


class ShareKind(StrEnum):
    """What kind of share the person is answering: the engine reads it from the scores."""

    fits = "fits"
    verdict = "verdict"
    too_much = "too-much"
    off_topic = "off-topic"
    too_soon = "too-soon"
    repeat = "repeat"


class Listener(Strict):
    """Someone else present at a beat (a group): a share is judged for them too."""

    name: ShortText
    about: Text = ""
    concerns: list[Id] = Field(default_factory=list, max_length=12,
                               description="Themes that are live for them right now.")
    avoid: list[Id] = Field(
        default_factory=list, max_length=12,
        description="Themes that could hurt them to hear told in any detail (a piece with one"
        " of these themes costs harm; told in detail, it fails the session).")


class Outcomes(Strict):
    """One outcome per judgement band (the bands are set in the rubric)."""

    strong: Outcome
    partial: Outcome
    weak: Outcome


class Reflect(Strict):
    """The reflect step: the trainee names what they heard."""

    prompt: Text = ""
    distractors: list[Id] = Field(
        default_factory=list, description="Themes offered that are not what the person said."
    )
    when: list[Condition] = Field(default_factory=list)
    outcomes: Outcomes


class HoldBack(Strict):
    """Choosing to share nothing yet, judged by the author for this moment."""

    evidence: dict[Id, Level] = Field(min_length=1)
    feedback: Text = Field(min_length=1)
    next: Id | None = Field(default=None, description="Defaults to the band's outcome.")
    effects: Effects = Field(default_factory=dict)
    reaction: Text = Field(default="", description="How the person takes your holding back.")
    skill: bool = Field(
        default=False,
        description="Holding back is the skill this beat assesses: a hold-back here counts as"
        " the storytelling evidence a pass needs.")


class Share(Strict):
    """The share step: choose fragments from the deck, and how to share them."""

    prompt: Text = ""
    when: list[Condition] = Field(default_factory=list)
    hold_back: HoldBack
    outcomes: Outcomes
    reactions: dict[Annotated[ShareKind, LAX], Text] = Field(
        default_factory=dict,
        description="How the person answers each kind of share (fits, verdict, too-much,"
        " off-topic, too-soon, repeat); a kind left out falls back to the band's reaction.")


class Beat(Strict):
    """One moment: what the person says, what concerns them, how the trainee may respond."""

    says: Text = Field(min_length=1)
    scene: Text = Field(default="", description="What the trainee notices; not spoken.")
    concerns: dict[Id, Weight] = Field(min_length=1, description="Theme -> weight, summing to 1.")
    asks_for: Annotated[AsksFor, LAX]
    asks_about: list[Id] = Field(
        default_factory=list, max_length=6,
        description="Themes their question is about, when it is narrower than their concerns"
        " (a piece that answers it is a good selection even if it is not the heaviest).",
    )
    safety: BeatSafety | None = None
    discloses: list[Id] = Field(
        default_factory=list, max_length=12,
        description="Ways of getting by (acceptance vocabulary) the person discloses here;"
        " remembered for the rest of the session.",
    )
    invites_share: bool | None = Field(
        default=None,
        description="Whether the person has invited you to share here. Left out: they have"
        " when they ask for hope, practical help or information. Sharing uninvited, before"
        " any listening at this beat, is scored as too soon.")
    listeners: list[Listener] = Field(
        default_factory=list, max_length=20,
        description="Others present (a group); a share is judged for them too.")
    lines: list[Line] = Field(default_factory=list)
    reflect: Reflect | None = None
    share: Share | None = None


class Ending(Strict):
    """Where a conversation can end."""

    title: ShortText
    text: Text = Field(min_length=1)
    tone: Literal["good", "mixed", "difficult", "escalate"] = Field(
        description="good, mixed, difficult (the conversation went badly: a session that"
        " ends here cannot pass) or escalate (help brought in).")
    variants: list[Said] = Field(
        default_factory=list, max_length=50,
        description="Endings for particular paths; the first whose conditions hold is used"
        " instead of ``text``.")


class Persona(Strict):
    """The simulated person, written as a whole person rather than a case file."""

    name: ShortText
    pronouns: ShortText = ""
    age: ShortText = ""
    about: Text = Field(min_length=1)
    dealing_with: Text = Field(min_length=1)
    strengths: list[Text] = Field(default_factory=list)
    own_words: Text = Field(default="", description="The words they use for their experience.")
    rejects: list[Id] = Field(
        default_factory=list, max_length=24,
        description="Words (acceptance vocabulary) they reject for themselves; shown to the"
        " trainee.",
    )


class Assessed(StrEnum):
    """A skill a scenario's verdict needs evidence of."""

    sharing = "sharing"
    listening = "listening"


class Scenario(Strict):
    """A file holding one scenario (``kind: scenario``)."""

    kind: Literal["scenario"]
    id: Id
    version: Version
    title: ShortText
    summary: Text = Field(min_length=1)
    content_notes: list[ShortText] = Field(default_factory=list)
    difficulty: Literal["introductory", "intermediate", "advanced"]
    trains: Text = Field(default="", description="The skill this scenario practises.")
    assesses: list[Annotated[Assessed, LAX]] | None = Field(
        default=None,
        description="The skills a pass needs evidence of. Left out: sharing, where the"
        " scenario has a share step. Sharing needs at least one scored share, or a hold-back"
        " at a beat whose hold_back says holding back is the skill.")
    sources: list[Text] = Field(default_factory=list)
    setting: Text = Field(
        default="", description="Where it happens (country, service), or neutral wording."
    )
    persona: Persona
    rubric: Id = "core"
    deck: Id | None = Field(default=None, description="The practice deck it is written for.")
    variables: dict[Id, Variable] = Field(default_factory=dict)
    start: Id
    beats: dict[Id, Beat] = Field(min_length=1, max_length=5000)
    endings: dict[Id, Ending] = Field(min_length=1)
    safety_ending: Id | None = Field(
        default=None, description="Where a tripped safety gate ends the session."
    )
    tests: list[Plan] = Field(default_factory=list)
    typed_turns: Literal["optional", "assessment", "always"] = Field(
        default="optional",
        description="When the trainee says things in their own words rather than picking:"
                    " optional (either), assessment (typed in assessment sessions), always.")

    def assessed(self) -> frozenset[Assessed]:
        """The skills a pass needs evidence of (sharing by default where there is a share
        step)."""
        if self.assesses is not None:
            return frozenset(self.assesses)
        shares = any(beat.share is not None for beat in self.beats.values())
        return frozenset({Assessed.sharing}) if shares else frozenset()

    def holding_back_is_a_skill(self) -> bool:
        """True when some moment marks holding back as the skill (a hold-back with
        ``skill: true``, or a line that ``holds_back``)."""
        return any((beat.share is not None and beat.share.hold_back.skill)
                   or any(line.holds_back for line in beat.lines)
                   for beat in self.beats.values())

    def has_risk(self) -> bool:
        """True when any beat raises risk, so content notes and the gate apply."""
        return any(beat.safety is not None for beat in self.beats.values())


__all__ = [
    "AsksFor",
    "Assessed",
    "Beat",
    "BeatSafety",
    "Condition",
    "Effects",
    "Ending",
    "HoldBack",
    "Line",
    "Listener",
    "Outcome",
    "Outcomes",
    "Persona",
    "Reflect",
    "Risk",
    "SafetyAct",
    "SafetyResponse",
    "Said",
    "Scenario",
    "Share",
    "ShareKind",
    "Value",
    "Variable",
]
