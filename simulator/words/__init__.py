"""Reading what a trainee types: detectors that explain themselves (issue 19).

``explain(text, mode, setting)`` returns every detection (a question, a hand-back,
asking leave to share, advice, claimed sameness, a reflection, the person's
concerns and asks named, readings and words) with its evidence quoted from the
text. Headless: no Textual, no network; the embedding model loads on first use.
"""

from simulator.words.choices import ReflectChoices, ShareChoices, reflect_choices, share_choices
from simulator.words.explain import explain
from simulator.words.results import MODES, Detection, Evidence, Explained, Mode
from simulator.words.setting import Setting

__all__ = ["MODES", "Detection", "Evidence", "Explained", "Mode", "ReflectChoices", "Setting",
           "ShareChoices", "explain", "reflect_choices", "share_choices"]
