"""What the app offers at one moment: the engine's options, and the menu made of them.

Why one menu: the conversation screen lists choices and the random walker picks among
them; built twice, the walker could take a move the app never shows (or miss one it
does). :class:`Menu` is the one list, item by item in the order the screen numbers
them, and :meth:`Menu.allows` says whether a step is one of them, so the walk and the
screen are tested against the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from simulator.model.deck import Fragment
from simulator.model.plan import ReflectStep, Step
from simulator.model.scenario import Line, Value
from simulator.scoring.types import Told, TurnScore


@dataclass(frozen=True)
class Heard:
    """A reflection the person has answered, before the trainee responds.

    The practice's loop is listen, reflect, then respond: the reflection is scored and
    answered at once, may change how the person feels (its effects), and the turn ends
    only with the response (a line, a share, or holding back).
    """

    step: ReflectStep
    score: TurnScore
    reaction: str
    variables: dict[str, Value]


@dataclass(frozen=True)
class Options:
    """What the trainee may do at the current beat."""

    lines: tuple[Line, ...]
    reflect_themes: tuple[str, ...]
    can_reflect: bool
    can_share: bool
    fragments: tuple[Fragment, ...]
    told: Told = field(default_factory=Told)


class Offer(StrEnum):
    """One kind of item on the menu."""

    line = "line"  # an authored line
    reflect = "reflect"  # say what you heard (opens the reflect step)
    share = "share"  # share from your story, or hold back (opens the share step)
    typed = "typed"  # say it in your own words, taken as the closest line
    go_on = "go-on"  # after a reflection: say no more, let them go on


class Typing(StrEnum):
    """Whether a trainee may, or must, say a line in their own words at this moment."""

    off = "off"  # the library cannot read typed words: picking only
    optional = "optional"  # own words beside the authored lines
    required = "required"  # own words instead of the authored lines


@dataclass(frozen=True)
class Item:
    """One item on the menu (``line``: the authored line, for :attr:`Offer.line`)."""

    offer: Offer
    line: Line | None = None

    @property
    def id(self) -> str:
        """A stable id for the item: ``line:<line id>``, or the offer's name."""
        return f"line:{self.line.id}" if self.line is not None else self.offer.value


@dataclass(frozen=True)
class Menu:
    """Everything the app offers at one moment, in the order it numbers them: the
    authored lines (none where own words are required), reflect, share, own words,
    and "let them go on" once a reflection is answered. ``options`` holds what the
    steps behind the items draw on (themes to reflect on, pieces to share)."""

    items: tuple[Item, ...]
    options: Options
    heard: Heard | None = None

    @classmethod
    def of(cls, options: Options, heard: Heard | None = None,
           typing: Typing = Typing.off) -> Menu:
        """The menu for ``options``, after ``heard`` (if any), with ``typing``."""
        lines = () if typing is Typing.required else options.lines
        items = [Item(Offer.line, line) for line in lines]
        if options.can_reflect:
            items.append(Item(Offer.reflect))
        if options.can_share:
            items.append(Item(Offer.share))
        if typing is not Typing.off and options.lines:
            items.append(Item(Offer.typed))
        if heard is not None:
            items.append(Item(Offer.go_on))
        return cls(tuple(items), options, heard)

    def offers(self, offer: Offer) -> bool:
        """Whether any item of this kind is on the menu."""
        return any(item.offer is offer for item in self.items)

    @property
    def lines(self) -> tuple[Line, ...]:
        """The authored lines on the menu, in its order."""
        return tuple(item.line for item in self.items if item.line is not None)

    def allows(self, step: Step) -> bool:
        """Whether ``step`` is a move this menu offers. A reflection followed by a
        response is two moves: this checks the first (see ``Engine.offers``)."""
        if step.reflect is not None:
            if self.heard is None:
                return self.offers(Offer.reflect)
            if step.reflect != self.heard.step:
                return False
        if step.share is not None:
            pieces = {fragment.id for fragment in self.options.fragments}
            return self.offers(Offer.share) and set(step.share.fragments) <= pieces
        if step.line is not None:
            if step.typed is not None:  # own words, taken as one of the beat's lines
                return self.offers(Offer.typed) and any(
                    line.id == step.line for line in self.options.lines)
            return any(line.id == step.line for line in self.lines)
        return self.offers(Offer.go_on)  # the answered reflection alone
