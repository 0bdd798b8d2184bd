"""End-to-end ingest speed: feed -> fetch (local server) -> extract -> enrich -> store.

Serves the demo corpus's article pages from 127.0.0.1 behind an RSS feed of teasers
(so every entry goes through the full-text fetch), runs one scheduler round into a
fresh SQLite file, and prints stories/s and pages/s beside bare trafilatura's pages/s
on the same page bytes. Usage: python bench/ingest.py [--copies N]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
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
            items.append(f"<item><title>{path.stem}</title><link>{{base}}/{name}</link><guid>{copy}-{n}</guid>"
                         f"<pubDate>{format_datetime(datetime.now(timezone.utc))}</pubDate>"
                         "<description>teaser</description></item>")
    feed = "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>bench</title>"
    (root / "feed.tmpl").write_text(feed + "".join(items) + "</channel></rss>", encoding="utf-8")
    return bodies


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """A static file server on 127.0.0.1; returns it and its base URL."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    (root / "feed.xml").write_text((root / "feed.tmpl").read_text(encoding="utf-8").replace("{base}", base),
                                   encoding="utf-8")
    return httpd, base


def run_ours(base: str, db: str, pages: int) -> tuple[float, int]:
    """Seconds for one round over the feed, and stories added."""
    from steppe.fetch import FetchConfig, parse_networks
    from steppe.models import Source
    from steppe.pipeline import ingest_page
    from steppe.scheduler import Scheduler
    from steppe.sources.schedule import SchedulePolicy
    from steppe.store import open_store

    store = open_store(db)
    with store.write() as session:
        session.sources.add(Source(f"{base}/feed.xml", "bench"), now=datetime.now(timezone.utc))
    config = FetchConfig(allow_networks=parse_networks(["127.0.0.0/8"]), per_host=8)
    policy = SchedulePolicy(max_articles=pages)
    scheduler = Scheduler(store, fetch_config=config, policy=policy, ingest=ingest_page)
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="Times the demo pages are served (default 3).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        root.mkdir()
        bodies = build_site(root, args.copies)
        httpd, base = serve(root)
        try:
            ours, stories = run_ours(base, str(Path(tmp) / "bench.db"), len(bodies))
        finally:
            httpd.shutdown()
        theirs = run_trafilatura(bodies)
    pages = len(bodies)
    print(f"pages: {pages} (demo corpus x {args.copies}), stories stored: {stories}")
    print(f"steppe fetch->extract->enrich->store: {pages / ours:8.1f} pages/s  {stories / ours:8.1f} stories/s")
    print(f"bare trafilatura.extract:             {pages / theirs:8.1f} pages/s")
    print(f"ratio (steppe pages/s / trafilatura pages/s): {theirs / ours:.2f}")


if __name__ == "__main__":
    main()
