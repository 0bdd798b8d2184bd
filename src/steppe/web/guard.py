"""The web app's outer guards: allowed hosts, a time budget per request, and the last-resort 500.

Every refusal these layers make is answered in the desk's error shape (``error_response``):
``{"message": ...}`` under /api/rates/ (Frankfurter's), ``{"error": ...}`` for the rest of the
API and the ``.json`` twins, the error page for everything else. They sit inside
``SafetyHeaders`` (web/app.py), so these answers carry the security headers too.

* ``AllowedHosts``: Starlette's ``TrustedHostMiddleware`` decides; its plain-text 400 is
  replaced by the desk's error shape. No response depends on the Host header (links are
  built from ``web.public_url``), so this is defence in depth against DNS rebinding.
* ``RequestGuard``: a request that has not started its answer within ``budget`` seconds is
  answered 503 and its work abandoned (a coroutine is cancelled; a worker thread cannot be
  stopped, so it runs to its end and its answer is dropped). Any exception no handler took
  is logged once, with the request line, and answered 500 in the desk's shape.
"""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlsplit

from fastapi.responses import JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from steppe.config import Settings
from steppe.publish.views import public_base_url

log = logging.getLogger("steppe.web")

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "testserver")  # testserver: in-process test clients' name
RATES_API = "/api/rates/"


def wants_json(path: str) -> bool:
    """API routes and the .json twins answer errors in JSON."""
    return path.startswith("/api/") or path.endswith(".json")


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The desk's error shape for a request: Frankfurter's, the API's or the error page."""
    path = request.url.path
    if path.startswith(RATES_API):
        return JSONResponse({"message": message}, status_code=status, headers=headers)
    if wants_json(path):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    context = {"status": status, "message": message, "alternates": []}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)


async def send_error(scope: Scope, receive: Receive, send: Send, status: int, message: str) -> None:
    """Answer a raw ASGI request with the desk's error shape (a plain JSON body if even that fails)."""
    try:
        response = error_response(Request(scope, receive), status, message)
    except Exception:  # the error page itself cannot render: still an answer, never a dropped connection
        log.exception("error page failed to render")
        response = JSONResponse({"error": message}, status_code=status)
    await response(scope, receive, send)


def allowed_hosts(settings: Settings) -> tuple[str, ...]:
    """The host names the app answers: the local names, the public URL's host and ``web.allowed_hosts``."""
    public = urlsplit(public_base_url(settings)).hostname
    names = [*LOCAL_HOSTS, *(settings["web.allowed_hosts"] or ()), *([public] if public else [])]
    if "*" in names:
        raise ValueError("web.allowed_hosts: '*' would answer any Host; list the names instead")
    return tuple(dict.fromkeys(name.lower() for name in names))


class AllowedHosts:
    """ASGI layer: refuse a Host header outside the allowed names with 400 in the desk's shape."""

    def __init__(self, app: ASGIApp, hosts: tuple[str, ...]):
        self.app, self.hosts = app, hosts
        TrustedHostMiddleware(app, allowed_hosts=list(hosts))  # its checks of the patterns, once at start

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        passed = False

        async def allowed(inner: Scope, inner_receive: Receive, inner_send: Send) -> None:
            nonlocal passed
            passed = True
            await self.app(inner, inner_receive, send)

        async def refused(message: Message) -> None:
            if not passed and message["type"] == "http.response.start":
                await send_error(scope, receive, send, 400, "unknown host: this desk answers only its own names")

        gate = TrustedHostMiddleware(allowed, allowed_hosts=list(self.hosts), www_redirect=False)
        await gate(scope, receive, refused)


class RequestGuard:
    """ASGI layer: a time budget per request, and a logged 500 in the desk's shape for any unhandled error."""

    def __init__(self, app: ASGIApp, *, budget: float):
        self.app, self.budget = app, budget
        self.abandoned: set[asyncio.Task[None]] = set()  # referenced until they end, so they are not collected

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = {"started": False, "dropped": False}

        async def watched(message: Message) -> None:
            if state["dropped"]:
                return  # the budget ran out and the 503 went instead
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        task = asyncio.ensure_future(self._answer(scope, receive, watched, state))
        done, _ = await asyncio.wait({task}, timeout=self.budget if self.budget > 0 else None)
        if task in done or state["started"]:
            await task  # finished, or already answering: a started answer is not cut short
            return
        state["dropped"] = True
        task.cancel()
        self.abandoned.add(task)
        task.add_done_callback(self.abandoned.discard)
        log.warning("over the %.1f s budget: %s %s", self.budget, scope["method"], _target(scope))
        await send_error(scope, receive, send, 503, f"the request took longer than {self.budget:g} s; try again")

    async def _answer(self, scope: Scope, receive: Receive, send: Send, state: dict[str, bool]) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception:
            log.exception("unhandled error answering %s %s", scope["method"], _target(scope))
            if not state["started"] and not state["dropped"]:
                await send_error(scope, receive, send, 500, "something went wrong on our side; it has been logged")


def _target(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    path: str = scope["path"]
    return path + (f"?{query[:200]}" if query else "")
