"""Serving speed on a synthetic 100,000-story SQLite desk: in process, and under load over HTTP.

The desk is the demo (real stories, rates) plus N stories from bench/corpus.py in its DESK shape
(~250-word stories over ~18 months, a Zipf vocabulary, people and organisations), built once.

In process (default): full requests through the app (routing, query, template), p50/p95 of the
search page, the search API and the front page beside the targets of issue 7 (search <= 50 ms,
front page <= 30 ms).

Under load (--load): the app (create_app, as `steppe serve` runs it: uvicorn, one worker) and a
bare Starlette "hello" app each run in their own process on 127.0.0.1; wrk (bench/serve_load.lua)
drives the front page, the search page (a random query from QUERIES each request) and
/api/rates/latest, then the hello app again, each for --seconds at --connections; prints req/s,
p50/p99 latency and errors (non-2xx responses and socket errors, timeouts included) beside the
mean of the two hello runs, and the ratio. Issue 8 targets: 0 errors, and cached pages at least
50 % of the hello app's req/s. The store is opened without migrations, so --db is only read.

    python bench/serve.py [--stories N] [--db PATH] [--requests N]
    python bench/serve.py --load --db PATH [--seconds 60] [--connections 64] [--timeout 10]
"""

from __future__ import annotations

import argparse
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
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
from fastapi.testclient import TestClient

from corpus import DESK, fill_store, vocabulary
from steppe.demo import build_demo
from steppe.publish import queries
from steppe.store import open_store
from steppe.web.app import create_app

HERE = Path(__file__).resolve().parent
TARGETS_MS = {"search (HTML)": 50.0, "search (API)": 50.0, "front page": 30.0}
# Leaders, capitals and subjects of the synthetic events (frequent), words of the demo's real
# stories (rare), and made-up words of the corpus vocabulary at Zipf ranks 30, 300 and 3,000.
QUERIES = (
    "Tokayev",
    "Токаев",
    "Mirziyoyev",
    "Бишкек",
    "railway",
    "hydropower",
    "grain export",
    "газопровода",
    "satellite",
    "Rogun",
    "Almaty",
    "Tokayev railway",
    vocabulary("en")[30],
    vocabulary("en")[300],
    vocabulary("en")[3000],
    vocabulary("ru")[300],
)
LOAD_SCRIPT = HERE / "serve_load.lua"
APP_SERVER = """
import sys, uvicorn
from steppe.store import open_store
from steppe.web.app import create_app
app = create_app(open_store(sys.argv[1], upgrade=False))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""
BARE_SERVER = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

async def hello(request):
    return PlainTextResponse("hello")

app = Starlette(routes=[Route("/hello", hello)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def build_corpus(target: str, count: int, seed: int = 7) -> None:
    """A store with the demo desk (rates, real stories) plus ``count`` synthetic DESK-shaped stories."""
    store = open_store(target)
    build_demo(store)
    store.close()
    filled = fill_store(target, count, seed=seed, shape=DESK, progress=True)
    print(f"  {filled.stored:,} synthetic stories, {filled.raw_bytes / 1e6:.0f} MB of headline and text")


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))]


def time_requests(client: TestClient, paths: list[str]) -> list[float]:
    """Milliseconds per request, after one warm-up pass."""
    for path in paths[:10]:
        client.get(path)
    times = []
    for path in paths:
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return times


def in_process(target: str, requests: int) -> None:
    """p50/p95 of full requests through the app in this process."""
    store = open_store(target)
    print(f"corpus: {queries.front_page(store).story_count:,} stories")
    client = TestClient(create_app(store))
    rng = random.Random(1)
    plans = {
        "search (HTML)": [f"/search?q={rng.choice(QUERIES)}" for _ in range(requests)],
        "search (API)": [f"/api/v1/search?q={rng.choice(QUERIES)}&limit=20" for _ in range(requests)],
        "front page": ["/"] * requests,
    }
    print(f"{'request':<16}{'p50 ms':>10}{'p95 ms':>10}{'target p95':>12}{'ratio':>8}")
    for name, paths in plans.items():
        times = time_requests(client, paths)
        p95 = percentile(times, 95)
        print(
            f"{name:<16}{statistics.median(times):>10.1f}{p95:>10.1f}{TARGETS_MS[name]:>12.0f}"
            f"{p95 / TARGETS_MS[name]:>8.2f}"
        )
    store.close()


# --- under load ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """One wrk run: throughput, latency and errors."""

    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int  # connect, read, write and timeouts

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


@dataclass(frozen=True)
class Target:
    """What one load run drives: a server, the paths it picks from, and whether the answer is cached."""

    name: str
    base: str
    paths: tuple[str, ...]
    cached: bool | None  # None for the baseline


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(code: str, db: str, probe: str) -> tuple[subprocess.Popen, str]:
    """Run a uvicorn server (``code``) in its own process; returns it and its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", code, db, str(port)])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + probe, timeout=5).status_code == 200:
                return process, base
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            break
        time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server for {probe} did not start")


