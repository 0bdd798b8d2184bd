"""Hostile feeds (issue 17, items 5 and 9): a parser-breaking feed is one recorded failure, never a loop.

A JSON Feed nested 100,000 deep made the parser raise RecursionError: `ingest` aborted the whole
batch, and `steppe run` handed the source back as due at once, with no error counted, so it was
fetched every round. Here the clock is injected and advanced round by round (no sleeps).
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

import steppe.sources.refresh as refresh_module
from steppe.cli import main
from steppe.daemon.scheduler import Scheduler
from steppe.errors import FeedError
from steppe.sources.feeds import parse_feed
from steppe.sources.manage import list_sources
from steppe.sources.schedule import SchedulePolicy
from steppe.store import open_store
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)
from test_sources_refresh import FakeIngest, add_sources

DEEP = 100_000
DEEP_FEED = (
    b'{"version": "https://jsonfeed.org/version/1.1", "title": "Deep", "items": ' + b"[" * DEEP + b"]" * DEEP + b"}"
)
BODY = "<p>" + "Officials in Dushanbe and Tashkent opened a new border crossing for lorries on Monday. " * 8 + "</p>"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_json_feed_nested_100000_deep_is_a_feed_error_with_its_reason():
    with pytest.raises(FeedError, match="nested too deeply"):
        parse_feed(DEEP_FEED)


def test_ingest_rejects_the_deep_feed_and_ingests_the_rest_of_the_batch(tmp_path):
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "deep.json").write_bytes(DEEP_FEED)
    (folder / "good.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"<item><title>Crossing opens</title><link>https://good.example/a</link><description>{BODY}</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    result = run("ingest", str(folder), "--db", str(tmp_path / "d.db"), "--json")
    report = json.loads(result.output)
    assert report["added"] == 1
    assert [r["reason"] for r in report["rejected"]] == ["not a readable feed: nested too deeply"]


def test_a_feed_link_with_an_https_scheme_but_no_host_is_refused_at_ingest(tmp_path):
    feed = tmp_path / "hostile.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"<item><title>Trick</title><link>https:javascript:alert(1)</link><description>{BODY}</description></item>"
        f"<item><title>Good</title><link>https://good.example/b</link><description>{BODY}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    db = str(tmp_path / "d.db")
    report = json.loads(run("ingest", str(feed), "--db", db, "--json").output)
    assert report["added"] == 1
    assert ["https:javascript:" in r["reason"] for r in report["rejected"]] == [True]
    stories = json.loads(run("stories", "--db", db, "--json").output)["stories"]
    assert [s["url"] for s in stories] == ["https://good.example/b"]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def _run_for(store, clock: Clock, minutes: int, step: int = 30, **policy) -> None:
    """`steppe run` for ``minutes`` of clock time: one round every ``step`` seconds."""
    sched = Scheduler(
        store,
        fetch_config=local_config(),
        policy=SchedulePolicy(**({"min_interval": 300, "park_after": 10} | policy)),
        ingest=FakeIngest(),
        clock=clock,
    )
    end = clock.now + timedelta(minutes=minutes)
    while clock.now < end:
        asyncio.run(sched.run(once=True))
        clock.now += timedelta(seconds=step)


def test_a_feed_that_breaks_the_parser_is_fetched_at_most_twice_in_ten_minutes(server, store):
    url = server.route("/deep.json", Reply(200, DEEP_FEED, {"Content-Type": "application/feed+json"}))
    add_sources(store, url)
    _run_for(store, Clock(datetime.now(UTC)), minutes=10)
    assert 1 <= len(server.hits("/deep.json")) <= 2
    [health] = list_sources(store)
    assert health.error_count == len(server.hits("/deep.json"))
    assert "nested too deeply" in health.last_error


def test_any_unexpected_error_in_a_refresh_counts_as_a_failure_and_parks_the_source(server, store, monkeypatch):
    def broken_parser(body):
        raise RuntimeError("a bug in the parser")

    monkeypatch.setattr(refresh_module, "parse_feed", broken_parser)
    url = server.route("/feed.xml", Reply(200, b"<?xml version='1.0'?><rss><channel><title>T</title></channel></rss>"))
    add_sources(store, url)
    clock = Clock(datetime.now(UTC))
    _run_for(store, clock, minutes=60 * 24, step=1800, min_interval=60, park_after=3)
    assert len(server.hits("/feed.xml")) == 3  # then parked: never asked again
    [health] = list_sources(store)
    assert health.error_count == 3 and health.parked(3)
    assert "RuntimeError: a bug in the parser" in health.last_error


def test_the_failure_shows_in_sources_list(server, tmp_path):
    db = str(tmp_path / "d.db")
    store = open_store(db)
    url = server.route("/deep.json", Reply(200, DEEP_FEED))
    add_sources(store, url)
    _run_for(store, Clock(datetime.now(UTC)), minutes=1)
    store.close()
    [row] = json.loads(run("sources", "list", "--db", db, "--json").output)["sources"]
    assert row["error_count"] == 1 and row["last_status"] == "failed"
    assert "nested too deeply" in row["last_error"]
