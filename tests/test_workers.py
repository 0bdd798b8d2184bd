"""Scale-out: several `steppe worker` processes on one PostgreSQL fetch every due source exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from steppe.models import Source
from test_fetch_server import LocalServer, Reply

SOURCES = 40
WORKERS = 4
WORDS = (
    "water",
    "power",
    "transit",
    "grain",
    "rail",
    "customs",
    "bridge",
    "canal",
    "wheat",
    "copper",
    "tariff",
    "budget",
    "pasture",
    "border",
    "airport",
    "school",
    "clinic",
    "festival",
    "loan",
    "bond",
)


def body(n: int, k: int) -> str:
    """A distinct text per source and entry, so no two entries are near-copies of each other."""
    rng = random.Random(n * 100 + k)
    return " ".join(" ".join(rng.choice(WORDS) for _ in range(9)).capitalize() + "." for _ in range(14))


def feed(n: int, base: str) -> bytes:
    items = "".join(
        f"<item><title>Source {n} story {k} on the water deal</title><link>{base}/s{n}/{k}</link>"
        f"<guid>{base}/s{n}/{k}</guid><pubDate>Fri, 27 Nov 2026 0{k}:00:00 +0000</pubDate>"
        f"<description>{body(n, k)}</description></item>"
        for k in range(2)
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>S{n}</title>{items}</channel></rss>".encode()


@pytest.fixture
def pg_store(store):
    if store.dialect != "postgresql":
        pytest.skip("several workers need PostgreSQL (SQLite has one writer): set STEPPE_TEST_PG")
    return store


def test_four_workers_fetch_every_due_source_exactly_once(pg_store):
    server = LocalServer().start()
    try:
        now = datetime.now(UTC)
        with pg_store.write() as session:
            for n in range(SOURCES):
                url = server.route(f"/feed/{n}.xml", Reply(200, feed(n, server.url(""))))
                session.sources.add(Source(url=url, name=f"Source {n}"), now=now)
        env = {
            **os.environ,
            "STEPPE_DB": pg_store.target,
            "STEPPE_FETCH_ALLOW_NETWORKS": "127.0.0.0/8",
            "STEPPE_FETCH_BATCH_SIZE": "3",
            "STEPPE_FETCH_MIN_INTERVAL": "3600",
            "STEPPE_FETCH_DEFAULT_INTERVAL": "3600",
        }
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "steppe.cli", "worker", "--quiet"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(WORKERS)
        ]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            fetched = {r.path for r in server.log if r.path.startswith("/feed/")}
            if len(fetched) == SOURCES:
                break
            time.sleep(0.2)
        while time.monotonic() < deadline:  # every check recorded: each source's next check is an hour away
            with pg_store.read() as session:
                if all(h.last_checked_at is not None for h in session.sources.health()):
                    break
            time.sleep(0.2)
        # SIGTERM stops claiming and lets in-flight work finish, so a second fetch would be in the log below
        for proc in workers:
            proc.send_signal(signal.SIGTERM)
        errors = [proc.communicate(timeout=60)[1] for proc in workers]
        assert all(proc.returncode == 0 for proc in workers), errors
        hits = {n: len(server.hits(f"/feed/{n}.xml")) for n in range(SOURCES)}
        assert set(hits.values()) == {1}, hits
        with pg_store.read() as session:
            assert session.stories.count() == SOURCES * 2
    finally:
        server.stop()
