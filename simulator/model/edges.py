"""Where a beat can lead: the one definition of a scenario's edges.

Both the engine (to build its machine) and the validator (to check targets and
reachability) need it, so it lives with the model they share.
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.model.scenario import Beat

EdgePath = tuple[str | int, ...]


def beat_edges(beat_id: str, beat: Beat) -> Iterator[tuple[str, EdgePath]]:
    """Every target a beat can lead to, with the path of the key that names it."""
    base: EdgePath = ("beats", beat_id)
    for i, line in enumerate(beat.lines):
        yield line.next, (*base, "lines", i, "next")
    for step_name in ("reflect", "share"):
        step = getattr(beat, step_name)
        if step is None:
            continue
        for band in ("strong", "partial", "weak"):
            yield getattr(step.outcomes, band).next, (*base, step_name, "outcomes", band, "next")
    if beat.share is not None and beat.share.hold_back.next is not None:
        yield beat.share.hold_back.next, (*base, "share", "hold_back", "next")
