"""The JSON API under /api/v1: the twins of every list page, from the same queries.

Field names are stable (see docs/api.md); lists are ``{"<things>": [...], "next_cursor": ...}``
where they page, and errors are ``{"error": "..."}`` with a 400 or 404.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request

from steppe.config import Settings
from steppe.publish import queries
from steppe.web.params import ListParams, SearchParams

router = APIRouter(prefix="/api/v1")
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "A parameter Steppe cannot use; the error says how to fix it"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"description": "No such object"}}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _ticker_options(request: Request) -> dict[str, Any]:
    settings = _settings(request)
    return {"orientation": settings["ticker.orientation"], "currencies": settings["ticker.currencies"]}


@router.get("/stories", tags=["stories"], responses=ERRORS)
def stories(request: Request, params: ListParams = Depends()) -> dict[str, Any]:
    """Stories, newest first, filtered and searched; follow next_cursor for more."""
    page = queries.list_stories(request.app.state.store, params.filter(), limit=params.limit, cursor=params.cursor)
    return {"stories": [queries.story_dict(s) for s in page.stories], "next_cursor": page.next_cursor}


@router.get("/search", tags=["stories"], responses=ERRORS)
def search(request: Request, params: SearchParams = Depends()) -> dict[str, Any]:
    """Full-text search (Latin finds Cyrillic and back) with highlighted headline_html and snippet_html."""
    page = queries.search(request.app.state.store, params.filter(), limit=params.limit, cursor=params.cursor)
    return {"query": params.q, "stories": [queries.hit_dict(h) for h in page.hits], "next_cursor": page.next_cursor}


@router.get("/stories/{story_id}", tags=["stories"], responses=NOT_FOUND)
def story(request: Request, story_id: int = Path(ge=1, le=2**62)) -> dict[str, Any]:
    """One story with the other outlets that carried it and the rest of its cluster."""
    view = queries.story_view(request.app.state.store, story_id)
    data = queries.story_dict(view.story)
    data["copies"] = [{"site": site, "url": url} for site, url in view.copies]
    data["related"] = [queries.story_dict(s, with_text=False) for s in view.related]
    data["see_also"] = [queries.story_dict(s, with_text=False) for s in view.see_also]
    return data


@router.get("/clusters/{cluster_id}", tags=["stories"], responses=NOT_FOUND)
def cluster(request: Request, cluster_id: int = Path(ge=1, le=2**62)) -> dict[str, Any]:
    """One cluster: the same event told by several outlets, earliest first."""
    return queries.cluster_dict(queries.cluster_view(request.app.state.store, cluster_id))


@router.get("/front", tags=["stories"])
def front(request: Request) -> dict[str, Any]:
    """The front page: the ticker, the top clusters and the latest stories of each country."""
    page = queries.front_page(request.app.state.store, **_ticker_options(request))
    return {
        "ticker": [queries.ticker_dict(t) for t in page.ticker],
        "story_count": page.story_count,
        "clusters": [queries.cluster_dict(c) for c in page.clusters],
        "countries": [
            {"code": s.code, "name": s.name, "stories": [queries.story_dict(x, with_text=False) for x in s.stories]}
            for s in page.sections
        ],
    }


@router.get("/topics", tags=["stories"])
def topics(request: Request) -> dict[str, Any]:
    """Every topic with its story count; list a topic's stories with /stories?topic=SLUG."""
    return {
        "topics": [
            {"slug": slug, "name": name, "stories": n} for slug, name, n in queries.topics(request.app.state.store)
        ]
    }


@router.get("/sources", tags=["sources"])
def sources(request: Request) -> dict[str, Any]:
    """Every source Steppe reads, with its health."""
    return {"sources": [queries.source_dict(s) for s in queries.sources(request.app.state.store)]}


@router.get("/rates/ticker", tags=["rates"], responses=ERRORS)
def ticker(request: Request, day: date | None = None) -> dict[str, Any]:
    """The official rates ticker for a day (default: the latest)."""
    lines = queries.ticker(request.app.state.store, day=day, **_ticker_options(request))
    return {"ticker": [queries.ticker_dict(t) for t in lines]}


@router.get("/digest", tags=["digest"], responses=ERRORS)
def digest_archive(request: Request, limit: int = Query(366, ge=1, le=5000)) -> dict[str, Any]:
    """The days that have a digest (days with stories), newest first."""
    days = queries.digest_days(request.app.state.store, limit=limit)
    return {"days": [{"date": d.isoformat(), "stories": n} for d, n in days]}


@router.get("/digest/{day}", tags=["digest"], responses=ERRORS)
def digest(request: Request, day: date) -> dict[str, Any]:
    """The digest of a day: ticker and stories grouped by country."""
    return queries.digest_dict(queries.digest(request.app.state.store, day, **_ticker_options(request)))
