"""Safety and cross-origin headers as a plain ASGI middleware (no per-request Request/Response objects)."""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
PREFLIGHT_HEADERS = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-allow-methods", b"GET, HEAD, OPTIONS"),
    (b"access-control-allow-headers", b"Accept, If-None-Match, If-Modified-Since"),
    (b"access-control-max-age", b"86400"),
]
MACHINE_SUFFIXES = (".json", ".rss", ".atom", ".opml")
EMPTY_PARAMETER = re.compile(rb"(^|&)[^=&]+=(&|$)")


def is_machine_readable(path: str) -> bool:
    """API, feeds and exports: readable cross-origin."""
    return path.startswith("/api/") or path.endswith(MACHINE_SUFFIXES)


# The raw (lower-case name, value) pairs, encoded once: every response gets them.
SECURITY_PAIRS = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in SECURITY_HEADERS.items()]
CORS_PAIRS = [*SECURITY_PAIRS, (b"access-control-allow-origin", b"*")]


def add_missing(message: Message, pairs: list[tuple[bytes, bytes]]) -> None:
    """Append to a response start message each header it does not already set (Starlette's setdefault)."""
    headers = message["headers"] = list(message["headers"])
    present = {name for name, _ in headers}
    headers.extend(pair for pair in pairs if pair[0] not in present)


def drop_empty_parameters(scope: Scope) -> None:
    """Treat ``?since=`` like an absent parameter: a form submitted without JavaScript sends empty fields."""
    raw: bytes = scope.get("query_string", b"")
    if raw and EMPTY_PARAMETER.search(raw):
        scope["query_string"] = b"&".join(pair for pair in raw.split(b"&") if pair and not pair.endswith(b"="))


class SafetyHeaders:
    """Adds CSP and friends to every response, CORS to machine-readable GETs, and answers preflights."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        drop_empty_parameters(scope)
        machine = is_machine_readable(scope["path"])
        if machine and scope["method"] == "OPTIONS":
            await send({"type": "http.response.start", "status": 204, "headers": PREFLIGHT_HEADERS})
            await send({"type": "http.response.body", "body": b""})
            return
        cors = machine and scope["method"] in {"GET", "HEAD"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                add_missing(message, CORS_PAIRS if cors else SECURITY_PAIRS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
