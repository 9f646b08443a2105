"""``peersim serve``: the app in browsers for a classroom, behind peersim's own sign-in.

This package holds sign-in (join codes, signed cookies, the rate limit), the pages and
the identity names; the server itself, which runs textual-serve, is the UI's
(``simulator.tui.classroom``). Nothing in the headless core imports either, and the
terminal app's start path never does: they pull in aiohttp. See docs/serving.md.
"""
