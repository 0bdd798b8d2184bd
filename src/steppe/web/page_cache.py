"""A short-lived cache of whole responses for the pages every reader asks for.

The front page, country and topic pages, their JSON twins and feeds are the same for every
reader until a story or a rate arrives; building one costs a dozen queries and a template.
``PageCache`` is an ASGI layer that keeps the finished response (status 200, headers, body)
of such GETs and sends it again while the store has not changed and the copy is younger
than ``max_age`` seconds. "Changed" is a stamp — the largest story id and quote id — read
at most once every ``STAMP_TTL`` seconds, and at once after a write through the same Store
object (``steppe run`` serving while it ingests), so another process's new story shows
within a second or so, and an edit that adds no row (a story's text replaced by a better
copy) within ``max_age``.

A copy is kept per path, query and Accept (``cache_key``) and replayed only to a request
with the same scheme, root path and ``VARY`` headers, the Host header among them
(``variant``): one request cannot make a copy that another host's readers then get.

Requests with cookies or credentials, other methods, search and the API's cursors are not
cached; neither is anything but a complete 200 answer. While one request rebuilds a stale
page, others get the old copy rather than all building it at once. The cache is per process
(each ``steppe serve`` replica keeps its own) and bounded in entries.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from steppe.store import Store

STAMP_TTL = 1.0
MAX_ENTRIES = 256
MAX_BODY = 2 << 20
CACHEABLE_PREFIXES = ("/country/", "/topic/", "/feeds/", "/digest/", "/cluster/", "/story/")
CACHEABLE_PATHS = frozenset(
    {
        "/",
        "/index.json",
        "/rates",
        "/rates.json",
        "/sources",
        "/sources.json",
        "/feed.rss",
        "/feed.atom",
        "/feed.json",
        "/api/v1/stories",
        "/digest",
    }
)
NEVER = (b"cookie", b"authorization")
VARY = (b"host", b"accept-encoding", b"accept-language")  # request headers a copy must match
CacheKey = tuple[str, bytes, bytes]  # path, query string, Accept header
Variant = tuple[str, str, *tuple[bytes, ...]]  # scheme, root path, then each VARY header


@dataclass(frozen=True)
class Entry:
    """A finished response and what it was built from."""

    stamp: tuple[int, ...]
    made: float
    variant: Variant
    start: Message
    body: bytes


def cacheable(scope: Scope) -> bool:
    """A reader's GET of a shared page: no credentials, no search, no cursor."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path: str = scope["path"]
    if path not in CACHEABLE_PATHS and not path.startswith(CACHEABLE_PREFIXES):
        return False
    if b"cursor=" in scope.get("query_string", b"") or path.startswith("/feeds/search"):
        return False
    return not any(name in NEVER for name, _ in scope["headers"])


def cache_key(scope: Scope) -> CacheKey:
    """The slot a page is kept in: path, query and the Accept header."""
    return (scope["path"], scope.get("query_string", b""), _header(scope, b"accept"))


def variant(scope: Scope) -> Variant:
    """The rest of what an answer may depend on; a kept copy is replayed only to a request matching it.

    Links are built from ``web.public_url``, not the Host header, and unknown hosts are refused
    before this layer; scheme, root path, Host and the other ``VARY`` headers are matched all the
    same, so a copy made for one host (or scheme) is never replayed to another.
    """
    return (scope.get("scheme", "http"), scope.get("root_path", ""), *(_header(scope, name) for name in VARY))


class PageCache:
    """ASGI layer: replay a recent 200 response for the same path and query, else build and keep it."""

    def __init__(self, app: ASGIApp, store: Store, *, max_age: float = 30.0):
        self.app, self.store, self.max_age = app, store, max_age
        self.entries: OrderedDict[CacheKey, Entry] = OrderedDict()
        self.stamp: tuple[int, ...] = (-1, -1)
        self.checked = 0.0
        self.commits = -1  # the store's commit count at the last stamp read
        self.building: set[CacheKey] = set()  # keys some request is rebuilding right now
        self.lock = asyncio.Lock()

    def _read_stamp(self) -> tuple[int, int]:
        with self.store.read() as session:
            return session.stories.stamp(), session.quotes.stamp()

    async def current_stamp(self) -> tuple[int, ...]:
        """The store's stamp, read again when the last read is older than STAMP_TTL."""
        if self._stale():
            async with self.lock:
                if self._stale():
                    commits = self.store.commits
                    stamp = await run_in_threadpool(self._read_stamp)
                    # this process's commits count too: an in-place edit adds no row
                    self.stamp, self.checked, self.commits = (*stamp, commits), time.monotonic(), commits
        return self.stamp

    def _stale(self) -> bool:
        return self.store.commits != self.commits or time.monotonic() - self.checked > STAMP_TTL

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.max_age <= 0 or not cacheable(scope):
            await self.app(scope, receive, send)
            return
        stamp = await self.current_stamp()
        key, wanted = cache_key(scope), variant(scope)
        entry = self.entries.get(key)
        if entry is not None and entry.variant != wanted:
            entry = None  # made for another host or scheme: never replayed here
        fresh = entry is not None and entry.stamp == stamp and time.monotonic() - entry.made < self.max_age
        if entry is not None and (fresh or key in self.building):  # one request rebuilds; the rest get the copy
            await send({**entry.start, "headers": list(entry.start["headers"])})  # outer layers may edit it
            await send({"type": "http.response.body", "body": entry.body})
            return
        self.building.add(key)
        try:
            await self._build(scope, receive, send, key, stamp)
        finally:
            self.building.discard(key)

    async def _build(self, scope: Scope, receive: Receive, send: Send, key: CacheKey, stamp: tuple[int, ...]) -> None:
        """Run the app, passing its messages on, and keep a complete 200 answer."""
        start: Message | None = None
        parts: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = {**message, "headers": list(message["headers"])}
            elif message["type"] == "http.response.body" and start is not None and size <= MAX_BODY:
                parts.append(message.get("body", b""))
                size += len(parts[-1])
                if not message.get("more_body", False) and start["status"] == 200 and size <= MAX_BODY:
                    self._keep(key, Entry(stamp, time.monotonic(), variant(scope), start, b"".join(parts)))
            await send(message)

        await self.app(scope, receive, keep)

    def _keep(self, key: CacheKey, entry: Entry) -> None:
        self.entries[key] = entry
        self.entries.move_to_end(key)
        while len(self.entries) > MAX_ENTRIES:
            self.entries.popitem(last=False)


def _header(scope: Scope, name: bytes) -> bytes:
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    for key, value in headers:
        if key == name:
            return value
    return b""
