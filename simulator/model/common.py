"""Shared building blocks of every data format: ids, text, levels and the strict base model.

Why strict: a trainer's typo must be an error, not a silently ignored key, and a
YAML 1.1 surprise (``no`` read as false, ``1:30`` read as 90) must never reach a
text field unnoticed.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as PydanticStrict

#: The one id grammar for every id in every file: lowercase words joined by single
#: hyphens, starting with a letter, at most 64 characters ("loud-again", "beat-2").
ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
ID_MAX = 64


class AmbiguousScalar(str):
    """An unquoted YAML scalar that YAML 1.1 tools would not read as text.

    The safe loader keeps such values as text but marks them, so a text field can
    ask the author to quote them instead of silently disagreeing with other tools.
    """

    yaml11_reading: str = ""

    def __new__(cls, value: str, yaml11_reading: str) -> AmbiguousScalar:
        obj = super().__new__(cls, value)
        obj.yaml11_reading = yaml11_reading
        return obj


def _reject_ambiguous(value: Any) -> Any:
    if isinstance(value, AmbiguousScalar):
        raise ValueError(
            f"unquoted {str(value)!r} is read by YAML 1.1 tools as {value.yaml11_reading};"
            f" write it in quotes to mean the text"
        )
    if isinstance(value, str):
        return str(value)
    return value


Text = Annotated[str, StringConstraints(max_length=20_000), BeforeValidator(_reject_ambiguous)]
"""Free text an author or trainee writes. Always shown literally, never as markup."""

ShortText = Annotated[
    str, StringConstraints(min_length=1, max_length=200), BeforeValidator(_reject_ambiguous)
]
"""A title or label: one line of text."""

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX),
    BeforeValidator(_reject_ambiguous),
]
"""A stable id following :data:`ID_PATTERN`."""

Level = Annotated[int, Field(ge=0, le=3)]
"""An anchored rubric level, 0 (poor) to 3 (strong)."""

Weight = Annotated[float, Field(ge=0.0, le=1.0)]

VERSION_MAX = 1_000_000
Version = Annotated[int, Field(ge=1, le=VERSION_MAX)]
"""A file's version, 1 to 1,000,000; saved sessions and records store it."""

NUMBER_MAX = 1_000_000
Number = Annotated[int, Field(ge=-NUMBER_MAX, le=NUMBER_MAX)]
"""A whole number an author writes for a variable, -1,000,000 to 1,000,000."""


class Strict(BaseModel):
    """Base for every file model: unknown keys are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class AsksFor(StrEnum):
    """What the person wants from the peer at this moment ("how can you help me?")."""

    validation = "validation"
    hope = "hope"
    practical = "practical"
    information = "information"


class Phase(StrEnum):
    """Where a story fragment sits in the arc of a recovery story."""

    before = "before"
    struggle = "struggle"
    turning_point = "turning-point"
    what_helped = "what-helped"
    now = "now"


HOPEFUL_PHASES = frozenset({Phase.turning_point, Phase.what_helped, Phase.now})

LAX = PydanticStrict(False)
"""Marks enum fields as accepting their text values (strict mode wants enum instances)."""
