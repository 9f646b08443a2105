"""The person answers what was said: every share beat in the library has its own words
for each kind of share, and the engine gives the words for the kind the person heard
(docs/authoring.md, "The person answers what was said").

Pieces are picked from each scenario's deck by their tags (themes, detail, privacy,
what they judge, the words they use), never by name, so the checks hold for any
library a trainer ships.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.engine.engine import Engine
from simulator.engine.session import Session
from simulator.loading.library import Library, load_library
from simulator.model.deck import Fragment
from simulator.model.plan import Detail, Framing, ShareStep, Step
from simulator.model.scenario import Beat, ShareKind
from simulator.strategies import _perfect_reflection

LIBRARY, _ = load_library([])  # for parametrising by scenario
IDS = sorted(LIBRARY.scenarios)
KINDS = [kind.value for kind in ShareKind]


def _engine(shipped: Library, scenario_id: str) -> Engine:
    s = shipped.scenario(scenario_id)
    return Engine(s, shipped.rubric(s.rubric), shipped.deck(s.deck) if s.deck else None,
                  label=shipped.theme_label)


def _with_deck(shipped: Library, scenario_id: str) -> Engine:
    engine = _engine(shipped, scenario_id)
    if engine.deck is None:
        pytest.skip("no deck")
    return engine


def _share_beats(engine: Engine) -> Iterator[tuple[str, Beat, Session]]:
    """Each share beat, with a session started there where sharing is on offer."""
    for beat_id, beat in engine.scenario.beats.items():
        if beat.share is None:
            continue
        session = engine.start(f"reactions-{beat_id}", at=beat_id)
        if engine.options(session).can_share:
            yield beat_id, beat, session


def _pieces(engine: Engine) -> list[Fragment]:
    assert engine.deck is not None
    return list(engine.deck.fragments)


def _raised(beat: Beat) -> set[str]:
    return set(beat.concerns) | set(beat.asks_about)


def _plain(engine: Engine, session: Session, piece: Fragment) -> bool:
    """A piece that cannot sound like a verdict or be too much on its own: not private,
    little detail and cost, judging nothing they disclosed, using no label."""
    disclosed = engine.told(session).disclosed
    return (not piece.private and piece.intensity <= 1 and piece.self_cost <= 1
            and not set(piece.judges) & disclosed and not piece.labels)


def _on_topic(engine: Engine, session: Session, beat: Beat) -> list[Fragment]:
    return [f for f in _pieces(engine)
            if _plain(engine, session, f) and set(f.themes) & _raised(beat)]


def _off_topic(engine: Engine, session: Session, beat: Beat) -> list[Fragment]:
    return [f for f in _pieces(engine)
            if _plain(engine, session, f) and not set(f.themes) & _raised(beat)]


def _share(pieces: list[Fragment], *, detail: Detail = Detail.brief,
           framing: Framing = Framing.offered) -> ShareStep:
    return ShareStep(fragments=[f.id for f in pieces], permission=True, hand_back=True,
                     detail=detail, framing=framing)


def _listened(engine: Engine, session: Session, share: ShareStep) -> Step:
    """The share, after listening well at this beat where reflecting is on offer."""
    if engine.options(session).can_reflect:
        return Step(reflect=_perfect_reflection(engine, session), share=share)
    return Step(share=share)


def _answers(engine: Engine, session: Session, beat: Beat, step: Step, kind: str) -> None:
    """The share is heard as ``kind``, and the person answers in that kind's words."""
    assert beat.share is not None
    turn = engine.decide(session, step)
    where = f"{engine.scenario.id}/{session.state}"
    assert turn.score.share_kind == kind, f"{where}: heard as {turn.score.share_kind}"
    assert turn.reaction == beat.share.reactions[ShareKind(kind)], where


