"""The JSON API under /api/v1: the twins of every list page, from the same queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request

from .. import queries
from .params import ListParams

router = APIRouter(prefix="/api/v1", tags=["stories"])


def _settings(request: Request):
    return request.app.state.settings


@router.get("/stories")
def stories(request: Request, params: ListParams = Depends()) -> dict[str, Any]:
    """Stories, newest first, filtered and searched; follow next_cursor for more."""
    page = queries.list_stories(request.app.state.store, params.filter(), limit=params.limit, cursor=params.cursor)
    return {"stories": [queries.story_dict(s) for s in page.stories], "next_cursor": page.next_cursor}


@router.get("/stories/{story_id}")
def story(request: Request, story_id: int) -> dict[str, Any]:
    """One story with the other outlets that carried it."""
    view = queries.story_view(request.app.state.store, story_id)
    data = queries.story_dict(view.story)
    data["copies"] = [{"site": site, "url": url} for site, url in view.copies]
    data["related"] = [queries.story_dict(s, with_text=False) for s in view.related]
    return data


@router.get("/front")
def front(request: Request) -> dict[str, Any]:
    """The front page: the ticker and the latest stories of each country."""
    settings = _settings(request)
    page = queries.front_page(request.app.state.store, orientation=settings["ticker.orientation"],
                              currencies=settings["ticker.currencies"])
    return {
        "ticker": [queries.ticker_dict(t) for t in page.ticker],
        "story_count": page.story_count,
        "countries": [
            {"code": s.code, "name": s.name, "stories": [queries.story_dict(x, with_text=False) for x in s.stories]}
            for s in page.sections
        ],
    }


@router.get("/rates/ticker", tags=["rates"])
def ticker(request: Request, day: date | None = None) -> dict[str, Any]:
    """The official rates ticker for a day (default: the latest)."""
    settings = _settings(request)
    lines = queries.ticker(request.app.state.store, day=day, orientation=settings["ticker.orientation"],
                           currencies=settings["ticker.currencies"])
    return {"ticker": [queries.ticker_dict(t) for t in lines]}


@router.get("/digest/{day}")
def digest(request: Request, day: date) -> dict[str, Any]:
    """The digest of a day: ticker and stories grouped by country."""
    settings = _settings(request)
    result = queries.digest(request.app.state.store, day, orientation=settings["ticker.orientation"],
                            currencies=settings["ticker.currencies"])
    return {
        "date": result.day.isoformat(),
        "ticker": [queries.ticker_dict(t) for t in result.ticker],
        "countries": [
            {"code": s.code, "name": s.name, "stories": [queries.story_dict(x) for x in s.stories]}
            for s in result.sections
        ],
        "other": [queries.story_dict(x) for x in result.other],
    }
