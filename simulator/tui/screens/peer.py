"""Peer review in the trainee's app: who you review and who reviews you, and the
sessions of fellow trainees who agreed, to comment on as a peer.

Thin: consent and peer comments live in :mod:`simulator.records.peer_review`. Both
people agree (``i`` invites someone to review your sessions, ``a`` accepts someone's
invitation), either may withdraw (``x``); a session opens with enter, where ``c``
writes a strength, question or suggestion marked as peer review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList

from simulator.records.api import StoreError
from simulator.records.peer_review import PeerError, PeerReviews
from simulator.records.review import ReviewError
from simulator.tui.screens.review import COMMENT_CHOICES, SessionReviewScreen, SessionsScreen
from simulator.tui.screens.write import WriteScreen
from simulator.tui.text import clean

if TYPE_CHECKING:
    from simulator.tui.context import AppContext

AGREEMENT = "peer:"  # rows that describe an agreement, not a session


def _refusal(exc: Exception) -> str:
    reason = str(exc).rstrip(".") + "."
    return reason[0].upper() + reason[1:]


class PeerReviewScreen(SessionReviewScreen):
    """A fellow trainee's session, read with their consent; ``c`` comments as a peer."""

    BINDINGS = [Binding("c", "comment", "Comment")]
    role = "trainee"

    def write(self, kind: str, body: str, *, turn: int | None = None, **_ignored: object
              ) -> str | None:
        """A peer comment (only strengths, questions and suggestions)."""
        try:
            PeerReviews(self.store).comment(self.me, self.session_id, kind=kind, body=body,
                                            turn=turn)
        except (PeerError, ReviewError, StoreError) as exc:
            return _refusal(exc)
        self.reload()
        self.notify("Saved, marked as peer review.")
        return None

    def action_comment(self) -> None:
        """A strength, question or suggestion on the highlighted turn (or the session)."""
        turn, _entry = self.target()
        where = f"turn {turn + 1}" if turn is not None else "the whole session"
        self._ask(f"Peer comment on {where}", COMMENT_CHOICES,
                  lambda kind, body: self.write(kind, body, turn=turn))


class PeerSessionsScreen(SessionsScreen):
    """Your peer-review agreements, then the sessions you may review."""

    BINDINGS = [Binding("i", "invite", "Invite"), Binding("a", "accept", "Accept"),
                Binding("x", "withdraw", "Withdraw")]

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.peers = PeerReviews(ctx.store)
        super().__init__("Peer review: fellow trainees' sessions you both agreed to (enter"
                         " to read and comment)", self._rows, self._open)

    def _rows(self) -> list[tuple[str, Text]]:
        me = self.ctx.trainee_id
        out: list[tuple[str, Text]] = []
        owners: list[str] = []
        for consent in self.peers.consents(me):
            if consent.revoked_at:
                continue
            other = consent.reviewer_id if consent.owner_id == me else consent.owner_id
            both = self.peers.agreed(consent.owner_id, consent.reviewer_id)
            if consent.owner_id == me:
                line = f"{other} reviews your sessions" if both else \
                    f"you invited {other}; waiting for them to accept"
            else:
                line = f"you review {other}'s sessions" if both else \
                    f"waiting for {other} to invite you" if consent.side == "reviewer" \
                    else f"{other} invited you: a accepts"
                if both and other not in owners:
                    owners.append(other)
            if (AGREEMENT + line) not in {r[0] for r in out}:
                out.append((AGREEMENT + line, Text(clean(line), "italic")))
        for owner in owners:
            for summary in self.ctx.store.sessions(owner):
                if summary.completed_at:
                    out.append((summary.session_id, Text(clean(
                        f"{owner}  {summary.scenario_id}  {summary.started_at[:10]}"))))
        return out or [(AGREEMENT, Text("No peer review yet: i invites a fellow trainee to"
                                        " review your sessions, a accepts an invitation."))]

    def _open(self, session_id: str) -> PeerReviewScreen:
        from simulator.practice.supervision import story_texts

        return PeerReviewScreen(self.ctx.store, session_id, self.ctx.library,
                                me=self.ctx.trainee_id,
                                story_texts=story_texts(self.ctx.library, self.ctx.own_decks))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """An agreement's line only describes it; a session opens (the list's own handler,
        which Textual calls after this one unless stopped here)."""
        if (event.option.id or "").startswith(AGREEMENT):
            event.prevent_default()

    def _ask_for(self, title: str, then: str) -> None:
        def save(_choice: str, other: str) -> str | None:
            try:
                getattr(self.peers, then)(self.ctx.trainee_id, other.strip())
            except (PeerError, StoreError) as exc:
                return _refusal(exc)
            self.refill()
            return None

        self.app.push_screen(WriteScreen(title, submit=save, save_label="Save (ctrl+s)"))

    def action_invite(self) -> None:
        """Let a fellow trainee review your sessions (they accept too)."""
        self._ask_for("Invite a fellow trainee to review your sessions. Once they accept,"
                      " they read your finished sessions and the comments on them, as your"
                      " supervisor does (pieces of your own story are never named), until"
                      " either of you ends it with x. Their id (under Who, i, on home):",
                      "invite")

    def action_accept(self) -> None:
        """Agree to review a fellow trainee's sessions."""
        self._ask_for("Accept peer review of a fellow trainee's sessions: their id",
                      "accept")

    def action_withdraw(self) -> None:
        """End peer review with someone (either of you may, at any time)."""
        self._ask_for("End peer review with a fellow trainee: their id", "withdraw")
