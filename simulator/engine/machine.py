"""Build the ``transitions`` machine for a scenario: beats and endings as states.

Only Python callables are handed to transitions, never strings from a file (it
would import a dotted string as code). All moves go through one generic trigger,
``advance``, whose conditions compare the requested target, so author ids never
become attribute names on the model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from transitions import EventData, Machine

from simulator.model.edges import beat_edges
from simulator.model.scenario import Scenario

TRIGGER = "advance"


class _TargetIs:
    """Condition callable: true when the event asks for this destination."""

    __slots__ = ("target",)

    def __init__(self, target: str) -> None:
        self.target = target

    def __call__(self, event: EventData) -> bool:
        return bool(event.kwargs.get("target") == self.target)


class _Machine(Machine):
    """A Machine that binds only the methods the model declares (its typed stubs).

    transitions would otherwise log a warning for every ``is_<state>`` helper it
    skips; with thousands of beats that logging dominated build time.
    """

    def _checked_assignment(self, model: Any, name: str, func: Any) -> None:
        if getattr(model, name, None) is not None:
            setattr(model, name, func)


def build_machine(
    scenario: Scenario, model: Any, initial: str, on_enter: Callable[[EventData], None]
) -> Machine:
    """A machine for ``scenario`` with ``model`` in ``initial`` state."""
    states = list(scenario.beats) + [e for e in scenario.endings if e not in scenario.beats]
    machine = _Machine(
        model=model,
        states=states,
        initial=initial,
        auto_transitions=False,
        send_event=True,
        after_state_change=[on_enter],
        ignore_invalid_triggers=False,
        model_override=True,
    )
    checks: dict[str, _TargetIs] = {}
    for beat_id, beat in scenario.beats.items():
        targets = {target for target, _path in beat_edges(beat_id, beat)}
        if beat.safety is not None and scenario.safety_ending is not None:
            targets.add(scenario.safety_ending)
        for target in sorted(targets):
            if target not in scenario.beats and target not in scenario.endings:
                continue
            check = checks.setdefault(target, _TargetIs(target))
            machine.add_transition(TRIGGER, source=beat_id, dest=target, conditions=[check])
    return machine