@pytest.mark.parametrize("scenario_id", IDS)
def test_every_share_beat_has_words_for_every_kind(shipped: Library,
                                                   scenario_id: str) -> None:
    """All six kinds, each in the person's own (non-empty) words."""
    scenario = shipped.scenario(scenario_id)
    missing = {beat_id: [k for k in KINDS
                         if not beat.share.reactions.get(ShareKind(k), "").strip()]
               for beat_id, beat in scenario.beats.items() if beat.share is not None}
    assert {b: kinds for b, kinds in missing.items() if kinds} == {}


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_verdict_is_answered_as_a_verdict(shipped: Library, scenario_id: str) -> None:
    """A piece offered as a lesson, anywhere; and, where they disclosed how they get by,
    a piece that judges that way, however it is put."""
    engine = _with_deck(shipped, scenario_id)
    tried = 0
    for _beat_id, beat, session in _share_beats(engine):
        fitting = _on_topic(engine, session, beat)
        if fitting:
            _answers(engine, session, beat,
                     _listened(engine, session, _share(fitting[:1], framing=Framing.lesson)),
                     "verdict")
            tried += 1
        disclosed = engine.told(session).disclosed
        judging = [f for f in _pieces(engine)
                   if set(f.judges) & disclosed and not f.private and f.intensity <= 1]
        if judging:
            _answers(engine, session, beat,
                     _listened(engine, session, _share(judging[:1])), "verdict")
            tried += 1
    assert tried, f"{scenario_id}: no share beat was tried"


@pytest.mark.parametrize("scenario_id", IDS)
def test_too_much_is_answered_as_too_much(shipped: Library, scenario_id: str) -> None:
    """Three pieces at once, or one told in raw detail."""
    engine = _with_deck(shipped, scenario_id)
    for _beat_id, beat, session in _share_beats(engine):
        plain = [f for f in _pieces(engine) if _plain(engine, session, f)]
        assert len(plain) >= 3, f"{scenario_id}: the deck has too few plain pieces"
        _answers(engine, session, beat, _listened(engine, session, _share(plain[:3])),
                 "too-much")
        detailed = [f for f in plain if f.intensity == 1 and f.self_cost <= 1]
        if detailed:
            _answers(engine, session, beat,
                     _listened(engine, session, _share(detailed[:1], detail=Detail.detailed)),
                     "too-much")


@pytest.mark.parametrize("scenario_id", IDS)
def test_off_the_point_is_answered_as_off_topic(shipped: Library, scenario_id: str) -> None:
    """One piece touching nothing the person raised."""
    engine = _with_deck(shipped, scenario_id)
    for beat_id, beat, session in _share_beats(engine):
        off = _off_topic(engine, session, beat)
        assert off, f"{scenario_id}/{beat_id}: no piece in the deck is off the point"
        _answers(engine, session, beat, _listened(engine, session, _share(off[:1])),
                 "off-topic")


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_piece_told_again_is_answered_as_a_repeat(shipped: Library,
                                                    scenario_id: str) -> None:
    """The same fitting piece, told a second time in the session."""
    engine = _with_deck(shipped, scenario_id)
    tried = 0
    for _beat_id, beat, session in _share_beats(engine):
        fitting = _on_topic(engine, session, beat)
        if not fitting:
            continue
        step = _listened(engine, session, _share(fitting[:1]))
        session.transcript.append(engine.decide(session, step))  # told once already
        _answers(engine, session, beat, step, "repeat")
        tried += 1
    assert tried, f"{scenario_id}: no share beat has a plain piece on the point"


