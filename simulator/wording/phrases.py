"""The phrase book: every reason, piece of advice and verdict phrase, by message id.

Templates use ``{name}`` for parameters; how each parameter is rendered (story
pieces by title or counted, vocabulary ids by label, asks in words) is decided by
its name (``simulator.wording.KINDS``). Keep the words plain, warm and specific:
a trainee reads them straight after a choice.
"""

from __future__ import annotations

from simulator.wording.typed import TYPED

#: What the person wants from the peer, in words ("how can you help me?").
ASK_WORDS: dict[str, str] = {
    "validation": "to be heard and believed",
    "hope": "hope",
    "practical": "practical help",
    "information": "information",
}

#: How a share is put, as the share dialog offers it.
#: Each says what you would say, never how good it is (no answer key on the screen).
FRAMING_WORDS: dict[str, str] = {
    "plain": "Tell it as it happened",
    "offered": "\"This is what helped me; it may not be the same for you.\"",
    "sameness": "\"I know exactly how you feel.\"",
    "lesson": "\"So what you need to do is...\"",
}

PHRASES: dict[str, str] = {
    # -- containers and authored text -------------------------------------------------
    "sentences": "{parts}",
    "legacy.text": "{text}",
    "authored": "{text}",
    # -- share: selectivity -----------------------------------------------------------
    "share.selectivity.fits": "{pieces} speaks to what they are dealing with ({themes}).",
    "share.selectivity.part": "{pieces} touches {themes}, but not what weighs on them most"
                              " ({theme}).",
    "share.selectivity.diluted": "{pieces} is also about {themes}, which they did not raise;"
                                 " a piece about many things fits less well than one about"
                                 " theirs.",
    "share.selectivity.off": "{pieces} is about something else, but they are talking about"
                             " {theme}.",
    "share.selectivity.many": "You shared {n} pieces at once; one at a time leaves room for"
                              " them.",
    "share.selectivity.detail": "It went into more detail than the moment needed.",
    "share.selectivity.avoid": "{pieces} is a poor fit while they are dealing with {theme}.",
    "share.selectivity.backstory": "It tells how things were, not what helped.",
    "share.selectivity.repeat": "You told them {pieces} already; told again, it adds nothing"
                                " new for them.",
    "share.timing.too-soon": "They had not asked to hear your story, and you had not yet"
                             " listened here: it came too soon.",
    "share.focus.too-soon": "It came before they invited it or you had listened, so it set"
                            " the agenda for them.",
    "share.focus.unlistened": "You shared before reflecting what you heard here, so it was a"
                              " guess at what they need.",
    "share.focus.listened": "You listened first, so you knew what they needed from you.",
    # -- share: focus -----------------------------------------------------------------
    "share.focus.offers": "They wanted {ask}, and your share offers that.",
    "share.focus.offers-other": "They wanted {ask}; your share offers {asks}.",
    "share.focus.unconnected": "It does not connect to {theme}, which is on their mind.",
    "share.focus.crowded": "Several stories crowd out theirs.",
    "share.focus.handed-back": "You handed the conversation back to them.",
    "share.focus.kept": "The focus stayed on your story; hand it back with a question.",
    # -- share: hope ------------------------------------------------------------------
    "share.hope.ends-well": "{pieces} shows a way forward, and you ended on it.",
    "share.hope.ends-hard": "There is hope in it, but you ended on the hard part; end on what"
                            " helped.",
    "share.hope.none": "It tells how hard things were without showing what helped.",
    "share.hope.war-story": "A detailed story of the worst times can leave them with less hope,"
                            " not more.",
    # -- share: harm ------------------------------------------------------------------
    "share.harm.private": "{pieces} is marked private in your deck. Keeping some things for"
                          " yourself is self-care, not secrecy.",
    "share.harm.detail": "The level of detail could be hard for them to hear.",
    "share.harm.listener": "{name} is in the room too, and {pieces} touches what could hurt"
                           " them to hear.",
    "share.harm.detail-costly": "A raw or costly part of your story, told in detail: that can"
                                " hurt them to hear and you to tell.",
    "share.harm.cost": "Telling it costs you a lot; a piece that costs less keeps you well"
                       " enough to stay with them.",
    "share.harm.safe": "Brief, processed and safe for both of you.",
    "share.harm.safe-detail": "You went into detail, and this piece is processed and light"
                              " enough to be safe for both of you even so.",
    # -- share: mutuality -------------------------------------------------------------
    "share.mutuality.asked": "You asked before sharing.",
    "share.mutuality.asked-by-line": "You asked before sharing, in what you said just before.",
    "share.mutuality.not-asked": "You did not ask whether they wanted to hear it.",
    "share.mutuality.checked": "You asked what fits for them.",
    "share.mutuality.not-checked": "You did not ask what, if anything, fits for them.",
    # -- reflect ----------------------------------------------------------------------
    "reflect.listening.heard": "You heard {themes}.",
    "reflect.listening.missed": "You missed {themes}.",
    "reflect.listening.wrong": "They did not talk about {themes}.",
    "reflect.listening.ask-right": "You heard that they want {ask}.",
    "reflect.listening.ask-wrong": "They want {ask}, not {asks}.",
    "reflect.focus.kept": "You kept to what they want from you right now.",
    "reflect.focus.partly": "You heard what they want, but not most of what is weighing on"
                            " them.",
    "reflect.focus.missed": "They want {ask}; naming that is how they know you are with them.",
    # -- safety -----------------------------------------------------------------------
    "safety.risk-first": "They told you something that signals risk; that comes before any"
                         " story. Respond to it directly and follow your agency's protocol.",
    "harm.critical": "Some parts of your story are yours to keep: a private piece, or a raw or"
                     " costly one told in detail, can hurt them to hear and you to tell. This"
                     " alone means the session does not pass.",
    "acceptance.critical": "What they told you about how they get by, and the words they"
                           " use for themselves, are not yours to judge: a piece that sounds"
                           " like a verdict on them, however gently offered, means the"
                           " session does not pass.",
    "acceptance.critical-words": "The words they use for themselves are theirs: calling them"
                                 " by a word they reject means the session does not pass.",
    "safety.reflect-missed": "Your reflection did not name the risk they signalled. They told"
                             " you something that signals risk; that comes before any story."
                             " Respond to it directly and follow your agency's protocol.",
}

