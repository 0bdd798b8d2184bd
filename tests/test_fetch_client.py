"""The fetcher against a real local server: conditional GET, caps, bombs, redirects, robots, 429."""

from __future__ import annotations

import asyncio
import gzip
import os
import time
import zlib

import pytest

from steppe.errors import (
    BadStatus,
    BodyTooLarge,
    BrokenBody,
    DisallowedByRobots,
    FetchTimedOut,
    RateLimited,
    TooManyRedirects,
    UnsafeURL,
)
from steppe.fetch import Fetcher
from steppe.fetch.client import user_agent
from steppe.fetch.robots import RobotsCache
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)

FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


def fetch(url: str, config=None, **kwargs):
    async def go():
        async with Fetcher(config or local_config()) as fetcher:
            return await fetcher.fetch(url, **kwargs)

    return asyncio.run(go())


def test_a_plain_get_returns_body_validators_and_content_type(server):
    url = server.route(
        "/feed",
        Reply(
            200,
            FEED,
            {
                "Content-Type": "application/rss+xml; charset=utf-8",
                "ETag": '"v1"',
                "Last-Modified": "Sat, 28 Nov 2026 10:00:00 GMT",
            },
        ),
    )
    result = fetch(url)
    assert result.status == 200 and result.body == FEED
    assert result.etag == '"v1"' and result.last_modified.startswith("Sat, 28 Nov")
    assert result.content_type.startswith("application/rss+xml")


def test_the_user_agent_names_the_desk_and_the_operator(server):
    url = server.route("/feed", Reply(200, FEED))
    fetch(url)
    agent = server.hits("/feed")[0].headers["user-agent"]
    assert agent.startswith("Steppe/") and "ops@example.org" in agent
    assert user_agent("Steppe/0.1 (+https://x)", "ops@y") == "Steppe/0.1 (+https://x; ops@y)"
    assert user_agent("Steppe/0.1", "") == "Steppe/0.1"


def test_conditional_get_sends_validators_and_a_304_has_no_body(server):
    def conditional(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, b"", {"ETag": '"v1"'})
        return Reply(200, FEED, {"ETag": '"v1"'})

    url = server.route("/feed", conditional)
    result = fetch(url, etag='"v1"', last_modified="Sat, 28 Nov 2026 10:00:00 GMT")
    assert result.not_modified and result.body == b""
    sent = server.hits("/feed")[0].headers
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"].startswith("Sat")


def test_cache_control_max_age_is_reported(server):
    url = server.route("/feed", Reply(200, FEED, {"Cache-Control": "public, max-age=900"}))
    assert fetch(url).fresh_for == 900


def test_gzip_bodies_are_decompressed(server):
    url = server.route("/feed", Reply(200, gzip.compress(FEED), {"Content-Encoding": "gzip"}))
    assert fetch(url).body == FEED
    assert "gzip" in server.hits("/feed")[0].headers["accept-encoding"]


def test_raw_deflate_bodies_are_decompressed(server):
    raw = zlib.compressobj(wbits=-15)
    url = server.route("/feed", Reply(200, raw.compress(FEED) + raw.flush(), {"Content-Encoding": "deflate"}))
    assert fetch(url).body == FEED


def test_a_body_over_the_cap_stops_reading_early(server):
    chunk = b"x" * 65536
    url = server.route("/big", Reply(200, (chunk for _ in range(1600)), {"Content-Type": "text/html"}))  # 100 MiB
    started = time.monotonic()
    with pytest.raises(BodyTooLarge, match="limit"):
        fetch(url, config=local_config(max_body_bytes=1024 * 1024))
    assert time.monotonic() - started < 3


def test_a_declared_length_over_the_cap_is_not_read_at_all(server):
    url = server.route("/big", Reply(200, b"x" * 300_000))
    with pytest.raises(BodyTooLarge, match="Content-Length"):
        fetch(url, config=local_config(max_body_bytes=100_000))


def test_a_gzip_bomb_stops_at_the_decompressed_cap(server):
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(compressor.compress(b"\0" * 1_048_576) for _ in range(200)) + compressor.flush()  # 200 MiB
    assert len(bomb) < 300_000
    url = server.route("/bomb", Reply(200, bomb, {"Content-Encoding": "gzip", "Content-Type": "text/html"}))
    with pytest.raises(BodyTooLarge, match="decompressed"):
        fetch(url, config=local_config(max_body_bytes=2 * 1024 * 1024))


def test_a_truncated_body_is_a_broken_body(server):
    url = server.route("/cut", Reply(200, b"<html>only half", content_length=10_000))
    with pytest.raises(BrokenBody):
        fetch(url)


def test_a_truncated_gzip_stream_is_a_broken_body(server):
    url = server.route(
        "/cut", Reply(200, gzip.compress(os.urandom(4000).hex().encode())[:2000], {"Content-Encoding": "gzip"})
    )
    with pytest.raises(BrokenBody, match="truncated|corrupt"):
        fetch(url)


def test_a_slow_drip_hits_the_total_timeout(server):
    url = server.route("/drip", Reply(200, (b"x" for _ in range(100)), chunk_delay=0.5))
    started = time.monotonic()
    with pytest.raises(FetchTimedOut):
        fetch(url, config=local_config(read_timeout=2.0, total_timeout=1.5))
    assert time.monotonic() - started < 3


