"""``peersim serve``: the app in browsers for a classroom, behind peersim's own sign-in.

This package is the classroom's web server: sign-in (join codes, signed cookies, the
rate limit), the pages, the admission line in front of app starts, and the app
processes it runs (textual-serve's, started cold or forked warm). It never imports the
terminal UI or Textual: what runs inside an app process is the UI's (``simulator.tui``,
which reads only :mod:`simulator.serve.identity` and :mod:`simulator.serve.child`, two
modules with no imports of their own). Nothing in the headless core imports this
package, and the terminal app's start path never does: it pulls in aiohttp.
See docs/serving.md.
"""
