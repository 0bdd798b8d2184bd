"""A demo desk for web, feed, safety and browser tests: the demo corpus, a few sources and a cluster.

Clustering may or may not group the demo's satellite reports by itself (another stage
owns that); when it has not, the test desk groups them so cluster pages have something
to show.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from livesite import LiveServer
from steppe.demo import build_demo
from steppe.models import Source
from steppe.publish import queries
from steppe.store import open_store

CHROMIUM = os.environ.get("STEPPE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SOURCES = (
    Source(url="https://steppetimes.example/feed.rss", name="Steppe Times", country="KZ", language="en"),
    Source(url="https://dala.example/rss", name="Dala News", country="KZ", language="ru"),
    Source(url="https://nbk.example/rates.xml", name="National Bank of Kazakhstan", kind="bank", country="KZ"),
)


def build_desk(store) -> int:
    """Fill a store with the demo desk, three sources and a satellite cluster; returns the cluster id."""
    build_demo(store)
    now = datetime.now(UTC)
    with store.write() as session:
        for source in SOURCES:
            session.sources.add(source, now=now)
    clusters = queries.top_clusters(store)
    if clusters:
        return clusters[0].cluster.id
    page = queries.list_stories(store, queries.story_filter(q="Khurelsukh"), limit=10)
    ids = [s.id for s in sorted(page.stories, key=lambda s: s.published or now)]
    with store.write() as session:
        cluster_id = session.clusters.create(page.stories[-1].headline, ids[0], now)
        for story_id in ids:
            session.stories.set_cluster(story_id, cluster_id)
    return cluster_id


def launch_chromium(playwright):
    """Debian's chromium, headless, with the flags the CI uses."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def browser_or_skip():
    """The Playwright sync API, or a skip when chromium or playwright is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run browser tests")
    return pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """The demo desk served over real HTTP on 127.0.0.1, one per test module: (server, cluster id)."""
    store = open_store(str(tmp_path_factory.mktemp("desk") / "demo.db"))
    cluster_id = build_desk(store)
    server = LiveServer(store).start()
    yield server, cluster_id
    server.stop()
    store.close()


@pytest.fixture(scope="module")
def site(desk):
    """The live desk's server (``.url``)."""
    return desk[0]
