"""Classroom load: N simulated trainees practising at once through ``peersim serve``.

Run: ``python -m benchmarks.bench_serve [--levels 10,20,30 --keys 30 --runs 3]``. Not a
test. Each run starts its own server and store; the end says, for the largest level,
whether every run met the classroom goals (nobody dropped, every session completed, key
p95 under 150 ms, everyone's home screen within 3 s), judged by the worst run.

The real server runs as its own process (``python -m simulator serve``) on a loopback
port, with a fresh SQLite store of one cohort. Each simulated trainee signs in with
their own join code, opens the app over a websocket (one app process each, as in a
browser), waits for the home screen, then plays through scenarios key by key, reading
the footer to choose the next key as a person would (choose, continue, share, home),
with a short pause to think between keys. For every key the clock runs from sending it
to the first screen update that comes back (key-to-screen latency). While all N are
connected, each app process's memory is read from /proc (RSS, and PSS, which shares
the common libraries out fairly). The baseline is one trainee alone, measured in the
same run, because this 2-core machine is shared and noisy. A sign-in the server asks to
retry (HTTP 503, many signing in at once) is retried after its Retry-After, as a person
would, and counted. The server's own log is kept, and its warnings and errors counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")
MIB = 1024 * 1024


GOALS = {"key_p95_ms": 150.0, "home_max_s": 3.0}


@dataclass
class Trainee:
    """One simulated trainee's connection and what it measured."""

    code: str
    latencies: list[float] = field(default_factory=list)
    unanswered: int = 0
    home_after: float = 0.0
    dropped: str = ""  # why the connection ended early, if it did
    retried: int = 0  # sign-ins the server asked to try again


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def setup(folder: Path, trainees: int) -> list[str]:
    """A cohort of ``trainees`` with join codes, in a store in ``folder``."""
    env = {**os.environ, "PEERSIM_DATA_DIR": str(folder)}
    env.pop("PEERSIM_DATABASE_URL", None)
    run = [sys.executable, "-m", "simulator"]
    subprocess.run([*run, "cohort", "create", "bench"], env=env, check=True,
                   capture_output=True)
    out = subprocess.run([*run, "cohort", "add", "bench", "--new", str(trainees), "--codes"],
                         env=env, check=True, capture_output=True, text=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.strip()]


def ended(message: aiohttp.WSMessage) -> RuntimeError:
    """What the server said when it ended a connection early."""
    return RuntimeError(f"closed: {message.type.name} {message.data} {message.extra}")


KEYS = [("Replay from turn", "h"),  # the debrief: home, then start again
        ("Hold back", "\x13"),  # ctrl+s: share the piece offered
        ("Continue", "\r"), ("Choose", "1"), ("Start", "\r"), ("Close", "\r")]


def next_key(seen: bytes) -> str:
    """What a trainee would press next: the key of whichever footer was drawn last
    (``seen`` runs on across updates, since one update may redraw only part of the
    screen, and a body may mention a word a footer uses, so the latest one counts)."""
    text = ANSI.sub(b"", seen).decode("utf-8", "replace")
    found = [(text.rfind(word), key) for word, key in KEYS]
    where, key = max(found)
    return key if where >= 0 else "\r"


async def practise(base: str, trainee: Trainee, keys: int, rng: random.Random,
                   answer_within: float) -> None:
    """Sign in, open the app, wait for home, then press ``keys`` keys."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        while True:
            signed = await http.post(f"{base}/sign-in", data={"code": trainee.code},
                                     allow_redirects=False)
            if signed.status != 503:
                break
            trainee.retried += 1
            await asyncio.sleep(float(signed.headers.get("Retry-After", "5")))
        if signed.status != 303:
            raise RuntimeError(f"sign-in refused: {signed.status}")
        start = time.perf_counter()
        async with http.ws_connect(f"{base}/ws?width=100&height=30",
                                   max_msg_size=0) as ws:
            seen = b""
            while b"Tries" not in ANSI.sub(b"", seen):
                message = await ws.receive(timeout=120)
                if message.type != aiohttp.WSMsgType.BINARY:
                    raise ended(message)
                seen += message.data
            trainee.home_after = time.perf_counter() - start
            await asyncio.sleep(1.0)  # the library loads in the background after the paint
            seen = b""
            for _ in range(keys):
                seen = (await drain(ws, seen))[-65536:]
                key = next_key(seen)
                sent = time.perf_counter()
                await ws.send_str(json.dumps(["stdin", key]))
                try:
                    message = await ws.receive(timeout=answer_within)
                except TimeoutError:
                    trainee.unanswered += 1
                    continue
                if message.type != aiohttp.WSMsgType.BINARY:
                    raise ended(message)
                trainee.latencies.append(time.perf_counter() - sent)
                seen += message.data
                await asyncio.sleep(rng.uniform(0.4, 1.0))  # reading, thinking
            await ws.send_str(json.dumps(["stdin", "\x11"]))  # ctrl+q


async def drain(ws: aiohttp.ClientWebSocketResponse, seen: bytes) -> bytes:
    """Everything the app has drawn since the last read (the rest of the last update)."""
    while True:
        try:
            message = await ws.receive(timeout=0.05)
        except TimeoutError:
            return seen
        if message.type != aiohttp.WSMsgType.BINARY:
            raise ended(message)
        seen += message.data


def app_processes(server_pid: int) -> list[int]:
    """The server's app processes: its descendants (apps forked from its warm process
    are that process's children), not counting the warm process itself."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[1])
    found: list[int] = []
    frontier = {server_pid}
    while frontier:
        children = {pid for pid, parent in parents.items() if parent in frontier}
        found.extend(children)
        frontier = children
    return [pid for pid in found if not any(parent == pid for parent in parents.values())]


