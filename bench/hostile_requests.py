"""The front page's latency while hostile requests are fired at the same server (issue 17's target: within 2x idle).

The demo desk is served by uvicorn (one worker, as `steppe serve` runs it) on 127.0.0.1 in this
process. First the front page alone: --requests GETs one after another, p50/p95 (the baseline).
Then the same GETs while --attackers threads fire the hostile inputs of issue 17 without pause:
amounts with huge exponents and too many digits, search cursors past 2**63, list cursors at the
calendar's end, out-of-range dates on lists, searches, feeds, the digest and the rates API, long
queries and unknown routes. Prints both p95s and their ratio, the slowest hostile answer, and any
hostile answer that was a 5xx.

    python bench/hostile_requests.py [--requests 300] [--attackers 4] [--page-cache 30]
"""

from __future__ import annotations

import argparse
import base64
import itertools
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from steppe.config import load_settings
from steppe.demo import build_demo
from steppe.store import open_store
from steppe.web.app import create_app


def _b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


HOSTILE = [
    "/api/rates/latest?base=USD&symbols=KZT&amount=9e999999999999999999",
    "/api/rates/latest?base=USD&symbols=KZT&amount=1e999999",
    "/api/rates/latest?base=USD&symbols=KZT&amount=1e-999999",
    "/api/rates/latest?base=USD&amount=1.00000000000000000000000000001",
    "/api/v1/search?q=bank&cursor=" + _b64(f"k|{2**64}"),
    "/api/v1/stories?cursor=" + _b64("9999-12-31T23:59:59-23:59|5"),
    "/stories?cursor=" + _b64("0001-01-01T00:00:00+23:59|5"),
    "/api/v1/stories?until=9999-12-31",
    "/search?q=bank&until=9999-12-31",
    "/feeds/search.rss?q=bank&until=9999-12-31",
    "/digest/9999-12-31",
    "/api/rates/0001-01-01",
    "/api/rates/0001-01-01..9999-12-31",
    "/api/v1/search?q=" + "tokayev+" * 60,
    "/search?q=" + "ы" * 400,
    "/no-such-page/" + "x" * 2000,
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(store, page_cache: float) -> tuple[uvicorn.Server, str]:
    """The app on a free port in a daemon thread; returns the server and its base URL."""
    port = free_port()
    settings = load_settings({"web.port": port, "web.page_cache_seconds": page_cache}, env={}, toml_path="/none")
    server = uvicorn.Server(uvicorn.Config(create_app(store, settings), port=port, log_level="error", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(url + "/api/openapi.json", timeout=1)
            return server, url
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit("the server did not start")


def front_page_times(url: str, count: int) -> list[float]:
    """Seconds each of ``count`` sequential GETs of / took."""
    times = []
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(count):
            start = time.perf_counter()
            client.get("/").raise_for_status()
            times.append(time.perf_counter() - start)
    return times


def attack(url: str, stop: threading.Event, slowest: list, errors: list) -> None:
    """Fire the hostile requests in a loop until ``stop``; keep the slowest answer and any 5xx."""
    with httpx.Client(base_url=url, timeout=120) as client:
        for path in itertools.cycle(HOSTILE):
            if stop.is_set():
                return
            start = time.perf_counter()
            status = client.get(path).status_code
            took = time.perf_counter() - start
            slowest.append((took, status, path[:70]))
            if status >= 500:
                errors.append((status, path[:70]))


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--attackers", type=int, default=4)
    parser.add_argument("--page-cache", type=float, default=30.0, help="web.page_cache_seconds (0: off)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "desk.db"))
        build_demo(store)
        server, url = serve(store, args.page_cache)
        front_page_times(url, 20)  # warm up
        idle = front_page_times(url, args.requests)
        stop, slowest, errors = threading.Event(), [], []
        threads = [threading.Thread(target=attack, args=(url, stop, slowest, errors)) for _ in range(args.attackers)]
        for thread in threads:
            thread.start()
        time.sleep(0.5)  # the attack is under way before the front page is timed again
        busy = front_page_times(url, args.requests)
        stop.set()
        for thread in threads:
            thread.join()
        server.should_exit = True
    idle_p95, busy_p95 = p95(idle) * 1000, p95(busy) * 1000
    worst = max(slowest)
    print(f"front page, idle:           p50 {statistics.median(idle) * 1000:8.1f} ms   p95 {idle_p95:8.1f} ms")
    print(f"front page, under attack:   p50 {statistics.median(busy) * 1000:8.1f} ms   p95 {busy_p95:8.1f} ms")
    print(f"ratio (attack p95 / idle p95): {busy_p95 / idle_p95:.2f}  (target <= 2.0)")
    print(f"hostile requests answered: {len(slowest)}, 5xx: {len(errors)}, slowest {worst[0] * 1000:.1f} ms")
    print(f"  slowest: {worst[1]} {worst[2]}")
    for status, path in errors[:10]:
        print(f"  5xx: {status} {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
