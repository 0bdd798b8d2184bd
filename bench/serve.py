"""Serving speed: search and front-page p95 on a synthetic 100,000-story SQLite desk.

Builds the corpus once (stories made from the demo desk's real stories with their words
shuffled and dates spread over two years, so FTS5 and the indexes see realistic sizes),
then times full requests through the app in process (routing, query, template) and
prints p50/p95 beside the targets of issue 7: search <= 50 ms, front page <= 30 ms.
Usage: python bench/serve.py [--stories N] [--db PATH] [--requests N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from fastapi.testclient import TestClient

from steppe import queries
from steppe.demo import build_demo
from steppe.enrich import fold
from steppe.store import open_store
from steppe.web.app import create_app

TARGETS_MS = {"search (HTML)": 50.0, "search (API)": 50.0, "front page": 30.0}
QUERIES = ("Tokayev", "Токаев", "satellite", "Rogun", "railway tunnel", "gas", "bank rate", "Mirziyoyev",
           "спутник", "wheat China", "Kambarata", "Almaty", "budget 2027", "coal", "opera")


def build_corpus(target: str, count: int, seed: int = 7) -> None:
    """A store with the demo desk (rates, real stories) plus ``count`` synthetic variants."""
    store = open_store(target)
    build_demo(store)
    base = queries.list_stories(store, queries.story_filter(), limit=200).stories
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    made = 0
    while made < count:
        with store.write() as session:
            for _ in range(min(5000, count - made)):
                model = rng.choice(base)
                words = model.text.split()
                rng.shuffle(words)
                text = " ".join(words[: rng.randint(80, 400)])
                story = replace(model, id=None, cluster_id=None, url=f"https://bench.example/{made}",
                                canonical_url=None, headline=f"{model.headline} ({made})", text=text,
                                published=start + timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)))
                session.stories.add(story, folded=fold(story.headline + "\n" + story.text),
                                    now=datetime.now(timezone.utc))
                made += 1
        print(f"  {made:,} stories", end="\r", flush=True)
    print()
    store.close()


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--db", default=None, help="Reuse (or build) the corpus here.")
    args = parser.parse_args()
    target = args.db or str(Path(tempfile.mkdtemp(prefix="steppe-bench-")) / "serve.db")
    if not Path(target).exists():
        began = time.perf_counter()
        build_corpus(target, args.stories)
        print(f"built {args.stories:,} synthetic stories in {time.perf_counter() - began:.0f} s: {target}")
    store = open_store(target)
    print(f"corpus: {queries.front_page(store).story_count:,} stories")
    client = TestClient(create_app(store))
    rng = random.Random(1)
    plans = {
        "search (HTML)": [f"/search?q={rng.choice(QUERIES)}" for _ in range(args.requests)],
        "search (API)": [f"/api/v1/search?q={rng.choice(QUERIES)}&limit=20" for _ in range(args.requests)],
        "front page": ["/"] * args.requests,
    }
    print(f"{'request':<16}{'p50 ms':>10}{'p95 ms':>10}{'target p95':>12}{'ratio':>8}")
    for name, paths in plans.items():
        times = time_requests(client, paths)
        p95 = percentile(times, 95)
        print(f"{name:<16}{statistics.median(times):>10.1f}{p95:>10.1f}{TARGETS_MS[name]:>12.0f}"
              f"{p95 / TARGETS_MS[name]:>8.2f}")
    store.close()


if __name__ == "__main__":
    main()
