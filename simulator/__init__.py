"""peersim: a terminal training simulator for strategic storytelling in peer work.

The package is split into a headless core (``model``, ``loading``, ``engine``,
``scoring``, ``cli``) and the Textual UI in ``simulator.tui``. Only the UI may
import Textual; ``tests/test_boundaries.py`` enforces that.
"""

__version__ = "0.1.0"
