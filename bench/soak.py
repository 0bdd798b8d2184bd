"""Soak: `steppe run --no-web` against 200 local feeds for N minutes, its memory sampled.

Serves 200 sources from loopback addresses (127.0.0.1, 127.0.0.2, ... one "host" per
address, ten sources each): RSS, Atom and JSON feeds of teasers whose article pages
have to be fetched, new items appearing over time, validators and 304s, and one source
in eight faulty (500s, 429 with Retry-After, slow drip, malformed XML, HTML, truncated
bodies, redirect loops, gzip bombs, broken article links, intermittent failures).
Runs the real command in a subprocess on a fresh SQLite file with short intervals,
samples its RSS every 10 s and prints start/max/end RSS, the slope over the second
half, stories stored, requests served and errors. Never reaches past 127.0.0.0/8.

Usage: python bench/soak.py [--minutes 30] [--sources 200] [--hosts 20]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

FAULTS = (
    "status-500",
    "rate-limited",
    "slow-drip",
    "malformed",
    "html-not-feed",
    "truncated",
    "redirect-loop",
    "gzip-bomb",
    "broken-articles",
    "flaky",
)
WORDS = (
    "Astana",
    "Bishkek",
    "Tashkent",
    "Dushanbe",
    "Ashgabat",
    "Almaty",
    "Samarkand",
    "Osh",
    "Khujand",
    "Termez",
    "water",
    "power",
    "railway",
    "grain",
    "cotton",
    "tariff",
    "border",
    "ministry",
    "parliament",
    "bank",
    "currency",
    "reservoir",
    "pipeline",
    "customs",
    "delegation",
    "corridor",
    "harvest",
    "budget",
    "drought",
    "investors",
    "contract",
    "wagon",
    "transit",
    "summit",
    "treaty",
    "hydropower",
    "cascade",
    "reform",
    "inflation",
    "exports",
    "imports",
    "president",
    "minister",
    "governor",
    "station",
    "tunnel",
    "route",
    "market",
    "prices",
)
TEASER = "A short teaser of the story; the full text is on the article page."
SAMPLE_EVERY = 10.0


class Soak:
    """What the fake outlets serve and how many requests they answered."""

    def __init__(self, sources: int, hosts: int, started: float):
        self.sources, self.hosts, self.started = sources, hosts, started
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MiB of zeros, ~64 KiB sent

    def host(self, n: int) -> str:
        return f"127.0.0.{1 + n % self.hosts}"

    def fault(self, n: int) -> str | None:
        return FAULTS[(n // 8) % len(FAULTS)] if n % 8 == 7 else None

    def period(self, n: int) -> float:
        """Seconds between two new items of source ``n`` (60 s to 10 min)."""
        return 60.0 + (n * 37) % 540

    def newest(self, n: int) -> int:
        """The number of source ``n``'s newest item now (items 0-9 exist from the start)."""
        return 9 + int((time.time() - self.started) / self.period(n))

    def count(self, what: str) -> None:
        with self.lock:
            self.counts[what] += 1


def article_text(n: int, k: int) -> list[str]:
    """Five paragraphs of made-up news text, different for every source and item."""
    state = (n * 7919 + k * 104729) % 2**31 or 1
    paragraphs = []
    for _ in range(5):
        words = []
        for _ in range(45):
            state = (state * 1103515245 + 12345) % 2**31
            words.append(WORDS[state % len(WORDS)])
        paragraphs.append(" ".join(words).capitalize() + f". Item {k} of outlet {n}.")
    return paragraphs


def article_page(n: int, k: int) -> bytes:
    title = f"Outlet {n} story {k}: {' '.join(article_text(n, k)[0].split()[:6])}"
    body = "".join(f"<p>{p}</p>" for p in article_text(n, k))
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Soak outlet</footer></body></html>"
    ).encode()


