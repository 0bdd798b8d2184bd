"""The web app factory: FastAPI with server-rendered pages, their JSON twins, feeds and safety headers."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from steppe.config import Settings, load_settings
from steppe.errors import BadQuery, NotFound, SteppeError
from steppe.publish.safehtml import safe_url
from steppe.rates.ticker_view import format_change, format_value
from steppe.store import Store
from steppe.web import api, feeds, pages, rates_api
from steppe.web.headers import SafetyHeaders
from steppe.web.page_cache import PageCache

HERE = Path(__file__).parent
DOCS_CDN = "https://cdn.jsdelivr.net"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path.endswith(".json")


def _error(request: Request, status: int, message: str):
    if _wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "alternates": []}, status_code=status
    )


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
    async def bad_query(request: Request, exc: BadQuery):
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        is_path = any(e.get("loc", ("",))[0] == "path" for e in exc.errors())
        return _error(request, 404 if is_path else 400, _validation_message(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return _error(request, 404, str(exc))

    @app.exception_handler(SteppeError)
    async def steppe_error(request: Request, exc: SteppeError):
        return _error(request, 500, f"{exc.__class__.__name__}: {exc}")


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
        version="0.1.0",
        description="News and official rates for Central Asia",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store
    app.state.settings = settings or load_settings(env={})
    app.state.templates = _templates()

    app.add_middleware(PageCache, store=store, max_age=app.state.settings["web.page_cache_seconds"])
    app.add_middleware(rates_api.CachedAnswers)  # inside SafetyHeaders: it adds their headers
    app.add_middleware(SafetyHeaders)
    _install_error_handlers(app)
    _install_docs(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(rates_api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    return app
