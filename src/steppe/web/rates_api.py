"""The Frankfurter v1-compatible rates API under /api/rates/, with Steppe's provenance beside it.

Endpoints and parameters are Frankfurter v1's: ``latest`` (or ``current``), ``YYYY-MM-DD``,
``START..END``, ``START..``, ``currencies``; ``base``/``from`` (default EUR), ``symbols``/
``to``, ``amount``. The JSON shapes are its shapes; Steppe's extras (the bank behind each
figure, carried-forward days, disagreements between banks) sit in one extra key,
``steppe``, which Frankfurter clients ignore. Errors are Frankfurter's: 422 and 404 with
``{"message": ...}``. Figures are JSON numbers written from Decimals (no float drift).

Answers are cached in memory per request, keyed by the store's quote stamp, which is
re-read at most every ``STAMP_TTL`` seconds; ETag/If-None-Match give 304s. A cached answer
is sent by ``CachedAnswers``, an ASGI layer in front of the app's routing (web/app.py).
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams
from starlette.types import ASGIApp, Receive, Scope, Send

from steppe.errors import BadQuery, NotFound
from steppe.rates import queries as rq
from steppe.store import Store
from steppe.web import rates_page
from steppe.web.headers import drop_empty_parameters

PREFIX = "/api/rates/"
api = APIRouter(prefix=PREFIX.rstrip("/"), tags=["rates"])

STAMP_TTL = 1.0  # seconds a read of the store's quote stamp is trusted
CACHE_SIZE = 512
CACHE_CONTROL = "public, max-age=60"
_DAY = r"\d{4}-\d{2}-\d{2}"
_SINGLE = re.compile(_DAY)
_RANGE = re.compile(rf"({_DAY})\.\.({_DAY})?")
CacheKey = tuple[Hashable, ...]  # what an entry depends on: the stamp, the day, the endpoint and its parameters
Built = TypeVar("Built")


class AnswerCache:
    """Serialised answers keyed by (quote stamp, request); a new stamp empties it."""

    def __init__(
        self,
        store: Store,
        *,
        ttl: float = STAMP_TTL,
        size: int = CACHE_SIZE,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.store, self.ttl, self.size, self.clock = store, ttl, size, clock  # tests pass a clock they move
        self.lock = threading.Lock()
        # (body, ETag) of answers; under a ("value", ...) key, (what ``value``'s build returned, "").
        self.entries: OrderedDict[CacheKey, tuple[Any, str]] = OrderedDict()
        self.stamp, self.checked = -1, 0.0

    def fresh(self) -> bool:
        """True while the last read of the stamp is within the TTL."""
        return self.clock() - self.checked <= self.ttl

    def current_stamp(self) -> int:
        """The store's stamp, read again when the last read is older than the TTL."""
        now = self.clock()
        if now - self.checked > self.ttl:
            with self.store.read() as session:
                stamp = session.quotes.stamp()
            with self.lock:
                if stamp != self.stamp:
                    self.entries.clear()
                self.stamp, self.checked = stamp, now
        return self.stamp

    def get(self, key: CacheKey) -> tuple[bytes, str] | None:
        """A cached (body, etag), or None."""
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: CacheKey, body: bytes) -> tuple[bytes, str]:
        """Cache a body; returns it with its ETag."""
        etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
        with self.lock:
            self.entries[key] = (body, etag)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return body, etag

    def value(self, key: CacheKey, build: Callable[[], Built]) -> Built:
        """Any value derived from the quotes (the page ticker), built once per quote stamp."""
        full_key = ("value", self.current_stamp(), *key)
        with self.lock:
            found = self.entries.get(full_key)
        if found is not None:
            kept: Built = found[0]  # what build() returned for this key: only this method writes "value" keys
            return kept
        built = build()
        with self.lock:
            self.entries[full_key] = (built, "")
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return built


def answer_cache(request: Request) -> AnswerCache:
    """The app's cache of rates answers (created on first use)."""
    state = request.app.state
    cache = _current_cache(state)
    if cache is None:
        cache = state.rates_cache = AnswerCache(state.store)
    return cache


def _current_cache(state: Any) -> AnswerCache | None:
    """The app's cache of rates answers if it has one for its store."""
    cache = getattr(state, "rates_cache", None)
    return cache if cache is not None and cache.store is state.store else None


