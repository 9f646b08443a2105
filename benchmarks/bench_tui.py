"""Terminal app benchmarks: launch to an interactive home screen, and key press to redraw.

Run: ``python -m benchmarks.bench_tui``. Launch is timed as whole processes (the
interpreter start included), for peersim and for a minimal Textual app measured the
same way in the same run; the figure that matters is their ratio. Nothing asserts.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = """
import time
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App[None]):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.ready)

    def ready(self):
        print(time.time(), flush=True)
        self.exit()

Minimal().run(headless=True, size=(80, 24))
"""

PEERSIM = """
import time
from simulator.tui.launch import build_app
from simulator.tui.screens.home import HomeScreen

app = build_app()  # as `peersim` starts: the remembered trainee id

def ready():
    if isinstance(app.screen, HomeScreen) and app.screen.is_mounted:
        print(time.time(), flush=True)
        app.exit()
    else:
        app.set_timer(0.001, ready)

app.call_after_refresh(ready)
app.run(headless=True, size=(80, 24))
"""


def launch_times(code: str, runs: int, env: dict[str, str]) -> list[float]:
    """From starting a process to the moment its first screen is interactive (the app
    prints the wall-clock time then), interpreter start-up included."""
    times = []
    for _ in range(runs):
        start = time.time()
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True)
        times.append(float(done.stdout.strip().splitlines()[-1]) - start)
    return times


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
        await pilot.press("enter", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConversationScreen)
        for _ in range(samples):
            start = time.perf_counter()
            await pilot.press("2")  # "That sounds exhausting..." -> the next beat, redrawn
            await pilot.pause()
            choice.append(time.perf_counter() - start)
            assert screen.session.state == "opening-up"
            screen.try_again(0)
            screen.refresh_turn()
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("z")  # an unbound key: the Pilot's own round trip
            await pilot.pause()
            idle.append(time.perf_counter() - start)
            # the same choice without the Pilot: handler, engine, record, then the repaint
            painted = asyncio.Event()
            start = time.perf_counter()
            screen.action_pick(2)
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
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "PEERSIM_DATA_DIR": data}
        os.environ["PEERSIM_DATA_DIR"] = data
        minimal = launch_times(MINIMAL, runs, env)
        first = launch_times(PEERSIM, 1, env)[0]  # builds the library index
        peersim = launch_times(PEERSIM, runs, env)
        keys = asyncio.run(key_latency(int(os.environ.get("BENCH_KEYS", "40"))))
    report = {
        "launch": {
            "runs": runs,
            "minimal_textual_median_s": round(statistics.median(minimal), 3),
            "peersim_median_s": round(statistics.median(peersim), 3),
            "ratio": round(statistics.median(peersim) / statistics.median(minimal), 2),
            "first_ever_launch_s": round(first, 3),
            "first_ever_ratio": round(first / statistics.median(minimal), 2),
        },
        "key_press_to_redraw": keys,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
