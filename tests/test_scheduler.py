"""`steppe run`: intervals, clean shutdown on SIGTERM/SIGINT, structured logs, the real pipeline."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from steppe.daemon.logs import JsonLogFormatter, configure_logging
from steppe.daemon.scheduler import Scheduler
from steppe.sources.feeds import Feed, FeedEntry
from steppe.sources.schedule import SchedulePolicy, failure_delay, publishing_interval, success_delay
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)
from test_sources_refresh import FakeIngest, add_sources, entries, health, rss

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
POLICY = SchedulePolicy(min_interval=300, max_interval=86400, default_interval=3600)


def feed_with(hours_apart: float, count: int) -> Feed:
    return Feed(
        "t",
        None,
        tuple(FeedEntry(f"https://x/{n}", "t", "", NOW - timedelta(hours=n * hours_apart)) for n in range(count)),
    )


@pytest.mark.parametrize(
    "hours_apart,count,expected",
    [
        (1, 200, 3600),  # hourly publisher: hourly checks
        (0.05, 500, 300),  # very busy, the feed holds only a day: clamped to the minimum
        (0.5, 40, 1800),  # half-hourly, the feed holds 20 hours: its own span counts
        (24, 10, 86400),  # daily: daily
        (24 * 30, 3, 86400),  # nothing this week: the maximum
    ],
)
def test_the_interval_follows_the_publishing_rate(hours_apart, count, expected):
    assert publishing_interval(POLICY, feed_with(hours_apart, count), None, NOW) == pytest.approx(expected, rel=0.05)


def test_undated_feeds_keep_their_previous_interval():
    undated = Feed("t", None, (FeedEntry("https://x/1", "t", "", None),))
    assert publishing_interval(POLICY, undated, 7200, NOW) == 7200
    assert publishing_interval(POLICY, undated, None, NOW) == 3600


def test_the_server_may_ask_for_a_longer_wait_but_not_past_the_maximum():
    _, delay = success_delay(POLICY, feed_with(1, 200), None, 5 * 3600, NOW, rng=random.Random(1))
    assert delay == timedelta(hours=5)
    _, delay = success_delay(POLICY, feed_with(1, 200), None, 10 * 86400, NOW)
    assert delay == timedelta(seconds=86400)


def test_backoff_grows_exponentially_with_jitter_and_honours_retry_after():
    rng = random.Random(7)
    for errors in range(6):
        ceiling = min(86400, 300 * 2**errors)
        wait = failure_delay(POLICY, errors, None, rng=rng).total_seconds()
        assert ceiling / 2 <= wait <= ceiling
    assert failure_delay(POLICY, 0, 7200, rng=rng) == timedelta(seconds=7200)
    assert failure_delay(POLICY, 50, None, rng=rng) <= timedelta(seconds=86400)


def test_stop_lets_in_flight_work_finish(server, store):
    slow = server.route("/slow.xml", Reply(200, (chunk for chunk in [rss(entries(server, 1))]), chunk_delay=0.5))
    add_sources(store, slow)
    ingest = FakeIngest()
    sched = Scheduler(store, fetch_config=local_config(), policy=POLICY, ingest=ingest, grace=5)

    async def go():
        task = asyncio.create_task(sched.run())
        await asyncio.sleep(0.2)
        sched.request_stop()
        return await asyncio.wait_for(task, 10)

    rounds = asyncio.run(go())
    assert rounds[0].reports[0].status == "ok" and len(ingest.pages) == 1


def test_a_second_stop_cancels_and_hands_the_source_back(server, store):
    drip = server.route("/drip.xml", Reply(200, (b" " for _ in range(100)), chunk_delay=0.2))
    add_sources(store, drip)
    config = local_config(read_timeout=5, total_timeout=30)
    sched = Scheduler(store, fetch_config=config, policy=POLICY, ingest=FakeIngest(), grace=30)

    async def go():
        task = asyncio.create_task(sched.run())
        await asyncio.sleep(0.3)
        sched.request_stop()
        sched.request_stop()
        return await asyncio.wait_for(task, 5)

    started = time.monotonic()
    rounds = asyncio.run(go())
    assert time.monotonic() - started < 5 and rounds[0].reports == ()
    state = health(store, drip)
    assert state.next_check_at <= datetime.now(UTC) and state.error_count == 0  # due again, no error


SCRIPT = textwrap.dedent("""
    import sys
    from types import SimpleNamespace
    from steppe.fetch import FetchConfig, parse_networks
    from steppe.daemon.scheduler import Scheduler, run_scheduler
    from steppe.sources.schedule import SchedulePolicy
    from steppe.store import open_store

    def ingest(page, store):
        with store.write() as session:
            session.pages.add(page, status="ok")
        return SimpleNamespace(added=1)

    store = open_store(sys.argv[1])
    config = FetchConfig(allow_networks=parse_networks(["127.0.0.0/8"]), total_timeout=30, read_timeout=10)
    scheduler = Scheduler(store, fetch_config=config, policy=SchedulePolicy(), ingest=ingest, grace=10)
    print("ready", flush=True)
    rounds = run_scheduler(scheduler)
    print("stopped", len(rounds), sum(len(r.reports) for r in rounds), flush=True)
