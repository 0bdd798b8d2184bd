"""Feed routes: RSS, Atom and JSON Feed for the front page, each country, each topic and any search,
and the OPML export of the sources.

Canonical addresses are ``/feeds/all.rss``, ``/feeds/country/KZ.atom``, ``/feeds/topic/energy.json``
and ``/feeds/search.rss?q=...``; the short forms ``/feed.rss``, ``/country/KZ/feed.atom``,
``/topic/energy/feed.json`` and ``/search/feed.rss?q=...`` serve the same documents.
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from steppe.publish import queries
from steppe.publish.views import public_base_url, server_url
from steppe.store import StoryFilter
from steppe.web.params import FeedParams
from steppe.web.syndication import MEDIA_TYPES, FeedInfo, render, xml_text

router = APIRouter(tags=["feeds"])
OPML_TYPE = "text/x-opml; charset=utf-8"


class FeedFormat(str, Enum):
    """The feed formats Steppe writes."""

    rss = "rss"
    atom = "atom"
    json = "json"


def _absolute(request: Request, path: str) -> str:
    """An absolute link on the desk's public address, never on the request's Host header.

    That is ``web.public_url``; unset, the address the connection arrived at (the server's own
    socket, which no request can choose), else ``http://{web.host}:{web.port}``.
    """
    base: str | None = request.app.state.public_url
    if not base:
        server = request.scope.get("server")
        base = server_url(*server) if server and server[1] else public_base_url(request.app.state.settings)
    return base + path


def _feed(
    request: Request, fmt: FeedFormat, where: StoryFilter, *, title: str, page: str, feed: str, limit: int = 50
) -> Response:
    stories = queries.list_stories(request.app.state.store, where, limit=limit).stories
    query = f"?{request.url.query}" if request.url.query else ""
    info = FeedInfo(
        title=f"Steppe: {title}",
        page_url=_absolute(request, page + query),
        feed_url=_absolute(request, f"{feed}.{fmt.value}{query}"),
    )
    body = render(fmt.value, info, stories, lambda s: _absolute(request, f"/story/{s.id}"))
    return Response(body, media_type=MEDIA_TYPES[fmt.value])


@router.get("/feeds/all.{fmt}", response_class=Response)
def all_stories(request: Request, fmt: FeedFormat, limit: int = Query(50, ge=1, le=100)) -> Response:
    """The latest stories from every country."""
    return _feed(request, fmt, StoryFilter(), title="Central Asia", page="/", feed="/feeds/all", limit=limit)


@router.get("/feeds/country/{code}.{fmt}", response_class=Response)
def country(request: Request, code: str, fmt: FeedFormat, limit: int = Query(50, ge=1, le=100)) -> Response:
    """The latest stories about one country (ISO alpha-2 code)."""
    where = queries.story_filter(country=code)
    name = queries.country_name(where.country or code)
    return _feed(
        request,
        fmt,
        where,
        title=name,
        page=f"/country/{where.country}",
        feed=f"/feeds/country/{where.country}",
        limit=limit,
    )


@router.get("/feeds/topic/{slug}.{fmt}", response_class=Response)
def topic(request: Request, slug: str, fmt: FeedFormat, limit: int = Query(50, ge=1, le=100)) -> Response:
    """The latest stories on one topic."""
    name = queries.topic_name(slug)
    return _feed(
        request,
        fmt,
        queries.story_filter(topic=slug),
        title=name,
        page=f"/topic/{slug}",
        feed=f"/feeds/topic/{slug}",
        limit=limit,
    )


@router.get("/feeds/search.{fmt}", response_class=Response)
def search(request: Request, fmt: FeedFormat, params: FeedParams = Depends()) -> Response:
    """Any search, with the filters of /search, as a feed: subscribe to a query."""
    title = f"search for {params.q}" if params.q else "filtered stories"
    return _feed(request, fmt, params.filter(), title=title, page="/search", feed="/feeds/search", limit=params.limit)


@router.get("/feed.{fmt}", include_in_schema=False)
def all_short(request: Request, fmt: FeedFormat) -> Response:
    return all_stories(request, fmt, limit=50)


@router.get("/country/{code}/feed.{fmt}", include_in_schema=False)
def country_short(request: Request, code: str, fmt: FeedFormat) -> Response:
    return country(request, code, fmt, limit=50)


@router.get("/topic/{slug}/feed.{fmt}", include_in_schema=False)
def topic_short(request: Request, slug: str, fmt: FeedFormat) -> Response:
    return topic(request, slug, fmt, limit=50)


@router.get("/search/feed.{fmt}", include_in_schema=False)
def search_short(request: Request, fmt: FeedFormat, params: FeedParams = Depends()) -> Response:
    return search(request, fmt, params)


@router.get("/sources.opml", response_class=Response, tags=["sources"])
def sources_opml(request: Request) -> Response:
    """Every source as OPML 2.0, ready for a feed reader (or `steppe sources import`)."""
    from steppe.sources.opml import render_opml

    # a (remote) title may hold characters XML 1.0 cannot carry: the export stays a valid document
    listed = [
        replace(status.source, name=xml_text(status.source.name), url=xml_text(status.source.url))
        for status in queries.sources(request.app.state.store)
    ]
    return Response(render_opml(listed, title="Steppe sources"), media_type=OPML_TYPE)
