"""The few pages the server writes itself: signing in, and being refused.

Every page is fixed text; nothing a person typed is ever put back into a page (a
refused code is not echoed), so there is nothing to escape and nothing to inject.
"""

from __future__ import annotations

from html import escape

STYLE = """
body { font-family: system-ui, sans-serif; background: #0c181f; color: #f2f2f2;
       display: flex; align-items: center; justify-content: center; min-height: 90vh; }
main { max-width: 30rem; background: #12232d; padding: 2rem 2.5rem; border-radius: 8px; }
h1 { font-size: 1.4rem; margin-top: 0; }
label { display: block; margin: 1rem 0 0.4rem; }
input { font: 1.2rem monospace; width: 100%; padding: 0.5rem; box-sizing: border-box;
        letter-spacing: 0.05em; }
button { margin-top: 1.2rem; padding: 0.6rem 1.6rem; font-size: 1rem; background: #5e0ba7;
         color: #fff; border: none; border-radius: 4px; cursor: pointer; }
.note { color: #c8d3d9; font-size: 0.95rem; }
.problem { background: #5a1d1d; padding: 0.6rem 0.8rem; border-radius: 4px; }
"""


def page(title: str, body: str) -> str:
    """A whole page around ``body`` (which the callers build from fixed text only)."""
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def sign_in(cohort_title: str, problem: str = "") -> str:
    """The sign-in form, with an optional problem shown above it."""
    shown = f'<p class="problem" role="alert">{escape(problem)}</p>' if problem else ""
    return page("Sign in - peersim", f"""
<h1>Welcome to peersim</h1>
<p class="note">Practice for {escape(cohort_title)}. Sign in with the join code your
trainer gave you. It is yours alone: please keep it to yourself.</p>
{shown}
<form method="post" action="/sign-in" autocomplete="off">
<label for="code">Your join code</label>
<input id="code" name="code" required maxlength="64" autofocus
       spellcheck="false" autocapitalize="characters" placeholder="XXXXX-XXXXX-XXXXX-XXXXX">
<button type="submit">Sign in</button>
</form>""")


WRONG_CODE = ("That code did not work. Check it with your trainer's note (letters and"
              " digits, hyphens optional) and try again.")


def too_many(seconds: int) -> str:
    """The page shown while sign-in is paused for this browser."""
    minutes = max(1, round(seconds / 60))
    return sign_in_paused(f"There have been too many sign-in attempts. Please wait about"
                          f" {minutes} minute{'s' if minutes != 1 else ''} and try again.")


def sign_in_paused(message: str) -> str:
    """A page with a message and no form (for the wait after too many attempts)."""
    return page("Please wait - peersim",
                f'<h1>Please wait</h1><p class="problem" role="alert">{escape(message)}</p>'
                '<p><a href="/sign-in" style="color:#c9a8ff">Back to sign-in</a></p>')


def busy() -> str:
    """The page shown when the server is running as many apps as it may."""
    return page("Busy - peersim", "<h1>The class is full right now</h1><p>The server is"
                " running as many practice sessions as it can. Please try again in a"
                " few minutes, or ask your trainer.</p>")


def sign_in_busy() -> str:
    """The page shown when many people are signing in at the same moment."""
    return sign_in_paused("Many people are signing in right now. Please wait a few seconds"
                          " and try again.")


def open_already(count: int) -> str:
    """The page shown when a person already has as many app windows open as they may."""
    return page("Already open - peersim",
                f"<h1>You already have peersim open</h1><p>You have {count} practice"
                f" window{'s' if count != 1 else ''} open already. Please carry on in one"
                " of those, or close one and try again here.</p>")
