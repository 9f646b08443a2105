"""Paraphrase by a small static embedding model, loaded only when first needed.

Why this model: WordLlama ships its 256-dimension weights and its tokenizer inside
the package from the registry, so it runs on a trainee's laptop with no network and
no torch; it embeds a sentence in well under a millisecond. It is weak on its own
(research/assessment.md), so it only adds a theme the phrasebook's words missed,
when a sentence is clearly closer to that theme than to the others.

Why lazy: opening the app must not pay for numpy and the weights; the first typed
turn does (about half a second, once). When the package is not installed, or
fails to load, the detectors fall back to the phrasebook alone and say so
(:func:`available`).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Collection, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

#: set to "0" to keep the model from loading (the phrasebook alone is used)
ENV = "PEERSIM_PARAPHRASE"
#: cosine similarity a response needs with a theme to name it by paraphrase
THRESHOLD = 0.3
#: ... and the theme must be among this many closest of the whole vocabulary
TOP = 2

_state: dict[str, Any] = {}


def _load() -> Any | None:
    if "model" in _state:
        return _state["model"]
    model: Any | None = None
    if os.environ.get(ENV, "1") != "0":
        try:
            module = importlib.import_module("wordllama")
            folder = Path(module.__file__ or "").parent
            model = module.WordLlama.load(cache_dir=folder, disable_download=True)
        except Exception:  # any failure means: no paraphrase, never a crash
            model = None
    _state["model"] = model
    return model


def available() -> bool:
    """Whether the model is installed and loads (loading it if it has not yet)."""
    return _load() is not None


def loaded() -> bool:
    """Whether the model has been loaded in this process (for the launch-time test)."""
    return _state.get("model") is not None


@lru_cache(maxsize=512)
def _theme_vector(text: str) -> Any:
    model = _load()
    return model.embed([text], norm=True)[0] if model is not None else None


def closest(text: str, themes: Sequence[tuple[str, str]], wanted: Collection[str]
            ) -> list[tuple[str, float]]:
    """Of the ``wanted`` themes, those ``text`` paraphrases, with their similarity: at
    least :data:`THRESHOLD`, and among the :data:`TOP` closest of all ``themes`` (id,
    describing text), so a theme is named only when the text is about it more than
    about nearly everything else."""
    model = _load()
    if model is None or not themes:
        return []
    vec = model.embed([text], norm=True)[0]
    scored = sorted(((tid, float(vec @ _theme_vector(body))) for tid, body in themes),
                    key=lambda pair: -pair[1])
    return [(tid, score) for tid, score in scored[:TOP]
            if tid in wanted and score >= THRESHOLD]