""")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_finishes_in_flight_work_and_exits_cleanly(server, tmp_path, signum):
    from steppe.store import open_store

    db = str(tmp_path / "steppe.db")
    store = open_store(db)
    slow = server.route("/slow.xml", Reply(200, (c for c in [rss(entries(server, 2))]), chunk_delay=1.0))
    add_sources(store, slow)
    process = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, db],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"PYTHONPATH": str(Path(__file__).parent)},
    )
    assert process.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 10
    while not server.hits("/slow.xml") and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signum)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "stopped 1 1" in out and "Traceback" not in err
    with store.read() as session:
        assert session.pages.count() == 2  # the in-flight source finished its work
    assert health(store, slow).last_status == "ok"


def test_logs_are_json_lines_with_source_url_and_stage(server, store):
    url = server.route("/fail.xml", Reply(500, b""))
    add_sources(store, url)
    stream = io.StringIO()
    handler = configure_logging(stream=stream)
    try:
        asyncio.run(Scheduler(store, fetch_config=local_config(), policy=POLICY, ingest=FakeIngest()).run(once=True))
    finally:
        logging.getLogger("steppe").removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    failure = next(line for line in lines if line.get("stage") == "fetch")
    assert failure["source"] == url and failure["url"] == url and failure["level"] == "warning"
    assert "HTTP 500" in failure["message"] and failure["errors"] == 1


def test_the_json_formatter_keeps_tracebacks():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord("steppe.x", logging.ERROR, __file__, 1, "failed", None, sys.exc_info())
    data = json.loads(JsonLogFormatter().format(record))
    assert data["message"] == "failed" and "RuntimeError: boom" in data["traceback"]


def test_the_real_pipeline_ingests_fetched_entries(server, store):
    pipeline = pytest.importorskip("steppe.pipeline", reason="extract/enrich are still being written")
    url = server.route(
        "/feed.xml",
        Reply(200, rss([{"title": "Kazakhstan and Kyrgyzstan sign a water deal", "link": server.url("/water")}])),
    )
    add_sources(store, url)
    sched = Scheduler(store, fetch_config=local_config(), policy=POLICY, ingest=pipeline.ingest_page)
    report = asyncio.run(sched.run(once=True))[0].reports[0]
    assert report.status == "ok" and report.added == 1


def test_the_real_pipeline_extracts_the_full_article_behind_a_teaser(server, store):
    pipeline = pytest.importorskip("steppe.pipeline", reason="extract/enrich are still being written")
    demo = Path(__file__).resolve().parents[1] / "src/steppe/data/demo/steppe-times"
    article = next(iter(sorted(demo.glob("*.html")))).read_bytes()
    link = server.route("/2026/11/16/story", Reply(200, article, {"Content-Type": "text/html; charset=utf-8"}))
    feed = server.route("/feed.xml", Reply(200, rss([{"title": "Teaser", "link": link, "html": "One line."}])))
    add_sources(store, feed)
    sched = Scheduler(store, fetch_config=local_config(), policy=POLICY, ingest=pipeline.ingest_page)
    report = asyncio.run(sched.run(once=True))[0].reports[0]
    assert report.articles == 1 and report.added >= 1
    with store.read() as session:
        record = session.pages.seen(hashlib.sha256(article).hexdigest())
    assert record is not None and record.status == "ok" and record.story_count >= 1


def test_a_round_drops_cluster_index_entries_older_than_the_kept_days(store):
    from steppe.store.cluster_index import IndexedStory

    today = datetime.now(UTC).date().toordinal()
    with store.write() as session:
        for story_id, age in ((1, 45), (2, 31), (3, 29), (4, 0)):
            entry = IndexedStory(story_id, story_id, today - age, "en", "a.example", 100, None, {"e:x": 1.0}, None)
            session.clusters.index.add(entry, lookup_keys=["e:x"], bands=[story_id])
    asyncio.run(
        Scheduler(store, fetch_config=local_config(), policy=POLICY, ingest=FakeIngest(), cluster_index_days=30).run(
            once=True
        )
    )
    with store.read() as session:
        assert [session.clusters.index.get(n) is not None for n in (1, 2, 3, 4)] == [False, False, True, True]
        assert session.clusters.index.frequencies(["e:x"], today - 60, today) == {"e:x": 2}