#: "Next time" advice: each names one measured shortfall, never a generic level text.
ADVICE: dict[str, str] = {
    "advice.selectivity.find-one": "Start from what they just told you ({theme}) and look for"
                                   " the one part of your story that touches it.",
    "advice.selectivity.heaviest": "Look for a piece that touches what weighs on them most:"
                                   " {theme}.",
    "advice.selectivity.focused": "Choose a piece that is about what they raised, rather than"
                                  " one about many things.",
    "advice.selectivity.one-at-a-time": "Share one piece at a time, and see what they make of"
                                        " it.",
    "advice.selectivity.avoid": "Keep {pieces} for another time, while they are dealing with"
                                " {theme}.",
    "advice.selectivity.what-helped": "Lead with what helped, not with how things were.",
    "advice.detail.brief": "Keep it brief: the point is what helped, not what happened.",
    "advice.focus.answer-ask": "Answer what they asked you for: {ask}.",
    "advice.focus.connect": "Connect what you share to {theme}.",
    "advice.focus.room": "Fewer stories leave more room for theirs.",
    "advice.hand-back": "End by handing it back with a question about them.",
    "advice.hope.end-on-help": "End on what helped.",
    "advice.hope.turning-point": "Add the turning point, even a small one.",
    "advice.hope.shift": "Tell the part where something shifted, not the worst times.",
    "advice.harm.room": "Think of everyone listening: choose a piece that is safe for the whole"
                        " room.",
    "advice.selectivity.new": "Build on what you have told them, or hand it back, rather than"
                              " telling it again.",
    "advice.timing.listen-first": "Listen and reflect first, or wait until they ask; then share.",
    "advice.timing.reflect-first": "Reflect what you heard before you share, so you choose for"
                                   " them.",
    "advice.harm.private": "Keep private pieces for yourself; share what is processed and safe.",
    "advice.harm.cost": "Choose something that costs you less to tell, or check in with"
                        " yourself first.",
    "advice.ask-first": "Ask first: \"can I tell you something that helped me?\"",
    "advice.ask-after": "Ask after: what, if anything, of that fits for them?",
    "advice.listening.missed": "Listen for {themes} too.",
    "advice.listening.wrong": "Stay with what they said; they did not mention {themes}.",
    "advice.listening.ask": "Listen for what they want from you: {ask}.",
    "advice.reflect.heaviest": "Name the heaviest thing on their mind: {theme}.",
}
PHRASES.update(ADVICE)

