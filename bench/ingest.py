"""End-to-end ingest speed: feed -> fetch (local server) -> extract -> enrich -> store.

Serves the demo corpus's article pages from 127.0.0.1 behind an RSS feed of teasers
(so every entry goes through the full-text fetch), runs one scheduler round into a
fresh SQLite file, and prints stories/s and pages/s beside bare trafilatura's pages/s
on the same page bytes. Each round runs twice per repeat, alternating: article pages
fetched one after another (read-ahead 0) and fetched ahead of the ingest (the default),
so the ratio between them comes from one process run on the same load.
Usage: python bench/ingest.py [--copies N] [--latency MS] [--repeats N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src" / "steppe" / "data" / "demo"


def build_site(root: Path, copies: int) -> list[bytes]:
    """Write article pages and a teaser feed under ``root``; returns the page bodies."""
    pages = sorted(p for folder in ("steppe-times", "dala-news", "wire-copy") for p in (DEMO / folder).glob("*.html"))
    bodies, items = [], []
    for copy in range(copies):
        for n, path in enumerate(pages):
            body = path.read_bytes() + f"<!-- copy {copy} -->".encode()
            name = f"a{copy}-{n}.html"
            (root / name).write_bytes(body)
            bodies.append(body)
            items.append(
                f"<item><title>{path.stem}</title><link>{{base}}/{name}</link><guid>{copy}-{n}</guid>"
                f"<pubDate>{format_datetime(datetime.now(UTC))}</pubDate>"
                "<description>teaser</description></item>"
            )
    feed = "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench</title>"
    (root / "feed.tmpl").write_text(feed + "".join(items) + "</channel></rss>", encoding="utf-8")
    return bodies


def serve(root: Path, latency: float = 0.0) -> tuple[ThreadingHTTPServer, str]:
    """A static file server on 127.0.0.1 answering after ``latency`` seconds; returns it and its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def send_head(self):
            time.sleep(latency)  # stands in for the network between the desk and an outlet
            return super().send_head()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "feed.xml").write_text(
        (root / "feed.tmpl").read_text(encoding="utf-8").replace("{base}", base), encoding="utf-8"
    )
    return httpd, base


def run_ours(base: str, db: str, pages: int, read_ahead: int) -> tuple[float, int]:
    """Seconds for one round over the feed (article pages fetched ``read_ahead`` ahead), and stories added."""
    from steppe.daemon.scheduler import Scheduler
    from steppe.fetch import FetchConfig, parse_networks
    from steppe.models import Source
    from steppe.pipeline import ingest_page
    from steppe.sources import refresh
    from steppe.sources.schedule import SchedulePolicy
    from steppe.store import open_store

    store = open_store(db)
    with store.write() as session:
        session.sources.add(Source(f"{base}/feed.xml", "bench"), now=datetime.now(UTC))
    config = FetchConfig(allow_networks=parse_networks(["127.0.0.0/8"]), per_host=8)
    policy = SchedulePolicy(max_articles=pages)
    scheduler = Scheduler(store, fetch_config=config, policy=policy, ingest=ingest_page)
    refresh.READ_AHEAD = read_ahead
    started = time.perf_counter()
    report = asyncio.run(scheduler.run(once=True))[0].reports[0]
    return time.perf_counter() - started, report.added


def run_trafilatura(bodies: list[bytes]) -> float:
    """Seconds bare trafilatura takes to extract the same pages."""
    import trafilatura

    started = time.perf_counter()
    for body in bodies:
        trafilatura.extract(body.decode("utf-8", "replace"), with_metadata=True)
    return time.perf_counter() - started


def main() -> None:
    from steppe.sources.refresh import READ_AHEAD

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="Times the demo pages are served (default 3).")
    parser.add_argument(
        "--latency",
        type=float,
        default=0.0,
        help="Milliseconds the server waits before each answer, like a distant outlet (default 0).",
    )
    parser.add_argument("--repeats", type=int, default=3, help="Rounds per variant; the median is shown (default 3).")
    args = parser.parse_args()
    timings: dict[int, list[float]] = {0: [], READ_AHEAD: []}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        bodies = build_site(root, args.copies)
        httpd, base = serve(root, args.latency / 1000)
        try:
            for repeat in range(args.repeats):
                for ahead, seconds in timings.items():
                    took, stories = run_ours(base, str(Path(tmp) / f"bench-{ahead}-{repeat}.db"), len(bodies), ahead)
                    seconds.append(took)
        finally:
            httpd.shutdown()
        theirs = run_trafilatura(bodies)
    pages = len(bodies)
    sequential, ahead = statistics.median(timings[0]), statistics.median(timings[READ_AHEAD])
    print(
        f"pages: {pages} (demo corpus x {args.copies}), stories stored: {stories}, "
        f"server latency {args.latency:g} ms, median of {args.repeats} rounds"
    )
    print(
        f"steppe, pages one after another:       {pages / sequential:8.1f} pages/s  {stories / sequential:8.1f} stories/s"
    )
    print(
        f"steppe, pages fetched {READ_AHEAD} ahead:         {pages / ahead:8.1f} pages/s  {stories / ahead:8.1f} stories/s"
    )
    print(f"bare trafilatura.extract:              {pages / theirs:8.1f} pages/s")
    print(
        f"read-ahead speed-up: {sequential / ahead:.2f}x; steppe (read-ahead) / trafilatura pages/s: {theirs / ahead:.2f}"
    )


if __name__ == "__main__":
    main()
