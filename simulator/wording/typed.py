"""Phrases for the typed-words detectors' notes (simulator/words), by message id.

Each note says what a typed response did, plainly; the words it rests on are quoted
beside it, never inside the message, so a stored note never holds what was typed.
"""

from __future__ import annotations

TYPED: dict[str, str] = {
    "words.question.open": "you asked an open question",
    "words.question.closed": "you asked a closed question",
    "words.hands-back": "you ended with a question about them: you handed it back",
    "words.permission": "you asked before sharing",
    "words.advice": "you told them what to do",
    "words.lesson": "you drew a lesson for them",
    "words.sameness": "you said you know what it is like for them; no one can, quite",
    "words.reflects": "you said back what they said or feel",
    "words.reflects.echo": "you said back what they said, in their words",
    "words.reflects.named": "you named what they are dealing with",
    "words.owned": "you offered it as yours, not as the answer",
    "words.concern": "you named their concern: {theme}",
    "words.concern.paraphrase": "close in meaning to their concern: {theme} (similarity"
                                " {value})",
    "words.asks-for": "you named what they are asking for: {ask}",
    "words.reading.judging": "a judging reading: {reading}",
    "words.reading.accepting": "an accepting reading: {reading}",
    "words.rejected-word": "they reject the word {words}",
    "words.judging-word": "a judging word: {words}",
    "words.length": "{n} words: more than {value}, so not brief",
    "words.focus.self": "most of it is about you rather than them",
}
