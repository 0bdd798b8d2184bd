"""Refreshing sources against a local server: 304s, unchanged feeds, full text, faults, health."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import SimpleNamespace

import pytest

import steppe.sources.refresh as refresh_module
from steppe.daemon.scheduler import Scheduler
from steppe.models import Source
from steppe.sources.schedule import SchedulePolicy
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)

LONG = "<p>" + "Astana and Bishkek signed a long agreement on water and power. " * 20 + "</p>"


def rss(entries, *, title="Local Times"):
    items = "".join(
        f"<item><title>{e['title']}</title><link>{e['link']}</link><guid>{e['link']}</guid>"
        f"<pubDate>{format_datetime(e.get('date', datetime.now(UTC)))}</pubDate>"
        f"<description><![CDATA[{e.get('html', LONG)}]]></description></item>"
        for e in entries
    )
    return (
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
        f"<link>https://local.example/</link>{items}</channel></rss>"
    ).encode()


class FakeIngest:
    """Stands in for pipeline.ingest_page: records the page in the store like the real one."""

    def __init__(self):
        self.pages = []

    def __call__(self, page, store):
        self.pages.append(page)
        with store.write() as session:
            added = session.pages.add(page, status="ok")
        return SimpleNamespace(added=int(added), status="added" if added else "seen")


def scheduler(store, ingest, **policy):
    values = dict(
        min_interval=60,
        max_interval=86400,
        default_interval=3600,
        park_after=3,
        fulltext_min_chars=600,
        max_articles=30,
    )
    values.update(policy)
    return Scheduler(store, fetch_config=local_config(), policy=SchedulePolicy(**values), ingest=ingest, grace=2)


def add_sources(store, *urls):
    with store.write() as session:
        for url in urls:
            session.sources.add(Source(url, url.rsplit("/", 1)[-1]), now=datetime.now(UTC))


def make_due(store):
    with store.write() as session:
        session.sources.release([s.id for s in session.sources.all()], datetime.now(UTC))


def run_round(sched):
    return {r.url: r for r in asyncio.run(sched.run(once=True))[0].reports}


def health(store, url):
    with store.read() as session:
        return session.sources.health(url)[0]


def page_count(store):
    with store.read() as session:
        return session.pages.count()


@pytest.fixture
def parse_calls(monkeypatch):
    calls = []
    original = refresh_module.parse_feed

    def counting(body):
        calls.append(len(body))
        return original(body)

    monkeypatch.setattr(refresh_module, "parse_feed", counting)
    return calls


def entries(server, n, prefix="story"):
    return [{"title": f"Story {i}", "link": server.url(f"/{prefix}-{i}")} for i in range(n)]


def test_a_feed_is_ingested_and_a_304_costs_no_parse_and_no_write(server, store, parse_calls):
    body = rss(entries(server, 3))

    def conditional(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, b"", {"ETag": '"v1"'})
        return Reply(200, body, {"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    url = server.route("/feed.xml", conditional)
    add_sources(store, url)
    ingest = FakeIngest()
    sched = scheduler(store, ingest)
    first = run_round(sched)[url]
    assert first.status == "ok" and first.entries == 3 and len(ingest.pages) == 3
    assert len(parse_calls) == 1 and page_count(store) == 3
    make_due(store)
    second = run_round(sched)[url]
    assert second.status == "not_modified"
    assert len(parse_calls) == 1 and len(ingest.pages) == 3 and page_count(store) == 3
    assert server.hits("/feed.xml")[-1].headers["if-none-match"] == '"v1"'
    assert health(store, url).last_status == "not_modified"


def test_an_unchanged_feed_without_validators_adds_nothing_and_is_not_parsed(server, store, parse_calls):
    url = server.route("/feed.xml", Reply(200, rss(entries(server, 2))))
    add_sources(store, url)
    ingest = FakeIngest()
    sched = scheduler(store, ingest)
    run_round(sched)
    make_due(store)
    assert run_round(sched)[url].status == "unchanged"
    assert len(parse_calls) == 1 and len(ingest.pages) == 2 and page_count(store) == 2


def test_a_changed_feed_takes_only_its_new_entries(server, store):
    items = entries(server, 2)
    url = server.route("/feed.xml", lambda request: Reply(200, rss(items)))
    add_sources(store, url)
    ingest = FakeIngest()
    sched = scheduler(store, ingest)
    run_round(sched)
    items.insert(0, {"title": "Fresh", "link": server.url("/fresh")})
    make_due(store)
    report = run_round(sched)[url]
    assert report.entries == 1 and [p.url for p in ingest.pages][-1] == server.url("/fresh")


def test_summary_only_entries_are_fetched_as_full_article_pages(server, store):
    article = b"<html><head><title>Full</title></head><body><article>" + LONG.encode() + b"</article></body></html>"
    server.route("/story-0", Reply(200, article, {"Content-Type": "text/html; charset=utf-8"}))
    items = [
        {"title": "Short one", "link": server.url("/story-0"), "html": "A teaser."},
        {"title": "Dead link", "link": server.url("/gone"), "html": "Another teaser."},
    ]
    url = server.route("/feed.xml", Reply(200, rss(items)))
    add_sources(store, url)
    ingest = FakeIngest()
    report = run_round(scheduler(store, ingest))[url]
    assert report.articles == 2 and report.entries == 2
    by_url = {p.url: p for p in ingest.pages}
    assert by_url[server.url("/story-0")].body == article  # the article, not the teaser
    assert by_url[server.url("/story-0")].content_type.startswith("text/html")
    assert b"Another teaser." in by_url[server.url("/gone")].body  # 404: the summary is kept, not lost


def test_article_pages_are_fetched_ahead_and_stored_in_feed_order(server, store):
    second_asked = threading.Event()
    article = b"<html><body><article>" + LONG.encode() + b"</article></body></html>"

    def first(_request):  # answers only once the second page was asked: fetched one by one, it never would
        return Reply(200, article if second_asked.wait(timeout=3) else b"<p>asked alone</p>")

    def second(_request):
        second_asked.set()
        return Reply(200, article)

    server.route("/a0", first)
    server.route("/a1", second)
    server.route("/a2", Reply(200, article))
    items = [{"title": f"T{i}", "link": server.url(f"/a{i}"), "html": "teaser"} for i in range(3)]
    url = server.route("/feed.xml", Reply(200, rss(items)))
    add_sources(store, url)
    ingest = FakeIngest()
    assert run_round(scheduler(store, ingest))[url].articles == 3
    assert [page.url for page in ingest.pages] == [server.url(f"/a{i}") for i in range(3)]
    assert all(page.body == article for page in ingest.pages)


def test_the_article_budget_leaves_the_rest_for_the_next_round(server, store, parse_calls):
    items = [{"title": f"T{i}", "link": server.url(f"/a{i}"), "html": "teaser"} for i in range(5)]
    for i in range(5):
        server.route(f"/a{i}", Reply(200, b"<html><body><p>" + LONG.encode() + b"</p></body></html>"))
    url = server.route("/feed.xml", Reply(200, rss(items)))
    add_sources(store, url)
    ingest = FakeIngest()
    sched = scheduler(store, ingest, max_articles=2)
    assert run_round(sched)[url].entries == 2
    make_due(store)
    assert run_round(sched)[url].entries == 2  # the feed is parsed again: a backlog remains
    assert len(parse_calls) == 2


def test_a_broken_feed_records_its_error_and_the_others_still_land(server, store):
    good = server.route("/good.xml", Reply(200, rss(entries(server, 2))))
    broken = server.route("/broken.xml", Reply(200, b"<?xml version='1.0'?><rss><channel><item><title>x"))
    failing = server.route("/fail.xml", Reply(500, b"oops"))
    html = server.route(
        "/page.xml", Reply(200, b"<!DOCTYPE html><html><body>hello</body></html>", {"Content-Type": "text/html"})
    )
    add_sources(store, good, broken, failing, html)
    ingest = FakeIngest()
    reports = run_round(scheduler(store, ingest))
    assert reports[good].status == "ok" and len(ingest.pages) == 2
    for url, reason in [(broken, "Feed"), (failing, "HTTP 500"), (html, "NotAFeed")]:
        assert reports[url].status == "failed"
        state = health(store, url)
        assert reason in state.last_error and state.error_count == 1 and state.next_check_at > datetime.now(UTC)
    assert health(store, good).error_count == 0 and health(store, good).last_success_at is not None


def test_429_retry_after_is_respected_on_the_server_log(server, store):
    url = server.route("/feed.xml", Reply(429, b"", {"Retry-After": "3600"}))
    add_sources(store, url)
    sched = scheduler(store, FakeIngest())
    before = datetime.now(UTC)
    assert run_round(sched)[url].status == "failed"
    assert health(store, url).next_check_at >= before + timedelta(seconds=3600)
    assert run_round(sched) == {}  # not due: nothing asked
    assert len(server.hits("/feed.xml")) == 1


def test_a_redirect_to_a_private_address_is_refused_and_recorded(server, store):
    url = server.route("/feed.xml", Reply(302, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}))
    add_sources(store, url)
    report = run_round(scheduler(store, FakeIngest()))[url]
    assert report.status == "refused"
    assert "PrivateAddress" in health(store, url).last_error and "169.254.169.254" in health(store, url).last_error


def test_robots_disallow_is_recorded_and_the_feed_is_not_fetched(server, store):
    server.route("/robots.txt", Reply(200, b"User-agent: *\nDisallow: /\n"))
    url = server.route("/feed.xml", Reply(200, rss(entries(server, 1))))
    add_sources(store, url)
    assert run_round(scheduler(store, FakeIngest()))[url].status == "refused"
    assert server.hits("/feed.xml") == [] and "robots.txt" in health(store, url).last_error


def test_repeated_failures_back_off_and_park_the_source(server, store):
    url = server.route("/fail.xml", Reply(500, b""))
    add_sources(store, url)
    sched = scheduler(store, FakeIngest(), park_after=3, min_interval=60)
    waits = []
    for _ in range(3):
        make_due(store)
        before = datetime.now(UTC)
        report = run_round(sched)[url]
        waits.append((report.next_check_at - before).total_seconds())
    assert waits[0] >= 30 and waits[1] >= 60 and waits[2] >= 120  # equal jitter: at least half the ceiling
    assert health(store, url).parked(3)
    make_due(store)
    assert run_round(sched) == {}  # parked: not claimed


def test_a_wrongly_declared_windows_1251_feed_is_read_in_cyrillic(server, store):
    title = "Токаев встретился с Жапаровым"
    body = rss([{"title": title, "link": server.url("/kz"), "html": LONG}]).decode().replace("encoding='utf-8'", "")
    url = server.route(
        "/feed.xml", Reply(200, body.encode("cp1251"), {"Content-Type": "application/rss+xml; charset=windows-1251"})
    )
    add_sources(store, url)
    ingest = FakeIngest()
    run_round(scheduler(store, ingest))
    assert title in ingest.pages[0].body.decode("utf-8")


def test_a_pipeline_crash_on_one_entry_is_logged_and_the_rest_land(server, store, caplog):
    url = server.route("/feed.xml", Reply(200, rss(entries(server, 3))))
    add_sources(store, url)
    inner = FakeIngest()

    def flaky(page, store_):
        if page.url.endswith("story-1"):
            raise ValueError("extractor bug")
        return inner(page, store_)

    report = run_round(scheduler(store, flaky))[url]
    assert report.status == "ok" and len(inner.pages) == 2
    assert any("ingest failed" in r.message for r in caplog.records)


def test_entry_keys_are_stable_hashes_of_the_guid():
    entry = refresh_module.FeedEntry("https://x/1", "t", "", None, guid="urn:1")
    assert refresh_module.entry_key(entry) == hashlib.sha256(b"urn:1").hexdigest()