def feed_body(soak: Soak, n: int, base: str) -> tuple[bytes, str]:
    """Source ``n``'s feed (its 20 newest items) and its content type; the format varies by source."""
    newest = soak.newest(n)
    items = [
        (k, f"{base}/s{n}/a{k}.html", soak.started + (k - 9) * soak.period(n))
        for k in range(newest, max(-1, newest - 20), -1)
    ]
    if n % 3 == 1:
        entries = "".join(
            f"<entry><title>Story {k}</title><link href='{url}'/><id>{url}</id>"
            f"<updated>{datetime.fromtimestamp(at, UTC).isoformat()}</updated>"
            f"<summary>{TEASER}</summary></entry>"
            for k, url, at in items
        )
        return (
            f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>Outlet {n}</title><id>{base}/s{n}/</id>{entries}</feed>"
        ).encode(), "application/atom+xml"
    if n % 3 == 2:
        data = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Outlet {n}",
            "items": [
                {
                    "id": url,
                    "url": url,
                    "title": f"Story {k}",
                    "summary": TEASER,
                    "date_published": datetime.fromtimestamp(at, UTC).isoformat(),
                }
                for k, url, at in items
            ],
        }
        return json.dumps(data).encode(), "application/feed+json"
    rows = "".join(
        f"<item><title>Story {k}</title><link>{escape(url)}</link><guid>{escape(url)}</guid>"
        f"<pubDate>{format_datetime(datetime.fromtimestamp(at, UTC))}</pubDate>"
        f"<description>{TEASER}</description></item>"
        for k, url, at in items
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Outlet {n}</title>"
        f"<link>{base}/s{n}/</link>{rows}</channel></rss>"
    ).encode(), "application/rss+xml"


