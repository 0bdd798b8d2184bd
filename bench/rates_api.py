"""Bench: requests/s of /api/rates/latest against a bare Starlette "hello" endpoint, same load, same run.

Both servers are uvicorn (one worker, no access log) in a subprocess on 127.0.0.1, run one
after the other. The load is ``wrk`` when installed (``apt-get install wrk``), else an
httpx/asyncio client in this process. Steppe's store is SQLite, filled by a backfill of
90 days x 5 banks from the same generated fixtures as bench/rates_backfill.py.
Target: Steppe >= 50 % of the hello endpoint's requests/s. A third server runs the rates
router alone in a plain FastAPI app, to tell the endpoint's cost from the app's middleware.
The three servers run side by side and are loaded in turn, ``--rounds`` times, so that a
burst of load from other jobs on the machine skews one round rather than one endpoint;
the median of the per-round ratios is the figure.

    python bench/rates_api.py [--seconds 10] [--connections 32] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from statistics import median

import httpx

HERE = Path(__file__).resolve().parent

HELLO_APP = """
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

async def hello(request):
    return PlainTextResponse("hello")

app = Starlette(routes=[Route("/hello", hello)])
"""

ROUTER_ONLY_APP = """
import sys
from fastapi import FastAPI
from steppe.store import open_store
from steppe.web import rates_api

app = FastAPI()
app.state.store = open_store(sys.argv[-1], upgrade=False)
app.include_router(rates_api.api)
"""

STEPPE_APP = """
import sys
from steppe.store import open_store
from steppe.web.app import create_app

app = create_app(open_store(sys.argv[-1], upgrade=False))
"""


def fill(db: Path) -> None:
    """A store with 90 days of five banks' rates, through the real backfill."""
    sys.path.insert(0, str(HERE))
    from rates_backfill import BANKS, UNTIL, Fixtures
    from steppe.rates.sync import backfill
    from steppe.store import open_store

    since = UNTIL - timedelta(days=89)
    fixtures = Fixtures(db.parent, since)
    store = open_store(str(db))
    with httpx.Client(transport=httpx.MockTransport(fixtures.answer)) as client:
        backfill(store, client, since, UNTIL, BANKS)
    store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(source: str, folder: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    """Start uvicorn on a module written from ``source``; returns the process and base URL."""
    module = folder / f"app_{abs(hash(source))}.py"
    module.write_text(source)
    port = free_port()
    code = (
        f"import sys; sys.path.insert(0, {str(folder)!r}); import uvicorn; "
        f"from {module.stem} import app; "
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    process = subprocess.Popen([sys.executable, "-c", code, *extra])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/", timeout=1)
            return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("server did not start")


def load_wrk(url: str, seconds: int, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], check=True, capture_output=True, text=True
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


async def _load_httpx(url: str, seconds: int, connections: int) -> float:
    done = 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal done
            while time.monotonic() < stop:
                response = await client.get(url)
                response.raise_for_status()
                done += 1

        await asyncio.gather(*(worker() for _ in range(connections)))
    return done / seconds


def measure(url: str, seconds: int, connections: int) -> float:
    """Requests/s after a short warm-up."""
    httpx.get(url, timeout=30).raise_for_status()
    if shutil.which("wrk"):
        load_wrk(url, 2, connections)
        return load_wrk(url, seconds, connections)
    asyncio.run(_load_httpx(url, 2, connections))
    return asyncio.run(_load_httpx(url, seconds, connections))


TARGETS = (
    ("bare Starlette /hello", HELLO_APP, "/hello", False),
    ("Steppe /api/rates/latest", STEPPE_APP, "/api/rates/latest", True),
    ("  same, router alone in FastAPI", ROUTER_ONLY_APP, "/api/rates/latest", True),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--rounds", type=int, default=3, help="measure the endpoints in turn this many times; the median ratio counts"
    )
    args = parser.parse_args()
    tool = "wrk -t2" if shutil.which("wrk") else "httpx/asyncio"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "rates.db"
        fill(db)
        processes, urls, sizes = [], {}, {}
        try:
            for name, source, path, needs_db in TARGETS:
                process, url = serve(source, folder, *((str(db),) if needs_db else ()))
                processes.append(process)
                urls[name] = url + path
                sizes[name] = len(httpx.get(urls[name], timeout=30).content)
            # In turn, round after round: a burst of load from elsewhere hits one round, not one endpoint.
            rounds = [
                {name: measure(url, args.seconds, args.connections) for name, url in urls.items()}
                for _ in range(args.rounds)
            ]
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=10)
    hello, ours, alone = (name for name, *_ in TARGETS)
    print(
        f"rates API, {args.seconds} s per endpoint, {args.connections} connections, load: {tool}, "
        f"{args.rounds} rounds (endpoints in turn)"
    )
    for name in urls:
        figures = " ".join(f"{r[name]:7.0f}" for r in rounds)
        print(
            f"  {name:32} {figures} requests/s  (median {median(r[name] for r in rounds):7.0f}; "
            f"{sizes[name]} bytes per answer)"
        )
    ratios = [r[ours] / r[hello] for r in rounds]
    ratio = median(ratios)
    print(
        f"  ratio Steppe/hello by round: {' '.join(f'{x:.2f}' for x in ratios)}; median {ratio:.2f} "
        f"(target >= 0.50 -> {'met' if ratio >= 0.5 else 'MISSED'})"
    )
    print(
        f"  diagnostic: the rates router without the app's middleware and other routes: "
        f"{median(r[alone] / r[hello] for r in rounds):.2f}"
    )


if __name__ == "__main__":
    main()
