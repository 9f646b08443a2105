"""The phrasebook: the words and phrases the typed-words detectors look for (``kind: phrasebook``).

Why data and not code: a trainer can read what "gives advice" or "claims sameness"
means, add the way their community says it, and (later) write one per language,
without touching Python. The detectors combine these cues with a little grammar
(where a sentence starts, who its subject is, whether it is negated); the grammar is
code, the words are here.

A phrase is plain words matched as whole words, case-insensitively, with
contractions expanded on both sides ("you're" matches "you are"). A word ending in
``*`` matches any word it starts ("manipulat*" matches "manipulating").
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from simulator.model.common import LAX, AsksFor, Id, ShortText, Strict

Phrase = ShortText
"""Plain words to find in a typed response."""

Phrases = Annotated[list[Phrase], Field(max_length=500)]


class QuestionCues(Strict):
    """How a sentence shows it asks something, with or without its question mark."""

    open_starts: Phrases = Field(
        default_factory=list,
        description="Openings of an open question (what, how, tell me about...).")
    closed_starts: Phrases = Field(
        default_factory=list,
        description="Openings of a yes/no question: an auxiliary before its subject"
        " (do you, are you, is it...).")
    indirect: Phrases = Field(
        default_factory=list,
        description="Statements that ask (I wonder what..., I'm curious how...).")
    fillers: Phrases = Field(
        default_factory=list,
        description="Tags that end a sentence without handing anything back (you know?,"
        " right?).")
    subjects: Phrases = Field(
        default_factory=list,
        description="Words that, straight after a wh-word, make it a statement rather"
        " than a question ('what you did took courage').")


class PermissionCues(Strict):
    """Asking before you share: a request (would it help if I...) or an offer
    (if you'd like, I could...), with a verb of telling."""

    requests: Phrases = Field(
        default_factory=list, description="Openings that ask leave (would it help if...).")
    offers: Phrases = Field(
        default_factory=list, description="Conditions that leave it to them (if you'd like).")
    conditions: Phrases = Field(
        default_factory=list,
        description="Words that, within an 'if' clause, leave it to them (want, useful...).")
    telling: Phrases = Field(
        default_factory=list, description="Verbs of telling (share, tell, say...).")


class AdviceCues(Strict):
    """Telling them what to do, or drawing the lesson for them."""

    modals: Phrases = Field(
        default_factory=list,
        description="Obligation after 'you' (should, need to, have to...).")
    suggestions: Phrases = Field(
        default_factory=list,
        description="Softer steering after 'you' (could try, might want to...).")
    soft_modals: Phrases = Field(
        default_factory=list,
        description="Modals that steer when a verb of doing follows (could, might, may).")
    imperatives: Phrases = Field(
        default_factory=list,
        description="Verbs that open an instruction (try, call, stop, make sure...).")
    not_instructions: Phrases = Field(
        default_factory=list,
        description="Openings that look like instructions but invite them to talk"
        " (tell me, go on, take your time).")
    phrases: Phrases = Field(
        default_factory=list,
        description="Advice in any position (if I were you, why don't you, the key is...).")
    lessons: Phrases = Field(
        default_factory=list,
        description="Morals drawn for them (everything happens for a reason...).")
    hearing: Phrases = Field(
        default_factory=list,
        description="Words before 'you have to' that make it their view, not yours"
        " (you feel, you think, you were told).")


class SamenessCues(Strict):
    """Claiming your experience is theirs ("I know exactly how you feel")."""

    claims: Phrases = Field(default_factory=list)
    hedges: Phrases = Field(
        default_factory=list,
        description="Words that soften a claim into partial knowledge (a bit of, some of).")


class ReflectionCues(Strict):
    """Saying back what they said or feel."""

    stems: Phrases = Field(
        default_factory=list,
        description="Openings of a reflection (sounds like, it seems, so you...).")
    verbs: Phrases = Field(
        default_factory=list,
        description="What a 'you' sentence says about them (feel, want, are, have been...).")
    meta: Phrases = Field(
        default_factory=list,
        description="Words about the listening itself (let me check, if I've got this"
        " right): their I and me do not make a sentence about the trainee.")
    anywhere: Phrases = Field(
        default_factory=list,
        description="Words that make a statement reflective wherever they come (seems,"
        " sounds, a lot to carry).")
    echo_words: int = Field(
        default=2, ge=1, le=20,
        description="Content words a statement must share with what the person said to"
        " count as saying it back in their own words.")
    not_reflections: Phrases = Field(
        default_factory=list,
        description="Openings of a 'you' sentence that reassure, permit or predict rather"
        " than say back (you're not, you don't have to, you'll be fine).")


class SharingCues(Strict):
    """How a share is put: offered as yours ("it worked for me; it may not fit you")."""

    owned: Phrases = Field(
        default_factory=list,
        description="Words that offer a piece of your story as yours, not as the answer.")


class FocusCues(Strict):
    """Who a sentence is about: the trainee or the person."""

    self_words: Phrases = Field(default_factory=list)
    other_words: Phrases = Field(default_factory=list)


class Phrasebook(Strict):
    """Cues for reading a typed reflection, share or line (``kind: phrasebook``)."""

    kind: Literal["phrasebook"]
    id: Id
    title: ShortText
    language: ShortText = "en"
    brief_words: dict[Literal["reflect", "share", "line"], Annotated[int, Field(ge=5, le=1000)]] \
        = Field(default_factory=dict,
                description="Most words a response can have and still be brief, by mode.")
    negations: Phrases = Field(default_factory=list)
    stopwords: Phrases = Field(
        default_factory=list,
        description="Words too common to show a response echoes what the person said.")
    lead_ins: Phrases = Field(
        default_factory=list,
        description="Words skipped before a sentence's real opening (so, and, well, just...).")
    questions: QuestionCues = QuestionCues()
    permission: PermissionCues = PermissionCues()
    advice: AdviceCues = AdviceCues()
    sameness: SamenessCues = SamenessCues()
    reflection: ReflectionCues = ReflectionCues()
    sharing: SharingCues = SharingCues()
    focus: FocusCues = FocusCues()
    themes: dict[Id, Phrases] = Field(
        default_factory=dict, description="Theme (vocabulary) -> words that name it.")
    asks: dict[Annotated[AsksFor, LAX], Phrases] = Field(
        default_factory=dict,
        description="What a person asks for -> words that name it (validation, hope...).")
    readings: dict[Id, Phrases] = Field(
        default_factory=dict,
        description="Reading (acceptance vocabulary) -> words that give it.")
    words: dict[Id, Phrases] = Field(
        default_factory=dict,
        description="Word (acceptance vocabulary) -> its other forms (plurals...).")