@pytest.mark.parametrize("scenario_id", IDS)
def test_an_uninvited_share_before_listening_is_answered_as_too_soon(
        shipped: Library, scenario_id: str) -> None:
    """Where the person has not invited a share and reflecting is on offer, a fitting
    piece before any listening is too soon; the same piece after listening is not."""
    engine = _with_deck(shipped, scenario_id)
    tried = 0
    for _beat_id, beat, session in _share_beats(engine):
        fitting = _on_topic(engine, session, beat)
        if engine.told(session).invited or not engine.options(session).can_reflect \
                or not fitting:
            continue
        _answers(engine, session, beat, Step(share=_share(fitting[:1])), "too-soon")
        later = engine.decide(session, _listened(engine, session, _share(fitting[:1])))
        assert later.score.share_kind != "too-soon"
        tried += 1
    if not tried:
        pytest.skip("no beat where a share can come before it is invited")


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_fitting_share_is_answered_in_the_fitting_words(shipped: Library,
                                                          scenario_id: str) -> None:
    """A plain piece on the point, after listening: the `fits` words (or the band's words
    the author wrote for that very piece, a told variant), unless the share was still
    judged weak (then the weak band's words, never the warm ones)."""
    engine = _with_deck(shipped, scenario_id)
    answered = 0
    for beat_id, beat, session in _share_beats(engine):
        assert beat.share is not None
        for piece in _on_topic(engine, session, beat):
            turn = engine.decide(session, _listened(engine, session, _share([piece])))
            if turn.score.share_kind != "fits":
                continue
            own = beat.share.reactions[ShareKind.fits]
            if turn.score.band == "weak":
                assert turn.reaction != own, f"{beat_id}: a weak share got the fitting words"
            else:  # the fitting words, or the band's words written for this very piece
                outcome = getattr(beat.share.outcomes, turn.score.band)
                for_piece = {v.text for v in outcome.variants}
                assert turn.reaction == own or turn.reaction in for_piece, \
                    f"{beat_id}/{piece.id}"
                answered += 1
    assert answered, f"{scenario_id}: no plain piece on the point was heard as fitting"


@pytest.mark.parametrize("scenario_id", IDS)
def test_a_share_of_several_kinds_is_answered_for_the_weightiest(shipped: Library,
                                                                 scenario_id: str) -> None:
    """A verdict is heard over too much, too much over off the point, off the point over
    a piece told again: three pieces as a lesson are a verdict; three told again are
    too much; one off the point, told again, is off the point."""
    engine = _with_deck(shipped, scenario_id)
    for beat_id, beat, session in _share_beats(engine):
        plain = [f for f in _pieces(engine) if _plain(engine, session, f)]
        off = _off_topic(engine, session, beat)
        assert len(plain) >= 3 and off, f"{scenario_id}/{beat_id}: too few plain pieces"
        _answers(engine, session, beat,
                 _listened(engine, session, _share(plain[:3], framing=Framing.lesson)),
                 "verdict")
        before = engine.start(f"again-{beat_id}", at=beat_id)
        for told in (_share(plain[:3]), _share(off[:1])):
            before.transcript.append(engine.decide(before, _listened(engine, before, told)))
        _answers(engine, before, beat, _listened(engine, before, _share(plain[:3])),
                 "too-much")
        _answers(engine, before, beat, _listened(engine, before, _share(off[:1])),
                 "off-topic")


def test_a_fitting_share_gets_the_words_written_for_the_piece_told(shipped: Library) -> None:
    """Where the author wrote how the person answers the very piece told (a told variant
    of the band's reaction), that comes before the beat's words for any fit; another
    fitting piece gets the beat's words, never the piece's."""
    from simulator.plans import run_plan

    scenario = shipped.scenario("in-the-circle")
    engine = Engine(scenario, shipped.rubric(scenario.rubric), shipped.deck(scenario.deck),
                    label=shipped.theme_label)
    model = next(p for p in scenario.tests if p.model)
    session = run_plan(engine, model).session
    [share] = [t for t in session.transcript if t.score.kind == "share"]
    assert share.score.share_kind == "fits" and share.score.band == "strong"
    assert '"Good mornings," she says.' in share.reaction
    other = engine.start("other-piece")
    for step in model.steps:
        if step.share is not None and step.share.fragments:
            step = step.model_copy(update={"share": step.share.model_copy(
                update={"fragments": ["called-next-morning"]})})
        turn = engine.choose(other, step)
        if turn.score.kind == "share":
            assert turn.score.share_kind == "fits"
            assert "Good mornings" not in turn.reaction
            beat_share = scenario.beats[turn.beat].share
            assert beat_share is not None
            assert turn.reaction == beat_share.reactions[ShareKind.fits]
            break