def make_handler(soak: Soak) -> type[BaseHTTPRequestHandler]:
    """A request handler serving the soak's outlets."""

    class Outlet(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            path = urlsplit(self.path)
            parts = path.path.strip("/").split("/")
            try:
                if path.path == "/robots.txt":
                    self.reply(200, b"User-agent: *\nAllow: /\n", "text/plain")
                elif len(parts) == 2 and parts[0].startswith("s") and parts[1] == "feed":
                    self.feed(int(parts[0][1:]))
                elif len(parts) == 2 and parts[0].startswith("s") and parts[1].startswith("a"):
                    self.article(int(parts[0][1:]), int(parts[1][1:].split(".")[0]))
                else:
                    self.reply(404, b"not here", "text/plain")
            except (BrokenPipeError, ConnectionResetError):
                soak.count("client hung up")

        def reply(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            soak.count(str(status))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def feed(self, n: int) -> None:
            fault = soak.fault(n)
            if fault and fault not in ("broken-articles", "flaky"):
                return self.faulty(n, fault)
            if fault == "flaky" and soak.counts["flaky"] % 3 == 0:
                soak.count("flaky")
                return self.reply(500, b"try again", "text/plain")
            soak.count("flaky" if fault == "flaky" else "feed")
            etag = f'"{n}-{soak.newest(n)}"'
            if self.headers.get("If-None-Match") == etag:
                soak.count("304")
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            body, kind = feed_body(soak, n, f"http://{self.headers.get('Host')}")
            return self.reply(200, body, kind, {"ETag": etag})

        def faulty(self, n: int, fault: str) -> None:
            if fault == "status-500":
                self.reply(500, b"internal error", "text/plain")
            elif fault == "rate-limited":
                self.reply(429, b"slow down", "text/plain", {"Retry-After": "120"})
            elif fault == "slow-drip":
                self.drip()
            elif fault == "malformed":
                self.reply(200, b"<?xml version='1.0'?><rss><channel><item><title>broken", "application/rss+xml")
            elif fault == "html-not-feed":
                self.reply(200, b"<html><body><p>Welcome to our home page</p></body></html>", "text/html")
            elif fault == "truncated":
                self.truncated(n)
            elif fault == "redirect-loop":
                target = f"/s{n}/feed" if "hop" in self.path else f"/s{n}/feed?hop=1"
                self.reply(302, b"", "text/plain", {"Location": target})
            elif fault == "gzip-bomb":
                self.reply(200, soak.bomb, "application/rss+xml", {"Content-Encoding": "gzip"})

        def drip(self) -> None:
            soak.count("drip")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(30):  # one byte a second: the fetcher's timeouts end it
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(1)

        def truncated(self, n: int) -> None:
            body, kind = feed_body(soak, n, f"http://{self.headers.get('Host')}")
            soak.count("truncated")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.close_connection = True

        def article(self, n: int, k: int) -> None:
            if soak.fault(n) == "broken-articles" and k % 2:
                return self.reply(404, b"gone", "text/plain")
            soak.count("article")
            return self.reply(200, article_page(n, k), "text/html; charset=utf-8")

    return Outlet


class OutletServer(ThreadingHTTPServer):
    """A threading server that counts clients hanging up instead of printing their tracebacks."""

    daemon_threads = True
    soak: Soak

    def handle_error(self, request, client_address) -> None:
        self.soak.count("client hung up")


def serve(soak: Soak) -> tuple[list[ThreadingHTTPServer], int]:
    """One server per loopback address, all on the same free port; returns them and the port."""
    OutletServer.soak = soak
    first = OutletServer(("127.0.0.1", 0), make_handler(soak))
    port = first.server_address[1]
    servers = [first] + [OutletServer((f"127.0.0.{i}", port), make_handler(soak)) for i in range(2, soak.hosts + 1)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers, port


def write_opml(soak: Soak, port: int, path: Path) -> None:
    outlines = "".join(
        f"<outline type='rss' text='Outlet {n}' xmlUrl='http://{soak.host(n)}:{port}/s{n}/feed'/>"
        for n in range(soak.sources)
    )
    path.write_text(
        f"<?xml version='1.0'?><opml version='2.0'><head><title>soak</title></head><body>{outlines}</body></opml>",
        encoding="utf-8",
    )


def run_env(db: Path) -> dict[str, str]:
    """Short intervals and timeouts, loopback allowed, no configuration file."""
    return {
        **os.environ,
        "STEPPE_DB": str(db),
        "STEPPE_CONFIG": str(db.parent / "none.toml"),
        "STEPPE_FETCH_ALLOW_NETWORKS": "127.0.0.0/8",
        "STEPPE_FETCH_MIN_INTERVAL": "30",
        "STEPPE_FETCH_DEFAULT_INTERVAL": "60",
        "STEPPE_FETCH_MAX_INTERVAL": "300",
        "STEPPE_FETCH_CONNECT_TIMEOUT": "5",
        "STEPPE_FETCH_READ_TIMEOUT": "5",
        "STEPPE_FETCH_TOTAL_TIMEOUT": "15",
        "STEPPE_FETCH_SHUTDOWN_GRACE": "10",
    }


def memory_mb(pid: int) -> dict[str, float] | None:
    """RSS of a process in MB, in all and split into anonymous and file-backed (None once it has gone).

    SQLite maps the database file, so the file-backed part grows with the pages read; the
    anonymous part is the process's own heap.
    """
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = {"VmRSS": "rss", "RssAnon": "anon", "RssFile": "file"}
    values = {
        fields[key]: int(rest.split()[0]) / 1024
        for key, _, rest in (line.partition(":") for line in lines)
        if key in fields
    }
    return values if "rss" in values else None


def sample(proc: subprocess.Popen, minutes: float) -> list[tuple[float, dict[str, float]]]:
    """(seconds since start, memory) every SAMPLE_EVERY seconds for ``minutes``, or until the process ends."""
    samples: list[tuple[float, dict[str, float]]] = []
    started = time.monotonic()
    while time.monotonic() - started < minutes * 60 and proc.poll() is None:
        time.sleep(SAMPLE_EVERY)
        memory = memory_mb(proc.pid)
        if memory is not None:
            samples.append((time.monotonic() - started, memory))
            print(
                f"  {samples[-1][0]:6.0f} s  RSS {memory['rss']:6.1f} MB  (anon {memory.get('anon', 0):6.1f}, "
                f"file {memory.get('file', 0):6.1f})",
                flush=True,
            )
    return samples


def slope_per_10_min(samples: list[tuple[float, float]]) -> float:
    """Least-squares slope over the second half of (seconds, MB) samples, in MB per 10 minutes."""
    half = samples[len(samples) // 2 :]
    if len(half) < 2:
        return 0.0
    mean_t = sum(t for t, _ in half) / len(half)
    mean_m = sum(m for _, m in half) / len(half)
    spread = sum((t - mean_t) ** 2 for t, _ in half)
    return 600 * sum((t - mean_t) * (m - mean_m) for t, m in half) / spread if spread else 0.0


def log_counts(path: Path) -> Counter[str]:
    """Log lines by level, plus failed/refused source checks and tracebacks."""
    counts: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            counts["non-JSON lines"] += 1
            counts["tracebacks"] += "Traceback" in line
            continue
        counts[record.get("level", "?")] += 1
        counts["tracebacks"] += "traceback" in record
        message = record.get("message", "")
        counts["failed checks"] += message.startswith("failed")
        counts["refused checks"] += message.startswith("refused")
    return counts


def stories_stored(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("select count(*) from stories").fetchone()[0]


def report(
    samples: list[tuple[float, dict[str, float]]],
    soak: Soak,
    logs: Counter[str],
    db: Path,
    exit_code: int | None,
    seconds: float,
) -> None:
    print(
        f"\nsoak: {soak.sources} sources on {soak.hosts} loopback hosts, {seconds / 60:.1f} min, "
        f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    for part, label in (("rss", "RSS"), ("anon", "  anonymous"), ("file", "  file-backed")):
        series = [(t, memory.get(part, 0.0)) for t, memory in samples] or [(0.0, 0.0)]
        mbs = [mb for _, mb in series]
        print(
            f"{label:<14} MB: start {mbs[0]:6.1f}  max {max(mbs):6.1f}  end {mbs[-1]:6.1f}  "
            f"slope over the second half {slope_per_10_min(series):+.2f} MB/10 min"
        )
    print("target: RSS < 300 MB and flat")
    print(f"stories stored: {stories_stored(db)}  (database {db.stat().st_size / 2**20:.1f} MB)")
    served = sum(v for k, v in soak.counts.items() if k.isdigit())
    print(
        f"requests served: {served}  by status: {dict(sorted((k, v) for k, v in soak.counts.items() if k.isdigit()))}"
    )
    print(f"served: {dict(sorted((k, v) for k, v in soak.counts.items() if not k.isdigit()))}")
    print(f"logs: {dict(sorted(logs.items()))}")
    print(f"steppe run exit code after SIGTERM: {exit_code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="How long to soak (default 30).")
    parser.add_argument("--sources", type=int, default=200, help="Feeds served (default 200).")
    parser.add_argument("--hosts", type=int, default=20, help="Loopback addresses they are spread over (default 20).")
    parser.add_argument("--keep", metavar="DIR", default=None, help="Keep the database and logs in DIR.")
    args = parser.parse_args()
    soak = Soak(args.sources, args.hosts, time.time())
    servers, port = serve(soak)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db, logs = folder / "soak.db", folder / "run.log"
        env = run_env(db)
        write_opml(soak, port, folder / "feeds.opml")
        subprocess.run(
            [sys.executable, "-m", "steppe.cli", "sources", "import", str(folder / "feeds.opml")],
            env=env,
            check=True,
            capture_output=True,
        )
        started = time.monotonic()
        with logs.open("w") as log_file:
            proc = subprocess.Popen(
                [sys.executable, "-m", "steppe.cli", "run", "--no-web", "--no-rates", "--quiet"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log_file,
            )
            try:
                samples = sample(proc, args.minutes)
                proc.send_signal(signal.SIGTERM)
                exit_code = proc.wait(timeout=60)
            finally:
                if proc.poll() is None:
                    proc.kill()
        report(samples, soak, log_counts(logs), db, exit_code, time.monotonic() - started)
    for server in servers:
        server.shutdown()


if __name__ == "__main__":
    main()
