"""Server-rendered HTML pages; each has a JSON twin in api.py built from the same query."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from .. import queries
from ..queries import country_name
from .params import ListParams

router = APIRouter(include_in_schema=False)

__all__ = ["router", "country_name"]


def _render(request: Request, name: str, context: dict) -> HTMLResponse:
    settings = request.app.state.settings
    context.setdefault(
        "ticker",
        queries.ticker(request.app.state.store, orientation=settings["ticker.orientation"],
                       currencies=settings["ticker.currencies"]),
    )
    return request.app.state.templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def front(request: Request):
    settings = request.app.state.settings
    page = queries.front_page(request.app.state.store, orientation=settings["ticker.orientation"],
                              currencies=settings["ticker.currencies"])
    return _render(request, "front.html", {"page": page, "ticker": page.ticker})


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, params: ListParams = Depends()):
    page = queries.list_stories(request.app.state.store, params.filter(), limit=params.limit, cursor=params.cursor)
    title = f"Search: {params.q}" if params.q else "Latest stories"
    if params.country:
        title = f"{country_name(params.country.upper())}: {title.lower()}"
    return _render(request, "list.html", {"page": page, "params": params, "title": title})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, params: ListParams = Depends()):
    return stories(request, params)


@router.get("/country/{code}", response_class=HTMLResponse)
def country(request: Request, code: str, params: ListParams = Depends()):
    params.country = code
    return stories(request, params)


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: int):
    view = queries.story_view(request.app.state.store, story_id)
    return _render(request, "story.html", {"view": view, "story": view.story})


@router.get("/digest/{day}", response_class=HTMLResponse)
def digest(request: Request, day: date):
    settings = request.app.state.settings
    result = queries.digest(request.app.state.store, day, orientation=settings["ticker.orientation"],
                            currencies=settings["ticker.currencies"])
    return _render(request, "digest.html", {"digest": result, "ticker": result.ticker})