def memory(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MiB."""
    rss = pss = 0.0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024 / MIB
            elif line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024 / MIB
    except OSError:
        pass
    return rss, pss


def recorded(folder: Path) -> tuple[int, dict[str, str]]:
    """(turns recorded, completed sessions' trainees by session) in the store so far."""
    import sqlite3

    with sqlite3.connect(folder / "records.sqlite3") as db:
        turns = db.execute("SELECT COUNT(*) FROM turns").fetchone()[0]
        done = db.execute("SELECT id, trainee_id FROM sessions"
                          " WHERE completed_at IS NOT NULL").fetchall()
    return int(turns), {str(session): str(trainee) for session, trainee in done}


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def level(base: str, server_pid: int, codes: list[str], keys: int,
                seed: int, answer_within: float) -> dict[str, Any]:
    """N trainees at once; their latencies and their app processes' memory."""
    rng = random.Random(seed)
    trainees = [Trainee(code) for code in codes]
    memory_seen: list[tuple[float, float]] = []

    async def sample_memory() -> None:
        await asyncio.sleep(len(codes) * 0.3 + 8)  # all arrived and practising
        memory_seen.extend(memory(pid) for pid in app_processes(server_pid))

    async def arrive(index: int, trainee: Trainee) -> None:
        await asyncio.sleep(index * 0.25)  # a class arriving, not one instant
        try:
            await practise(base, trainee, keys, random.Random(rng.random()), answer_within)
        except (RuntimeError, aiohttp.ClientError, TimeoutError) as exc:
            trainee.dropped = f"{type(exc).__name__}: {exc}"[:80]  # reported, not hidden

    sampler = asyncio.create_task(sample_memory())
    await asyncio.gather(*(arrive(i, t) for i, t in enumerate(trainees)))
    await sampler
    latencies = [x for t in trainees for x in t.latencies]
    rss = [m[0] for m in memory_seen]
    pss = [m[1] for m in memory_seen]
    return {
        "trainees": len(codes),
        "keys_measured": len(latencies),
        "keys_unanswered": sum(t.unanswered for t in trainees),
        "connections_dropped": sum(bool(t.dropped) for t in trainees),
        "sign_ins_retried": sum(t.retried for t in trainees),
        "dropped_because": sorted({t.dropped for t in trainees if t.dropped}),
        "key_p50_ms": 1000 * quantile(latencies, 0.5),
        "key_p95_ms": 1000 * quantile(latencies, 0.95),
        "home_p50_s": statistics.median([t.home_after for t in trainees if t.home_after]
                                        or [0.0]),
        "home_max_s": max(t.home_after or float("inf") for t in trainees),  # never: inf
        "apps_sampled": len(memory_seen),
        "rss_mean_mib": statistics.mean(rss) if rss else 0.0,
        "rss_max_mib": max(rss, default=0.0),
        "pss_mean_mib": statistics.mean(pss) if pss else 0.0,
    }


def one_run(args: argparse.Namespace, levels: list[int]) -> dict[str, Any]:
    """One server, one fresh store: the baseline, then each level."""
    folder = Path(tempfile.mkdtemp(prefix="peersim-bench-serve-"))
    log_path = Path(tempfile.mkstemp(prefix="peersim-bench-serve-", suffix=".log")[1])
    try:
        load_before = os.getloadavg()[0]
        codes = setup(folder, max(levels))
        port = free_port()
        env = {**os.environ, "PEERSIM_DATA_DIR": str(folder)}
        env.pop("PEERSIM_DATABASE_URL", None)
        extra = ["--starting", str(args.starting)] if args.starting else []
        with log_path.open("w") as log:
            server = subprocess.Popen([sys.executable, "-m", "simulator", "serve", "--cohort",
                                       "bench", "--port", str(port), "--max-apps",
                                       str(max(levels) + 5), *extra], env=env,
                                      stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                if "serving cohort" in log_path.read_text():
                    break
                time.sleep(0.1)
            results: dict[str, dict[str, Any]] = {}
            for name, n in [("baseline_one_trainee", 1)] + [(f"trainees_{n}", n)
                                                            for n in levels]:
                time.sleep(3)  # the previous level's apps have quit
                before = recorded(folder)
                results[name] = asyncio.run(level(base, server.pid, codes[:n], args.keys,
                                                  args.seed, args.answer_within))
                after = recorded(folder)
                results[name]["turns_recorded"] = after[0] - before[0]
                completed = {s: t for s, t in after[1].items() if s not in before[1]}
                results[name]["sessions_completed"] = len(completed)
                results[name]["trainees_who_completed"] = len(set(completed.values()))
                results[name]["load_average_1m_after"] = os.getloadavg()[0]
            base_p95 = results["baseline_one_trainee"]["key_p95_ms"]
            for figures in results.values():
                figures["p95_vs_one"] = figures["key_p95_ms"] / base_p95
            server_rss = memory(server.pid)[0]
        finally:
            server.terminate()
            server.wait(30)
        lines = log_path.read_text().splitlines()
        return {"levels": results, "server_rss_mib": server_rss,
                "load_average_1m_before": load_before,
                "server_log_problems": [line for line in lines
                                        if " WARNING " in line or " ERROR " in line
                                        or "failed" in line or "Unknown child" in line][:20]}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        log_path.unlink(missing_ok=True)


def verdict(runs: list[dict[str, Any]], top: int) -> tuple[dict[str, float], bool]:
    """The worst of the runs at ``top`` trainees, and whether it meets every goal."""
    at = [run["levels"][f"trainees_{top}"] for run in runs]
    worst = {
        "connections_dropped": max(f["connections_dropped"] for f in at),
        "sessions_completed": min(f["sessions_completed"] for f in at),
        "trainees_who_completed": min(f["trainees_who_completed"] for f in at),
        "key_p50_ms": max(f["key_p50_ms"] for f in at),
        "key_p95_ms": max(f["key_p95_ms"] for f in at),
        "home_p50_s": max(f["home_p50_s"] for f in at),
        "home_max_s": max(f["home_max_s"] for f in at),
    }
    ok = (worst["connections_dropped"] == 0 and worst["trainees_who_completed"] >= top
          and worst["key_p95_ms"] < GOALS["key_p95_ms"]
          and worst["home_max_s"] < GOALS["home_max_s"])
    return worst, ok


def summary(name: str, f: dict[str, Any]) -> str:
    """One line of figures."""
    return (f"{name}: dropped {f['connections_dropped']}, sessions completed"
            f" {f['sessions_completed']} (by {f['trainees_who_completed']} trainees), key"
            f" p50/p95 {f['key_p50_ms']:.0f}/"
            f"{f['key_p95_ms']:.0f} ms, home p50/worst {f['home_p50_s']:.1f}/"
            f"{f['home_max_s']:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="10,20,30")
    parser.add_argument("--keys", type=int, default=30, help="keys per trainee")
    parser.add_argument("--runs", type=int, default=1, help="runs, each with its own server")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--starting", type=int, default=0,
                        help="the server's --starting (0: its default)")
    parser.add_argument("--answer-within", type=float, default=10.0,
                        help="seconds to wait for a screen update before counting a key"
                             " as unanswered")
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    runs = []
    for number in range(1, args.runs + 1):
        run = one_run(args, levels)
        runs.append(run)
        print(json.dumps({"run": number, **run}, indent=2), flush=True)
    top = max(levels)
    worst, ok = verdict(runs, top)
    loads = ", ".join(f"{run['load_average_1m_before']:.1f}" for run in runs)
    print(f"cpus {os.cpu_count()}; load average (1 min) before each run: {loads}")
    for number, run in enumerate(runs, start=1):
        one, at = run["levels"]["baseline_one_trainee"], run["levels"][f"trainees_{top}"]
        print(summary(f"run {number}, 1 trainee", one))
        print(summary(f"run {number}, {top} trainees", at)
              + f" (p95 {at['p95_vs_one']:.1f}x one trainee's)")
    print(summary(f"worst of {len(runs)} at {top}", worst))
    print(f"{'PASS' if ok else 'FAIL'}: at {top} trainees, in every run: nobody dropped,"
          f" every trainee completed a session, key p95 under {GOALS['key_p95_ms']:.0f} ms, home"
          f" screen within {GOALS['home_max_s']:.0f} s")


if __name__ == "__main__":
    main()
