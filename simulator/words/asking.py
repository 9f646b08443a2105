"""Asking: questions (open or closed), handing the last word back, and asking leave to share.

Why grammar and not a list of questions: a question shows itself by how it opens
(an auxiliary before its subject, a wh-word before a verb, "I wonder", "tell me")
and by its mark; a trainee who types without a question mark still asks. A
question ending in a filler ("..., you know?") asks nothing back.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.model import Phrasebook
from simulator.words.text import Sentence, find, find_all, phrase_words, starts_with

_WH = {"what", "how", "why", "when", "where", "who", "which", "whose", "whom"}
_TAG_AUX = {"is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "can",
            "could", "would", "will", "should", "am"}
_TAG_SUBJ = {"you", "it", "they", "we", "i", "he", "she", "that", "there"}
_SELF = {"i", "me", "my", "mine", "myself"}
_ASKING_VERBS = {"ask", "check", "just", "get", "come", "sit", "help", "borrow"}
_COPULA = {"is", "was", "are", "were"}
_TELLERS = {"i", "me", "my", "mine"}
_HEARING = {"hear", "hearing"}
_LISTENERS = {"me", "us", "them", "him", "her"}
#: verbs by which the trainee passes something on or acts for them, not tells a story
_INFORMING = {"tell", "say", "share", "explain", "write", "record", "note", "put", "pass",
              "report", "send", "show", "describe", "mention", "add", "call", "ring"}
_MODALS = {"can", "could", "will", "would", "shall", "should", "must", "need"}
#: words that make what follows a verb of telling a thing, not a pointer back
_DEFINITE = {"the", "your", "their", "his", "her", "its", "our", "these", "those", "them",
             "they"}


def opening(sentence: Sentence, book: Phrasebook, extra: Sequence[str] = (),
            at: int = 0) -> int:
    """Where the sentence's (or a clause's) real opening is, past lead-in words ("so",
    "and", their name)."""
    norms = sentence.norms
    lead = [*book.lead_ins, *extra]
    while at < len(norms):
        found = starts_with(lead, norms, at)
        if found is None:
            break
        at += len(phrase_words(found))
    return at if at < len(norms) else 0


def _tag(norms: Sequence[str], book: Phrasebook) -> str | None:
    """The tag a sentence ends with ("..., right?", "..., isn't it?"), if any."""
    for filler in book.questions.fillers:
        size = len(phrase_words(filler))
        if size < len(norms) and find(filler, norms, len(norms) - size) == len(norms) - size:
            return filler
    if len(norms) >= 4 and norms[-3] in _TAG_AUX and norms[-2] == "not" \
            and norms[-1] in _TAG_SUBJ:
        return " ".join(norms[-3:])
    if len(norms) >= 3 and norms[-2] in _TAG_AUX and norms[-1] in _TAG_SUBJ \
            and not any(w in _WH for w in norms[:-2]):
        return " ".join(norms[-2:])  # "..., are you?" but not "how sure are you?"
    return None


def question_kind(sentence: Sentence, book: Phrasebook, extra: Sequence[str] = ()) -> str | None:
    """"open" or "closed" when the sentence asks something, else None."""
    norms = sentence.norms
    at = opening(sentence, book, extra)
    cues = book.questions
    if starts_with(cues.indirect, norms, at):
        rest = norms[at:]
        return "open" if any(w in _WH for w in rest) else "closed"
    if starts_with(cues.open_starts, norms, at):
        word = norms[at]
        if word in _WH and sentence.mark != "?":
            # "What happened?" without its mark still asks; "What you did took
            # courage.", "How hard that must be." and "What helped me was..." do not.
            following = norms[at + 1] if at + 1 < len(norms) else ""
            asks = starts_with(cues.closed_starts, norms, at + 1) is not None \
                or following.endswith("ed") or following in {"else", "about", "if", "now"}
            cleft = any(w in _COPULA for w in norms[at + 2:])
            return "open" if asks and not (following.endswith("ed") and cleft) else None
        return "open"
    if starts_with(cues.closed_starts, norms, at) and at + 1 < len(norms):
        subject = norms[at + 1]
        if subject in {"you", "i", "it", "that", "this", "there", "we", "they", "anything",
                       "anyone", "someone", "something", "your", "she", "he", "any"}:
            return "closed"
    if sentence.mark == "?":
        later = [opening(sentence, book, extra, c) for c in sentence.clauses]
        if (any(w in _WH for w in norms[at:at + 4])
                or any(starts_with(cues.open_starts, norms, c) for c in later)) \
                and not _tag(norms, book):
            return "open"  # "On a scale of 0 to 10, how sure are you?"
        return "closed"
    return None


def is_filler_question(sentence: Sentence, book: Phrasebook, extra: Sequence[str] = ()) -> bool:
    """A statement that only ends in a tag ("I used too, you know?"): it asks nothing back."""
    norms = sentence.norms
    at = opening(sentence, book, extra)
    alone = starts_with(book.questions.fillers, norms, at)
    if alone is not None and len(phrase_words(alone)) == len(norms) - at:
        return True  # "Does that make sense?", "Right?" on their own
    tag = _tag(norms, book)
    if tag is None:
        return False
    core = Sentence(sentence.start, sentence.end,
                    sentence.words[: len(norms) - len(tag.split())], "")
    if not core.words:
        return True
    if question_kind(core, book, extra) is not None:
        return False
    mine = sum(1 for w in core.norms if w in _SELF)
    other = len(find_all(book.focus.other_words, core.norms))
    return mine >= other


def permission(sentence: Sentence, book: Phrasebook,
               before: Sentence | None = None) -> tuple[int, int] | None:
    """The words that ask leave to share (word positions), if the sentence does.

    Three shapes: a request ("would it help if I told you...", "can I share..."), an
    offer left to them ("I could tell you..., if you'd like"), or a question about
    hearing it straight after the trainee's own words ("I had a bad one once. Want
    to hear what changed?"). Each needs a verb of telling that the trainee would do
    ("tell me more" is them telling; "can I ask you" asks leave to ask, not to share),
    and what is offered must be the trainee's own experience (:func:`own_story`):
    "can I explain how the form works" or "shall I call them" asks leave to inform or
    to act, which is a plain question.
    """
    norms = sentence.norms
    cues = book.permission
    telling = [(s, e) for s, e, _p in find_all(cues.telling, norms)
               if not (e < len(norms) and norms[e] in _LISTENERS)]
    if not telling:
        return None
    requests = find_all(cues.requests, norms)
    for _start, end, phrase in requests:
        words = phrase_words(phrase)
        if words and words[-1] == "i" and end < len(norms) and norms[end] in _ASKING_VERBS:
            return None
    offers = find_all(cues.offers, norms)
    for i, word in enumerate(norms):
        if word == "if" and any(w in cues.conditions for w in norms[i + 1:i + 6]):
            offers.append((i, min(len(norms), i + 6), "if"))
    if (requests or offers) and own_story(norms, telling, [*requests, *offers], before):
        hits = requests + offers
        return min(h[0] for h in hits), max(h[1] for h in hits + [(*t, "") for t in telling])
    if sentence.mark == "?" and requests and requests[0][0] <= opening(sentence, book) \
            and any(w in _HEARING for w in norms) and before is not None \
            and any(w in _TELLERS for w in before.norms) \
            and not _informs(norms[telling[0][1]:]):
        return requests[0][0], max(e for _s, e in telling)
    return None


def _informing_subject(norms: Sequence[str], at: int) -> bool:
    """Whether the "I" at ``at`` is the one doing the telling, recording or acting on
    their behalf ("can I tell", "what I write down", "what I'm going to say", "why I
    can't add you"): that "I" offers information or an act, not a story."""
    ahead = norms[at + 1:at + 6]
    return any(w in _INFORMING for w in ahead) or (bool(ahead) and ahead[0] in _MODALS)


def _first_person(norms: Sequence[str], skip: set[int]) -> bool:
    """A word about the trainee themself, outside ``skip`` (the request's own words)."""
    for i, word in enumerate(norms):
        if i in skip or word not in _TELLERS:
            continue
        if word == "i" and _informing_subject(norms, i):
            continue
        return True
    return False


def _informs(rest: Sequence[str]) -> bool:
    """Whether what follows the verb of telling names a thing of the world ("how the
    form works", "what's in the file", "what goes in them", "the nurse"), not a pointer
    back to what the trainee just said ("about it", "how that went", "what helped")."""
    return any(w in _DEFINITE for w in rest)


def own_story(norms: Sequence[str], telling: Sequence[tuple[int, int]],
              hits: Sequence[tuple[int, int, str]], before: Sentence | None) -> bool:
    """Whether what the sentence offers to tell is the trainee's own experience.

    Grammar, not a list: the trainee is in what is offered ("when I slipped", "what
    helped me", "my own story") or elsewhere in the sentence as the one it happened to
    ("I went through something like this once, if you want to hear about it"); the
    "I" of the request itself ("can I", "if I told") and an "I" who tells, records
    or may act ("what I write down", "why I can't") do not count. Failing that, a bare
    pointer ("can I tell you about it?") offers the story just told in ``before``."""
    skip = {i for start, end, _p in hits for i in range(start, end)}
    skip.update(end for _start, end, _p in hits if end < len(norms) and norms[end] == "i")
    for start, _end in telling:  # "if I told you"; and "tell me" is them telling
        skip.update(i for i in range(max(0, start - 2), start) if norms[i] == "i")
    skip.update(i for i in range(1, len(norms)) if norms[i] == "me"
                and norms[i - 1] in _INFORMING)
    if _first_person(norms, skip):
        return True
    rest = norms[telling[0][1]:] if telling else norms
    first = min((h[0] for h in hits), default=0)
    return before is not None and any(w in _TELLERS for w in before.norms) \
        and not _informs(rest) and not any(w in _WH for w in norms[:first])
