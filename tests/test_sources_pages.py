"""Sources of kind ``page``: an outlet's list page polled like a feed, against a local server."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from steppe.errors import FeedNotFound
from steppe.fetch import Fetcher
from steppe.models import Source
from steppe.sources.discover import discover_feed
from steppe.sources.manage import add_source
from test_fetch_server import Reply, local_config, server  # noqa: F401 (fixture)
from test_sources_refresh import FakeIngest, health, make_due, run_round, scheduler

LISTS = Path(__file__).parent / "samples" / "extract" / "lists"
SECTION = (LISTS / "section-ru.html").read_bytes()
PATHS = [link["url"].split(".kz", 1)[1] for link in json.loads((LISTS / "labels.json").read_text())[1]["links"]]


def article(path: str) -> bytes:
    body = "<p>" + f"Материал по адресу {path} рассказывает о событиях в регионе подробно и по порядку. " * 12 + "</p>"
    return (
        f"<html><head><title>{path}</title></head><body><article><h1>{path}</h1>{body}</article></body></html>".encode()
    )


def serve_section(server, body: bytes = SECTION, etag: str = '"v1"') -> str:
    def answer(request):
        if request.headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        return Reply(200, body, {"ETag": etag, "Content-Type": "text/html; charset=utf-8"})

    for path in PATHS:
        server.route(path, Reply(200, article(path), {"Content-Type": "text/html; charset=utf-8"}))
    return server.route("/economy/", answer)


def add_page_source(store, url: str) -> None:
    with store.write() as session:
        session.sources.add(Source(url, "Вести Семиречья", kind="page"), now=datetime.now(UTC))


def fetched_articles(server) -> list[str]:
    return [r.path for r in server.log if r.path in PATHS]


def test_a_page_source_fetches_every_link_of_its_list_for_full_text(server, store):
    url = serve_section(server)
    add_page_source(store, url)
    ingest = FakeIngest()
    report = run_round(scheduler(store, ingest))[url]
    assert report.status == "ok" and report.entries == len(PATHS)
    assert sorted(fetched_articles(server)) == sorted(PATHS)
    assert sorted(p.url for p in ingest.pages) == sorted(server.url(p) for p in PATHS)
    assert all(p.body.startswith(b"<html>") and p.source_url == url for p in ingest.pages)


def test_a_page_source_never_fetches_the_same_link_twice(server, store):
    url = serve_section(server)
    add_page_source(store, url)
    ingest = FakeIngest()
    sched = scheduler(store, ingest)
    run_round(sched)
    make_due(store)
    assert run_round(sched)[url].status == "not_modified"  # conditional GET: the list itself is not re-read
    fresh = '<li class="news-list__item"><a class="news-list__title" href="/economy/2025/12/13/novaya">Новый элеватор откроют в Сарканде весной</a><p class="news-list__lead">Мощность хранилища составит сорок тысяч тонн зерна.</p></li>'
    changed = SECTION.replace(b'<ul class="news-list">', ('<ul class="news-list">' + fresh).encode())
    server.route(
        "/economy/2025/12/13/novaya", Reply(200, article("/economy/2025/12/13/novaya"), {"Content-Type": "text/html"})
    )
    serve_section(server, changed, etag='"v2"')
    make_due(store)
    before = len(server.log)
    third = run_round(sched)[url]
    again = [r.path for r in server.log[before:] if r.path.startswith("/economy/20")]
    assert third.status == "ok" and third.entries == 1 and again == ["/economy/2025/12/13/novaya"]
    assert len(ingest.pages) == len(PATHS) + 1


def test_a_page_source_that_is_no_longer_a_list_records_an_error(server, store):
    url = server.route("/economy/", Reply(200, article("/economy/"), {"Content-Type": "text/html"}))
    add_page_source(store, url)
    report = run_round(scheduler(store, FakeIngest()))[url]
    assert report.status == "failed" and "no longer a list" in report.error
    assert health(store, url).error_count == 1


def test_adding_a_list_page_without_a_feed_makes_a_page_source(server, store):
    url = serve_section(server)
    source, added = add_source(store, url, config=local_config())
    assert added and source.kind == "page" and source.url == url
    assert source.name == "Экономика"


def test_a_page_that_is_neither_feed_nor_list_is_not_a_source(server, store):
    url = server.route("/story", Reply(200, article("/story"), {"Content-Type": "text/html"}))

    async def go():
        async with Fetcher(local_config()) as fetcher:
            return await discover_feed(url, fetcher, list_pages=True)

    with pytest.raises(FeedNotFound, match="no list of links"):
        asyncio.run(go())
