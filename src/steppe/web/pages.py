"""Server-rendered HTML pages; each list page has a JSON twin in api.py built from the same query.

Every page template receives ``alternates`` (its JSON twin and feeds) so the links in
``<head>`` and in the page agree with the routes that serve them.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from steppe.config import Settings
from steppe.publish import queries
from steppe.publish.queries import country_name
from steppe.rates.ticker_view import TickerLine
from steppe.web.params import FilterParams, ListParams, SearchParams
from steppe.web.rates_api import answer_cache

router = APIRouter(include_in_schema=False)

__all__ = ["router", "country_name"]


def _ticker_options(request: Request) -> dict[str, Any]:
    settings: Settings = request.app.state.settings
    return {"orientation": settings["ticker.orientation"], "currencies": settings["ticker.currencies"]}


def page_ticker(request: Request) -> tuple[TickerLine, ...]:
    """The ticker in every page's header, computed once per change of the stored quotes."""
    options = _ticker_options(request)
    return answer_cache(request).value(
        ("ticker", tuple(sorted(options.items()))), lambda: queries.ticker(request.app.state.store, **options)
    )


def _render(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    if "ticker" not in context:
        context["ticker"] = page_ticker(request)
    context.setdefault("alternates", [])
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context)


def _feeds(base: str, query: str = "") -> list[tuple[str, str, str]]:
    """(media type, title, href) of the three feeds at a base path like /feeds/country/KZ."""
    suffix = f"?{query}" if query else ""
    return [
        ("application/rss+xml", "RSS", f"{base}.rss{suffix}"),
        ("application/atom+xml", "Atom", f"{base}.atom{suffix}"),
        ("application/feed+json", "JSON Feed", f"{base}.json{suffix}"),
    ]


def _next_url(request: Request, cursor: str | None) -> str | None:
    if not cursor:
        return None
    return f"{request.url.path}?{request.url.include_query_params(cursor=cursor).query}"


def _filters_query(params: FilterParams) -> str:
    values = {k: getattr(params, k) for k in ("q", "country", "topic", "language", "site", "since", "until")}
    return urlencode({k: str(v) for k, v in values.items() if v})


@router.get("/", response_class=HTMLResponse)
def front(request: Request) -> HTMLResponse:
    page = queries.front_page(request.app.state.store, **_ticker_options(request), ticker_lines=page_ticker(request))
    alternates = [("application/json", "JSON", "/api/v1/front")] + _feeds("/feeds/all")
    return _render(request, "front.html", {"page": page, "ticker": page.ticker, "alternates": alternates})


def _list(
    request: Request,
    params: ListParams,
    *,
    title: str,
    feed_base: str,
    json_path: str,
    extra: dict[str, Any] | None = None,
) -> HTMLResponse:
    page = queries.list_stories(request.app.state.store, params.filter(), limit=params.limit, cursor=params.cursor)
    query = _filters_query(params)
    alternates = [("application/json", "JSON", f"{json_path}{'?' + query if query else ''}")] + _feeds(feed_base)
    context = {
        "page": page,
        "params": params,
        "title": title,
        "alternates": alternates,
        "next_url": _next_url(request, page.next_cursor),
        **(extra or {}),
    }
    return _render(request, "list.html", context)


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, params: ListParams = Depends()) -> HTMLResponse:
    return _list(request, params, title="Latest stories", feed_base="/feeds/all", json_path="/api/v1/stories")


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, params: SearchParams = Depends()) -> HTMLResponse:
    where = params.filter()
    result = queries.search(request.app.state.store, where, limit=params.limit, cursor=params.cursor)
    query = _filters_query(params)
    alternates = [("application/json", "JSON", f"/api/v1/search?{query}")] + _feeds("/feeds/search", query)
    title = f"Search: {params.q}" if params.q else "Search"
    context = {
        "result": result,
        "params": params,
        "title": title,
        "alternates": alternates,
        "next_url": _next_url(request, result.next_cursor),
        "topics": queries.topic_names(),
        "countries": queries.COUNTRY_NAMES,
    }
    return _render(request, "search.html", context)


@router.get("/country/{code}", response_class=HTMLResponse)
def country(request: Request, code: str, params: ListParams = Depends()) -> HTMLResponse:
    params.country = code
    where = params.filter()
    code = where.country or code
    return _list(
        request,
        params,
        title=country_name(code),
        feed_base=f"/feeds/country/{code}",
        json_path="/api/v1/stories",
        extra={"country": code},
    )


@router.get("/topic/", response_class=HTMLResponse)
@router.get("/topic", response_class=HTMLResponse)
def topics(request: Request) -> HTMLResponse:
    listed = queries.topics(request.app.state.store)
    alternates = [("application/json", "JSON", "/api/v1/topics")]
    return _render(request, "topics.html", {"topics": listed, "alternates": alternates})


@router.get("/topic/{slug}", response_class=HTMLResponse)
def topic(request: Request, slug: str, params: ListParams = Depends()) -> HTMLResponse:
    name = queries.topic_name(slug)
    params.topic = slug
    return _list(
        request,
        params,
        title=name,
        feed_base=f"/feeds/topic/{slug}",
        json_path="/api/v1/stories",
        extra={"topic": slug},
    )


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: int = Path(ge=1, le=2**62)) -> HTMLResponse:
    view = queries.story_view(request.app.state.store, story_id)
    alternates = [("application/json", "JSON", f"/api/v1/stories/{story_id}")]
    return _render(
        request,
        "story.html",
        {"view": view, "story": view.story, "alternates": alternates, "topic_names": queries.topic_names()},
    )


@router.get("/cluster/{cluster_id}", response_class=HTMLResponse)
def cluster(request: Request, cluster_id: int = Path(ge=1, le=2**62)) -> HTMLResponse:
    view = queries.cluster_view(request.app.state.store, cluster_id)
    alternates = [("application/json", "JSON", f"/api/v1/clusters/{cluster_id}")]
    return _render(request, "cluster.html", {"view": view, "alternates": alternates})


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> HTMLResponse:
    listed = queries.sources(request.app.state.store)
    alternates = [("application/json", "JSON", "/api/v1/sources"), ("text/x-opml", "OPML", "/sources.opml")]
    return _render(request, "sources.html", {"sources": listed, "alternates": alternates})


@router.get("/digest/", response_class=HTMLResponse)
@router.get("/digest", response_class=HTMLResponse)
def digest_archive(request: Request) -> HTMLResponse:
    days = queries.digest_days(request.app.state.store)
    alternates = [("application/json", "JSON", "/api/v1/digest")]
    return _render(request, "digest_archive.html", {"days": days, "alternates": alternates})


@router.get("/digest/{day}", response_class=HTMLResponse)
def digest(request: Request, day: date) -> HTMLResponse:
    result = queries.digest(request.app.state.store, day, **_ticker_options(request))
    alternates = [("application/json", "JSON", f"/api/v1/digest/{day.isoformat()}")]
    return _render(request, "digest.html", {"digest": result, "ticker": result.ticker, "alternates": alternates})
