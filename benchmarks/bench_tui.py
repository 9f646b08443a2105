"""Terminal app benchmarks: launch to an interactive home screen, and key press to redraw.

Run: ``python -m benchmarks.bench_tui`` (Linux or macOS: it needs a pseudo-terminal).
Launch is timed as a person meets it: the real ``peersim`` entry point runs in a
pseudo-terminal of 80x24, and the clock stops when the terminal shows the whole home
screen, the library table and the footer's keys included. A minimal Textual app
(header, text, footer) is measured the same way, interleaved with peersim's launches so
that drift in a noisy machine hits both alike; the figure that matters is their ratio.
peersim's modules are compiled to bytecode first, as they are after an install.
Nothing asserts.
"""

from __future__ import annotations

import asyncio
import compileall
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App[None]):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

Minimal().run()
"""
MINIMAL_SHOWN = (b"hello", b"palette")  # its text, and the footer's one key

PEERSIM = "from simulator.cli.main import main; raise SystemExit(main())"  # as `peersim`
PEERSIM_SHOWN = (b"Tries", b"Loud again", b"Start", b"Who")  # table, a row, footer keys

# escape sequences, so the plain text of what the terminal was sent can be searched
ANSI = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)"
                  rb"|P[^\x1b]*\x1b\\|[()][0-9A-Za-z]|[=>78cDEHMNOZ])")


def _finish(pid: int, fd: int) -> None:
    """Quit the app with ctrl+q and reap it (killed if it will not go)."""
    os.write(fd, b"\x11")
    deadline = time.perf_counter() + 5
    while time.perf_counter() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                if not os.read(fd, 1 << 16):
                    break
            except OSError:
                break
        if os.waitpid(pid, os.WNOHANG)[0]:
            os.close(fd)
            return
    else:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)


def launch_time(code: str, shown: tuple[bytes, ...], env: dict[str, str]) -> float:
    """Seconds from starting ``python -c code`` in an 80x24 pseudo-terminal until the
    terminal has been sent every one of ``shown`` (interpreter start-up included)."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: an 80x24 terminal, then the app
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-c", code], env)
    sent = b""
    try:
        while time.perf_counter() - start < 30:
            if not select.select([fd], [], [], 0.5)[0]:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            sent += chunk
            plain = ANSI.sub(b"", sent)
            if all(part in plain for part in shown):
                return time.perf_counter() - start
    finally:
        _finish(pid, fd)
    raise RuntimeError(f"the app never showed {shown!r}; it sent:\n"
                       f"{ANSI.sub(b'', sent)[-1500:].decode(errors='replace')}")


def _choice_to_a_share(screen: Any) -> tuple[str, str]:
    """The number key of the first line on the conversation screen's menu that leads to
    a beat whose menu offers a share (else the first that leads anywhere new), and that
    beat: found through ``Engine.menu()``, as the screen numbers it (shuffled per
    session), so no scenario's state names are written here."""
    from simulator.engine.menu import Offer
    from simulator.model.plan import Step

    engine, session = screen.engine, screen.session
    moves: list[tuple[str, str, bool]] = []
    for number, item in enumerate(screen.menu().items[:9], 1):
        if item.line is None:
            continue
        after = engine.restore(engine.save(session))
        engine.choose(after, Step(line=item.line.id))
        if after.state != session.state and engine.beat(after) is not None:
            moves.append((str(number), after.state, engine.menu(after).offers(Offer.share)))
    if not moves:
        raise SystemExit(f"no line at {session.state!r} leads to another beat")
    key, state, _share = next((m for m in moves if m[2]), moves[0])
    return key, state


async def key_latency(samples: int) -> dict[str, float]:
    """Key press on a choice to the updated conversation screen, in assessment mode."""
    from textual.widgets import DataTable

    from simulator.tui.launch import build_app
    from simulator.tui.screens.conversation import ConversationScreen

    app = build_app(trainee_id="t-bench")
    app.ctx.mode = "assessment"
    choice: list[float] = []
    idle: list[float] = []
    handled: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#library", DataTable)
        table.move_cursor(row=table.get_row_index("loud-again"))
        await pilot.press("enter", "enter", "enter")  # content notes, the person's card
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        for _ in range(samples):
            key, after = _choice_to_a_share(screen)
            start = time.perf_counter()
            await pilot.press(key)  # a line that moves on to the next beat, redrawn
            await pilot.pause()
            choice.append(time.perf_counter() - start)
            assert screen.session.state == after, (screen.session.state, after)
            screen.try_again(0)
            screen.refresh_turn()
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("z")  # an unbound key: the Pilot's own round trip
            await pilot.pause()
            idle.append(time.perf_counter() - start)
            # the same choice without the Pilot: handler, engine, record, then the repaint
            key, after = _choice_to_a_share(screen)
            painted = asyncio.Event()
            start = time.perf_counter()
            screen.action_pick(int(key))
            app.call_after_refresh(painted.set)
            await painted.wait()
            handled.append(time.perf_counter() - start)
            screen.try_again(0)
            screen.refresh_turn()
            await pilot.pause()

    def ms(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)

    return {"samples": samples, "choice_p50_ms": ms(choice, 0.5), "choice_p95_ms": ms(choice, 0.95),
            "unbound_key_p50_ms": ms(idle, 0.5),
            "handler_to_repaint_p50_ms": ms(handled, 0.5),
            "handler_to_repaint_p95_ms": ms(handled, 0.95),
            "ratio_p50": round(statistics.median(choice) / statistics.median(idle), 2)}


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "15"))
    # An installed app runs from bytecode, as Textual does here; without this, a machine
    # that sets PYTHONDONTWRITEBYTECODE would compile peersim's modules at every launch.
    compileall.compile_dir(ROOT / "simulator", quiet=1)
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PEERSIM_DATA_DIR": data, "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        os.environ["PEERSIM_DATA_DIR"] = data
        first = launch_time(PEERSIM, PEERSIM_SHOWN, env)  # builds the library index
        minimal: list[float] = []
        peersim: list[float] = []
        for _ in range(runs):  # interleaved, so drift hits both alike
            minimal.append(launch_time(MINIMAL, MINIMAL_SHOWN, env))
            peersim.append(launch_time(PEERSIM, PEERSIM_SHOWN, env))
        keys = asyncio.run(key_latency(int(os.environ.get("BENCH_KEYS", "40"))))
    paired = [p / m for p, m in zip(peersim, minimal, strict=True)]
    report = {
        "launch": {
            "runs": runs,
            "minimal_textual_median_s": round(statistics.median(minimal), 3),
            "peersim_median_s": round(statistics.median(peersim), 3),
            "ratio": round(statistics.median(peersim) / statistics.median(minimal), 2),
            "paired_ratio_median": round(statistics.median(paired), 2),
            "first_ever_launch_s": round(first, 3),
            "first_ever_ratio": round(first / statistics.median(minimal), 2),
        },
        "key_press_to_redraw": keys,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