def test_a_silent_server_hits_the_read_timeout(server):
    url = server.route("/silent", lambda request: (time.sleep(2), Reply(200, b"late"))[1])
    with pytest.raises(FetchTimedOut):
        fetch(url, config=local_config(read_timeout=0.5, total_timeout=5))


def test_redirects_are_followed_and_recorded(server):
    server.route("/a", Reply(301, b"", {"Location": "/b"}))
    server.route("/b", Reply(302, b"", {"Location": server.url("/c")}))
    server.route("/c", Reply(200, FEED))
    result = fetch(server.url("/a"))
    assert result.body == FEED and len(result.redirects) == 2


def test_more_than_five_redirects_are_refused(server):
    for n in range(7):
        server.route(f"/r{n}", Reply(302, b"", {"Location": f"/r{n + 1}"}))
    server.route("/r7", Reply(200, FEED))
    with pytest.raises(TooManyRedirects):
        fetch(server.url("/r0"))
    assert len(server.hits("/r6")) == 0


def test_a_redirect_loop_is_refused(server):
    server.route("/x", Reply(302, b"", {"Location": "/y"}))
    server.route("/y", Reply(302, b"", {"Location": "/x"}))
    with pytest.raises(TooManyRedirects, match="loop"):
        fetch(server.url("/x"))
    assert len(server.hits("/x")) == 1


def test_a_redirect_to_another_scheme_is_refused(server):
    server.route("/x", Reply(302, b"", {"Location": "file:///etc/passwd"}))
    with pytest.raises(UnsafeURL):
        fetch(server.url("/x"))


@pytest.mark.parametrize("url", ["ftp://example.org/x", "http://user:pw@example.org/", "javascript:alert(1)"])
def test_non_http_urls_and_credentials_are_refused(url):
    with pytest.raises(UnsafeURL):
        fetch(url)


def test_robots_disallow_is_respected_and_robots_is_fetched_once(server):
    server.route("/robots.txt", Reply(200, b"User-agent: Steppe\nDisallow: /private/\n"))
    allowed = server.route("/public/feed", Reply(200, FEED))
    refused = server.route("/private/feed", Reply(200, FEED))

    async def go():
        async with Fetcher(local_config()) as fetcher:
            await fetcher.fetch(allowed)
            with pytest.raises(DisallowedByRobots):
                await fetcher.fetch(refused)

    asyncio.run(go())
    assert len(server.hits("/robots.txt")) == 1
    assert server.hits("/private/feed") == []


def test_an_unreachable_robots_txt_disallows_everything(server):
    server.route("/robots.txt", Reply(500, b"oops"))
    url = server.route("/feed", Reply(200, FEED))
    with pytest.raises(DisallowedByRobots, match="unreachable"):
        fetch(url)
    assert server.hits("/feed") == []


def test_429_with_retry_after_is_rate_limited_with_the_delay(server):
    url = server.route("/feed", Reply(429, b"slow down", {"Retry-After": "120"}))
    with pytest.raises(RateLimited) as caught:
        fetch(url)
    assert caught.value.retry_after == 120 and caught.value.status == 429


def test_503_with_an_http_date_retry_after(server):
    url = server.route("/feed", Reply(503, b"", {"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}))
    with pytest.raises(RateLimited) as caught:
        fetch(url)
    assert caught.value.retry_after > 1e6


def test_a_500_is_a_bad_status(server):
    url = server.route("/feed", Reply(500, b"boom"))
    with pytest.raises(BadStatus) as caught:
        fetch(url)
    assert caught.value.status == 500


def test_per_host_concurrency_is_capped(server):
    active = {"now": 0, "peak": 0}

    def slow(request):
        active["now"] += 1
        active["peak"] = max(active["peak"], active["now"])
        time.sleep(0.2)
        active["now"] -= 1
        return Reply(200, FEED)

    server.route("/slow", slow)

    async def go():
        async with Fetcher(local_config(per_host=2)) as fetcher:
            await asyncio.gather(*(fetcher.fetch(server.url(f"/slow?n={n}")) for n in range(6)))

    asyncio.run(go())
    assert active["peak"] <= 2
    assert len(server.hits("/slow")) == 0 and len([r for r in server.log if r.path.startswith("/slow")]) == 6


def test_robots_rules_of_origins_no_longer_visited_are_forgotten_once_expired():
    now = [0.0]
    cache = RobotsCache("Steppe", ttl=100, clock=lambda: now[0])

    async def fetch(url):
        return b"User-agent: *\nDisallow: /private/\n"

    async def visit(*urls):
        for url in urls:
            await cache.rules_for(url, fetch)

    asyncio.run(visit("http://one.example/a", "http://two.example/a"))
    assert len(cache) == 2
    now[0] = 150.0  # both expired; only two.example is visited again
    asyncio.run(visit("http://two.example/b"))
    assert len(cache) == 1
    assert (
        asyncio.run(cache.rules_for("http://two.example/private/x", fetch)).allows(
            "http://two.example/private/x", "Steppe"
        )
        is False
    )
