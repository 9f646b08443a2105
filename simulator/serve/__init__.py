"""``peersim serve``: the app in browsers for a classroom, behind peersim's own sign-in.

Nothing in the headless core imports this package, and the terminal app's start path
never does either: it pulls in aiohttp and textual-serve. See docs/serving.md.
"""