def _message(status: int, message: str) -> JSONResponse:
    return JSONResponse({"message": message}, status_code=status)


def _params(query: QueryParams) -> tuple[str | None, str | None, str | None]:
    return query.get("base") or query.get("from"), query.get("symbols") or query.get("to"), query.get("amount")


def _key(spec: str, query: QueryParams) -> CacheKey:
    """What an answer depends on besides the quotes and the day: the endpoint and its parameters."""
    return ("currencies",) if spec == "currencies" else (spec, *_params(query))


async def _serve(request: Request, key: CacheKey, build: Callable[[], dict[str, Any]]) -> Response:
    """The cached answer for ``key``, built in a worker thread when missing."""
    cache = answer_cache(request)
    stamp = cache.stamp if cache.fresh() else await run_in_threadpool(cache.current_stamp)
    full_key = (stamp, date.today(), *key)
    found = cache.get(full_key)
    if found is None:
        try:
            data = await run_in_threadpool(build)
        except BadQuery as exc:
            return _message(422, str(exc))
        except NotFound:
            return _message(404, "not found")
        found = cache.put(full_key, rq.json_text(data).encode())
    body, etag = found
    headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


class CachedAnswers:
    """ASGI layer sending a GET /api/rates/... answer straight from the AnswerCache.

    FastAPI's routing, dependency solving and Request/Response objects cost several times
    the answer itself; a cached answer needs none of them. The status, headers and bytes
    are those ``_serve`` gives for the same request. Anything else (a miss, a stamp older
    than its TTL, another method or path) goes on to the app, which builds and caches.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        found = self._cached(scope) if scope["type"] == "http" and scope["method"] == "GET" else None
        if found is None:
            await self.app(scope, receive, send)
            return
        body, etag = found
        headers = [(b"etag", etag.encode()), _CACHE_CONTROL]  # in the order Starlette's Response writes them
        if _header(scope, b"if-none-match") == etag:
            status, body = 304, b""
        else:
            status = 200
            headers += [(b"content-length", str(len(body)).encode()), _JSON_TYPE]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    def _cached(scope: Scope) -> tuple[bytes, str] | None:
        """The cached (body, etag) of the request, if it is in the cache and the stamp is fresh."""
        path: str = scope["path"]
        spec = path[len(PREFIX) :]
        if not path.startswith(PREFIX) or not spec or "/" in spec or scope.get("root_path") or "app" not in scope:
            return None
        cache = _current_cache(scope["app"].state)
        if cache is None or not cache.fresh():
            return None
        drop_empty_parameters(scope)  # as the app's SafetyHeaders would, before the key is read
        key = _key(spec, QueryParams(scope["query_string"]))
        return cache.get((cache.stamp, date.today(), *key))


_CACHE_CONTROL = (b"cache-control", CACHE_CONTROL.encode())
_JSON_TYPE = (b"content-type", b"application/json")


def _header(scope: Scope, name: bytes) -> str | None:
    """The first value of a request header (names are lower case in ASGI), as Starlette reads it."""
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None


@api.get("/currencies")
async def currencies(request: Request) -> Response:
    """Every currency Steppe can price: code -> name (Frankfurter's /currencies)."""
    store = request.app.state.store
    return await _serve(request, _key("currencies", request.query_params), lambda: rq.currency_names(store))


@api.get("/{spec}")
async def rates(request: Request, spec: str) -> Response:
    """latest | YYYY-MM-DD | START..END | START.. with base/from, symbols/to, amount."""
    base, symbols, amount = _params(request.query_params)
    store = request.app.state.store
    key = _key(spec, request.query_params)

    def build() -> dict[str, Any]:
        """The answer's data, read from the store."""
        query = rq.rates_query(base, symbols, amount)
        if spec in ("latest", "current"):
            return rq.day_dict(rq.rates_on(store, None, query))
        if _SINGLE.fullmatch(spec):
            return rq.day_dict(rq.rates_on(store, _date(spec), query))
        found = _RANGE.fullmatch(spec)
        if found is None:
            raise NotFound("not found")
        end = _date(found.group(2)) if found.group(2) else None
        return rq.series_dict(rq.rates_between(store, _date(found.group(1)), end, query))

    return await _serve(request, key, build)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadQuery("invalid date") from None


# The one router app.py registers: the API and the rates page with its JSON twins.
router = APIRouter()
router.include_router(api)
router.include_router(rates_page.router)