def run_wrk(target: Target, seconds: int, connections: int, timeout: int) -> Load:
    """Drive one target with wrk and the bench's Lua script; parse its summary line."""
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={timeout}s",
        "-s",
        str(LOAD_SCRIPT),
        target.base + target.paths[0],
        "--",
        *target.paths,
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    found = re.search(r"^LOAD (.*)$", out, re.MULTILINE)
    if not found:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    n = {key: int(value) for key, value in (pair.split("=") for pair in found.group(1).split())}
    return Load(
        requests=n["requests"],
        per_second=n["requests"] / (n["duration_us"] / 1e6),
        p50_ms=n["p50_us"] / 1000,
        p99_ms=n["p99_us"] / 1000,
        non_2xx=n["non2xx"],
        socket_errors=n["connect"] + n["read"] + n["write"] + n["timeout"],
    )


def _row(name: str, load: Load, ratio: str, verdict: str) -> str:
    return (
        f"{name:<28}{load.per_second:>10,.0f}{load.p50_ms:>10.1f}{load.p99_ms:>10.1f}"
        f"{load.errors:>8,}{ratio:>8}  {verdict}"
    )


def under_load(db: str, seconds: int, connections: int, timeout: int) -> None:
    """The app and the hello baseline over HTTP, driven by wrk one after the other."""
    if not shutil.which("wrk"):
        sys.exit("--load needs wrk (apt-get install wrk)")
    app, app_base = start_server(APP_SERVER, db, "/api/rates/latest")
    bare, bare_base = start_server(BARE_SERVER, db, "/hello")
    searches = tuple(f"/search?q={quote(q)}" for q in QUERIES)
    targets = [
        Target("bare Starlette /hello", bare_base, ("/hello",), None),
        Target("front page /", app_base, ("/",), True),  # web/page_cache.py replays it
        Target(f"search page ({len(searches)} queries)", app_base, searches, False),
        Target("/api/rates/latest", app_base, ("/api/rates/latest",), True),
        Target("bare Starlette /hello again", bare_base, ("/hello",), None),
    ]
    results: list[tuple[Target, Load]] = []
    try:
        print(
            f"wrk -t2 -c{connections} -d{seconds}s --timeout {timeout}s, one target after another; "
            f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )
        for target in targets:
            run_wrk(target, 3, connections, timeout)  # warm-up: caches, connections, JIT of the Lua script
            results.append((target, run_wrk(target, seconds, connections, timeout)))
            print(f"  {target.name}: done", flush=True)
    finally:
        for process in (app, bare):
            process.terminate()
            process.wait(timeout=30)
    report(results)


def report(results: list[tuple[Target, Load]]) -> None:
    """The table: each target beside the mean of the hello runs, with the issue 8 verdicts."""
    bare = statistics.mean(load.per_second for target, load in results if target.cached is None)
    print(f"{'target':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'ratio':>8}")
    for target, load in results:
        if target.cached is None:
            print(_row(target.name, load, "", "baseline"))
            continue
        ratio = load.per_second / bare
        verdict = ("cached: target >= 0.50 " + ("met" if ratio >= 0.5 else "MISSED")) if target.cached else "not cached"
        print(_row(target.name, load, f"{ratio:.3f}", verdict))
    errors = sum(load.errors for _, load in results)
    details = ", ".join(
        f"{t.name}: {load.non_2xx} non-2xx + {load.socket_errors} socket" for t, load in results if load.errors
    )
    print(f"errors: {errors:,} (target 0: {'met' if errors == 0 else 'MISSED'}){'; ' + details if details else ''}")
    print(
        f"bare baseline: mean of {sum(1 for t, _ in results if t.cached is None)} runs, {bare:,.0f} req/s; "
        f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--db", default=None, help="Reuse (or build) the corpus here.")
    parser.add_argument("--load", action="store_true", help="Drive the app over HTTP with wrk.")
    parser.add_argument("--seconds", type=int, default=60, help="Length of each load run.")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--timeout", type=int, default=10, help="wrk's client timeout in seconds.")
    args = parser.parse_args()
    target = args.db or str(Path(tempfile.mkdtemp(prefix="steppe-bench-")) / "serve.db")
    if not Path(target).exists():
        began = time.perf_counter()
        build_corpus(target, args.stories)
        print(f"built the demo and {args.stories:,} synthetic stories in {time.perf_counter() - began:.0f} s: {target}")
    if args.load:
        under_load(target, args.seconds, args.connections, args.timeout)
    else:
        in_process(target, args.requests)


if __name__ == "__main__":
    main()