#: A criterion's verdict over a session (``CriterionResult.verdict``).
VERDICTS: dict[str, str] = {
    "verdict.met": "meets the mark",
    "verdict.not-met": "below the mark",
    "verdict.too-few": "meets the mark, on {turns} choices only",
    "verdict.too-few.one": "meets the mark, on one choice only",
    "verdict.no-mark": "no pass mark; for feedback only",
    "debrief.not-practised": "You did not share any part of your story in this session, so"
                             " the skill this scenario assesses (choosing what to share, and"
                             " how) was not shown yet, and the session cannot pass. Try it"
                             " again and share one piece.",
    "verdict.never-shared": "you never shared; this scenario assesses sharing",
    "verdict.never-shared.hold": "you never shared, nor held back where holding back was the"
                                 " skill; this scenario assesses both",
    "verdict.no-close-fit": "none of the pieces you shared fitted closely; this scenario"
                            " assesses choosing the piece that pertains",
    "verdict.no-evidence": "no evidence of {value}; this scenario assesses it",
    "verdict.bad-ending": "the conversation ended badly ({name})",
    "verdict.unfinished": "the conversation has not reached an ending",
    "debrief.safety-first": "Safety first: this matters more than any score below.",
    "session.passed": "passed",
    "session.not-passed": "not passed",
}
PHRASES.update(VERDICTS)

ACCEPTANCE: dict[str, str] = {
    "share.acceptance.judges": "They told you about {ways}; {pieces} can sound like a verdict on"
                               " that.",
    "share.acceptance.judges-offered": "They told you about {ways}; {pieces} can sound like a"
                                       " verdict on that, though you offered it as yours.",
    "share.acceptance.rejected-word": "It uses {words}, a word they reject for themselves.",
    "share.acceptance.judging-word": "It uses {words}, a label that judges.",
    "share.acceptance.sameness": "Saying you know exactly how they feel claims their experience"
                                 " as yours; it can leave them unheard.",
    "share.acceptance.lesson": "Turning your story into a lesson (\"so you should...\") tells"
                               " them what to do with their life.",
    "share.acceptance.unowned": "They asked for {ask}; what worked for you came across as what"
                                " will work for them.",
    "share.acceptance.respects": "They told you about {ways}; nothing you shared passes"
                                 " judgement on it.",
    "share.acceptance.accepting": "Nothing in it passes judgement on how they get by.",
    "share.acceptance.offered": "You offered it as yours, leaving them free to take it or not.",
    "reflect.acceptance.no-reading": "They told you about {ways}; your reflection did not say"
                                     " how you understand it.",
    "reflect.acceptance.judging": "You read {ways} as {reading}. People often get by this way"
                                  " for reasons that make sense to them; reading it as {reading}"
                                  " puts a guard up between you.",
    "reflect.acceptance.accepting": "You read {ways} as {reading}: taking them as they are.",
    "reflect.acceptance.unfitting": "You read {ways} as {reading}. That is a kind word, but it"
                                    " does not fit what they told you.",
    "advice.acceptance.fitting-reading": "Read {ways} for what it does for them: what is it"
                                         " protecting, or getting them through?",
    "advice.acceptance.verdict": "Think twice before sharing {pieces} with someone who is"
                                 " {ways}; if you do, offer it only as your own experience.",
    "advice.acceptance.their-words": "Use their words for their life, not {words}.",
    "advice.acceptance.no-labels": "Leave out labels like {words}; describe what happened"
                                   " instead.",
    "advice.acceptance.sameness": "Say what it was like for you, then ask what it is like for"
                                  " them.",
    "advice.acceptance.lesson": "Offer what helped you and leave what to do with it to them.",
    "advice.acceptance.offer-as-yours": "Offer it as yours: \"this worked for me; it may not fit"
                                        " you.\"",
    "advice.acceptance.name-reading": "Say how you understand {ways}: as a way of getting by,"
                                      " or of protecting themselves.",
    "advice.acceptance.read-as-getting-by": "Read {ways} as a way of getting by first; ask what"
                                            " it does for them.",
}
PHRASES.update(ACCEPTANCE)
PHRASES.update(TYPED)
