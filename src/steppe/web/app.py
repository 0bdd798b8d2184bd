"""The web app factory: FastAPI with server-rendered pages, their JSON twins, feeds and safety headers."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from steppe import __version__
from steppe.config import Settings, load_settings
from steppe.errors import BadQuery, NotFound, SteppeError
from steppe.publish.safehtml import safe_url
from steppe.publish.views import public_base_url
from steppe.rates.ticker_view import format_change, format_value
from steppe.store import Store
from steppe.web import api, feeds, pages, rates_api
from steppe.web.guard import AllowedHosts, RequestGuard, allowed_hosts, error_response
from steppe.web.headers import SafetyHeaders
from steppe.web.page_cache import PageCache

HERE = Path(__file__).parent
log = logging.getLogger("steppe.web")
DOCS_CDN = "https://cdn.jsdelivr.net"


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return error_response(request, status, message, headers)


def _validation_message(exc: RequestValidationError) -> str:
    """One line naming each bad parameter and what it should be."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["country_name"] = pages.country_name
    templates.env.filters["rate"] = format_value
    templates.env.filters["change"] = format_change
    templates.env.filters["safe_url"] = safe_url
    return templates


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BadQuery)
    async def bad_query(request: Request, exc: BadQuery) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        is_path = any(e.get("loc", ("",))[0] == "path" for e in exc.errors())
        return _error(request, 404 if is_path else 400, _validation_message(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(SteppeError)
    async def steppe_error(request: Request, exc: SteppeError) -> Response:
        log.error("%s answering %s: %s", exc.__class__.__name__, request.url.path, exc)
        return _error(request, 500, "something went wrong on our side; it has been logged")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Unknown routes and wrong methods: the desk's error page or shape, not FastAPI's {"detail": ...}."""
        message = "not found" if exc.status_code == 404 else str(exc.detail)
        return _error(request, exc.status_code, message, getattr(exc, "headers", None))


def _install_docs(app: FastAPI) -> None:
    """The interactive API docs: Swagger UI from its CDN, its one inline script allowed by hash only."""
    page = get_swagger_ui_html(openapi_url=app.openapi_url or "/api/openapi.json", title="Steppe API")
    body = bytes(page.body)
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in re.findall(rb"<script>(.*?)</script>", body, re.DOTALL)
    )
    csp = (
        f"default-src 'self'; script-src 'self' {DOCS_CDN} {hashes}; style-src 'self' {DOCS_CDN}; "
        "img-src 'self' data: https://fastapi.tiangolo.com; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )

    @app.get("/api/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(body, headers={"Content-Security-Policy": csp})


def create_app(store: Store, settings: Settings | None = None) -> FastAPI:
    """A web app serving one store."""
    app = FastAPI(
        title="Steppe",
        version=__version__,
        description="News and official rates for Central Asia",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings or load_settings(env={})
    app.state.templates = _templates()

    settings = app.state.settings
    # feeds link to web.public_url (else to the server's own address), never to the Host header
    app.state.public_url = public_base_url(settings) if settings["web.public_url"] else None
    app.add_middleware(PageCache, store=store, max_age=settings["web.page_cache_seconds"])
    app.add_middleware(rates_api.CachedAnswers)  # inside SafetyHeaders: it adds their headers
    app.add_middleware(RequestGuard, budget=settings["web.request_timeout"])  # time budget, last-resort 500
    app.add_middleware(AllowedHosts, hosts=allowed_hosts(settings))
    app.add_middleware(SafetyHeaders)  # outermost of ours: every answer above carries the headers
    _install_error_handlers(app)
    _install_docs(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(rates_api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    return app
