"""The fault suite: one round over a server full of misbehaving feeds beside a good one.

Every fault must end as a recorded failure on its own source, with no crash, no
request to a refused address, and the good source's stories (old and new) intact.
"""

from __future__ import annotations

import asyncio
import gzip
import logging
import zlib

from steppe.daemon.scheduler import Scheduler
from steppe.sources.schedule import SchedulePolicy
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)
from test_sources_refresh import FakeIngest, add_sources, entries, health, make_due, page_count, rss


def _bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(compressor.compress(b"\0" * 1_048_576) for _ in range(64)) + compressor.flush()


def faults(server) -> dict[str, tuple[Reply, str]]:
    """path -> (reply, text expected in the recorded error)."""
    good = rss(entries(server, 1))
    return {
        "/drip.xml": (Reply(200, (b" " for _ in range(50)), chunk_delay=0.3), "FetchTimedOut"),
        "/500.xml": (Reply(500, b"oops"), "HTTP 500"),
        "/429.xml": (Reply(429, b"", {"Retry-After": "600"}), "RateLimited"),
        "/truncated.xml": (Reply(200, good[:100], content_length=len(good)), "BrokenBody"),
        "/bomb.xml": (Reply(200, _bomb(), {"Content-Encoding": "gzip"}), "BodyTooLarge"),
        "/huge.xml": (Reply(200, (b"x" * 65536 for _ in range(1600))), "BodyTooLarge"),
        "/loop.xml": (Reply(302, b"", {"Location": "/loop2.xml"}), "TooManyRedirects"),
        "/private.xml": (Reply(302, b"", {"Location": "http://10.0.0.1/feed"}), "PrivateAddress"),
        "/malformed.xml": (Reply(200, b"<?xml version='1.0'?><rss><channel><item><title>&bogus"), "FeedError"),
        "/html.xml": (
            Reply(200, b"<!DOCTYPE html><html><body>Cloudflare</body></html>", {"Content-Type": "text/html"}),
            "NotAFeed",
        ),
        "/badgzip.xml": (Reply(200, gzip.compress(good)[:-30], {"Content-Encoding": "gzip"}), "BrokenBody"),
    }


def test_every_fault_is_recorded_and_the_good_source_is_unaffected(server, store, caplog):
    good = server.route("/good.xml", Reply(200, rss(entries(server, 2))))
    server.route("/loop2.xml", Reply(302, b"", {"Location": "/loop.xml"}))
    table = faults(server)
    urls = {server.route(path, reply): expected for path, (reply, expected) in table.items()}
    add_sources(store, good, *urls)
    config = local_config(total_timeout=2.0, read_timeout=1.0, max_body_bytes=4 * 1024 * 1024)
    sched = Scheduler(store, fetch_config=config, policy=SchedulePolicy(min_interval=60), ingest=FakeIngest())
    with caplog.at_level(logging.INFO, logger="steppe"):
        reports = {r.url: r for r in asyncio.run(sched.run(once=True))[0].reports}
    assert reports[good].status == "ok" and page_count(store) == 2
    for url, expected in urls.items():
        assert reports[url].status in {"failed", "refused"}, url
        assert expected in health(store, url).last_error, (url, health(store, url).last_error)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # nothing crashed
    assert "/feed" not in [r.path for r in server.log]  # the private hop was never asked of anyone


def test_a_good_feed_turning_bad_loses_nothing_already_stored(server, store):
    body = {"now": rss(entries(server, 2))}
    url = server.route("/feed.xml", lambda request: Reply(200, body["now"]))
    add_sources(store, url)
    sched = Scheduler(store, fetch_config=local_config(), policy=SchedulePolicy(), ingest=FakeIngest())
    asyncio.run(sched.run(once=True))
    body["now"] = b"<?xml version='1.0'?><rss><channel><item>&broken"
    make_due(store)
    report = asyncio.run(sched.run(once=True))[0].reports[0]
    assert report.status == "failed" and page_count(store) == 2
    state = health(store, url)
    assert state.feed_hash is not None and state.etag is None and state.last_success_at is not None
