"""The polite, guarded HTTP client: one ``Fetcher`` per process, shared by every source.

Every fetch: URL sanity check, robots.txt, a per-host slot (concurrency and
crawl-delay) inside a global one, a conditional GET, redirects followed here one hop
at a time (each hop checked again, the SSRF guard at connect time), a body read under
a decompressed-size cap, and the whole thing under a total time limit. Failures come
out as ``FetchError`` subclasses; httpx's own exceptions never leave this module.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from steppe.config import default
from steppe.errors import (
    BadStatus,
    BodyTooLarge,
    BrokenBody,
    DisallowedByRobots,
    FetchError,
    FetchTimedOut,
    RateLimited,
    TooManyRedirects,
    UnsafeURL,
)
from steppe.fetch.body import ACCEPT_ENCODING, read_capped
from steppe.fetch.caching import cache_lifetime, retry_after
from steppe.fetch.guard import (
    AddressPolicy,
    GuardedBackend,
    IPNetwork,
    Resolver,
    parse_networks,
    pool_options,
    resolve_host,
)
from steppe.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache

ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_CRAWL_DELAY = 10.0


def user_agent(base: str, contact: str = "") -> str:
    """The User-Agent: the desk's product token, plus the operator's contact when configured."""
    contact = contact.strip()
    if not contact:
        return base
    if base.endswith(")"):
        return f"{base[:-1]}; {contact})"
    return f"{base} ({contact})"


@dataclass(frozen=True)
class FetchConfig:
    """Everything the fetcher is tuned by; built from settings, passed explicitly."""

    user_agent: str = default("fetch.user_agent")
    allow_networks: tuple[IPNetwork, ...] = ()
    max_connections: int = default("fetch.max_connections")
    per_host: int = default("fetch.per_host")
    connect_timeout: float = default("fetch.connect_timeout")
    read_timeout: float = default("fetch.read_timeout")
    total_timeout: float = default("fetch.total_timeout")
    max_redirects: int = default("fetch.max_redirects")
    max_body_bytes: int = default("fetch.max_body_bytes")
    robots_ttl: float = float(default("fetch.robots_ttl"))

    @classmethod
    def from_settings(cls, settings: Any) -> FetchConfig:
        """The fetch.* settings as a FetchConfig."""
        return cls(
            user_agent=user_agent(settings["fetch.user_agent"], settings["fetch.contact"]),
            allow_networks=parse_networks(settings["fetch.allow_networks"]),
            max_connections=settings["fetch.max_connections"],
            per_host=settings["fetch.per_host"],
            connect_timeout=settings["fetch.connect_timeout"],
            read_timeout=settings["fetch.read_timeout"],
            total_timeout=settings["fetch.total_timeout"],
            max_redirects=settings["fetch.max_redirects"],
            max_body_bytes=settings["fetch.max_body_bytes"],
            robots_ttl=float(settings["fetch.robots_ttl"]),
        )

    @property
    def agent_token(self) -> str:
        """The product token robots.txt groups are matched against ("Steppe")."""
        return self.user_agent.split("/", 1)[0].split()[0] or "*"


@dataclass(frozen=True)
class FetchResult:
    """A successful fetch: 200 with a body, or 304 Not Modified with none."""

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fresh_for: float | None  # seconds, from Cache-Control / Expires
    fetched_at: datetime
    redirects: tuple[str, ...] = field(default_factory=tuple)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with a connection pool that dials only through the SSRF guard."""

    def __init__(self, backend: GuardedBackend, limits: httpx.Limits):
        super().__init__(trust_env=False, limits=limits)
        # httpx takes no network_backend argument, so its pool is swapped for one that has ours.
        self._pool = httpcore.AsyncConnectionPool(network_backend=backend, **pool_options(limits))


def check_url(url: str) -> str:
    """The URL when the fetcher may try it; UnsafeURL otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise UnsafeURL(f"refused {url!r}: only http and https are fetched")
    if not parts.hostname:
        raise UnsafeURL(f"refused {url!r}: no host")
    if parts.username or parts.password:
        raise UnsafeURL(f"refused {url!r}: credentials in URLs are not sent")
    return url


class HostGate:
    """Per-host concurrency slots and crawl-delay spacing."""

    def __init__(self, per_host: int):
        self.per_host = max(1, per_host)
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @asynccontextmanager
    async def slot(self, host: str, delay: float | None) -> AsyncIterator[None]:
        """Hold one of the host's slots, starting no sooner than its crawl-delay allows."""
        semaphore = self._slots.setdefault(host, asyncio.Semaphore(self.per_host))
        async with semaphore:
            wait = self._next_start.get(host, 0.0) - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next_start[host] = time.monotonic() + min(delay or 0.0, MAX_CRAWL_DELAY)
            yield


class Fetcher:
    """Fetches URLs politely and safely; use ``async with Fetcher(config) as fetcher``."""

    def __init__(
        self,
        config: FetchConfig,
        *,
        resolver: Resolver = resolve_host,
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        self.config = config
        self.backend = GuardedBackend(AddressPolicy(config.allow_networks), resolver=resolver)
        limits = httpx.Limits(max_connections=config.max_connections, max_keepalive_connections=config.max_connections)
        timeout = httpx.Timeout(
            connect=config.connect_timeout,
            read=config.read_timeout,
            write=config.read_timeout,
            pool=config.total_timeout,
        )
        self.client = httpx.AsyncClient(
            transport=transport or GuardedTransport(self.backend, limits),
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": config.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )
        self.robots = RobotsCache(config.agent_token, ttl=config.robots_ttl)
        self.gate = HostGate(config.per_host)
        self.global_slots = asyncio.Semaphore(max(1, config.max_connections))

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close every pooled connection."""
        await self.client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = ACCEPT_PAGE,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET a URL (conditionally when validators are given), following at most N redirects."""
        try:
            async with asyncio.timeout(self.config.total_timeout):
                return await self._follow(url, etag, last_modified, accept, max_bytes, check_robots=True)
        except TimeoutError:
            raise FetchTimedOut(f"{url}: no complete answer within {self.config.total_timeout:g} s") from None

    async def fetch_robots(self, url: str) -> bytes:
        """The body of a robots.txt (robots rules are not applied to robots.txt itself)."""
        result = await self._follow(url, None, None, "text/plain, */*;q=0.5", ROBOTS_MAX_BYTES, check_robots=False)
        return result.body

    async def _follow(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        accept: str,
        max_bytes: int | None,
        *,
        check_robots: bool,
    ) -> FetchResult:
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        hops: list[str] = []
        current = check_url(url)
        while True:
            delay = await self._check_robots(current) if check_robots else None
            outcome = await self._hop(current, headers, max_bytes or self.config.max_body_bytes, delay)
            if isinstance(outcome, FetchResult):
                return _with_history(outcome, url, hops)
            hops.append(current)
            current = self._next_hop(current, outcome, hops)

    def _next_hop(self, current: str, location: str, hops: list[str]) -> str:
        target = check_url(urljoin(current, location))
        if target in hops:
            raise TooManyRedirects(f"redirect loop: {' -> '.join(hops + [target])}")
        if len(hops) > self.config.max_redirects:
            raise TooManyRedirects(f"more than {self.config.max_redirects} redirects from {hops[0]}")
        return target

    async def _check_robots(self, url: str) -> float | None:
        rules = await self.robots.rules_for(url, self.fetch_robots)
        if not rules.allows(url, self.config.agent_token):
            why = f" ({rules.reason})" if rules.reason else ""
            raise DisallowedByRobots(f"robots.txt disallows {url} for {self.config.agent_token}{why}")
        return rules.crawl_delay(self.config.agent_token)

    async def _hop(self, url: str, headers: Mapping[str, str], cap: int, delay: float | None) -> FetchResult | str:
        """One request: a FetchResult, or the Location of a redirect."""
        host = urlsplit(url).hostname or ""
        async with self.gate.slot(host, delay), self.global_slots:
            try:
                async with self.client.stream("GET", url, headers=headers) as response:
                    return await self._answer(url, response, cap)
            except httpx.TimeoutException as exc:
                raise FetchTimedOut(f"{url}: timed out ({exc.__class__.__name__})") from None
            except httpx.RemoteProtocolError as exc:
                raise BrokenBody(f"{url}: connection broke off: {exc}") from None
            except httpx.InvalidURL as exc:
                raise UnsafeURL(f"refused {url!r}: {exc}") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {exc.__class__.__name__}: {exc or 'connection failed'}") from None

    async def _answer(self, url: str, response: httpx.Response, cap: int) -> FetchResult | str:
        status = response.status_code
        now = datetime.now(UTC)
        if status in REDIRECT_STATUSES:
            location: str | None = response.headers.get("location")  # httpx types Headers.get as Any
            if not location:
                raise BadStatus(f"{url}: redirect {status} without a Location", status=status)
            return location
        if status in {429, 503}:
            wait = retry_after(response.headers.get("retry-after"), now)
            raise RateLimited(
                f"{url}: HTTP {status}" + (f", retry after {wait:.0f} s" if wait is not None else ""),
                status=status,
                retry_after=wait,
            )
        if not (200 <= status < 300 or status == 304):
            raise BadStatus(f"{url}: HTTP {status}", status=status)
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding", "")
        if declared.isdigit() and not encoding and int(declared) > cap:
            raise BodyTooLarge(f"{url}: Content-Length {int(declared)} is over the {cap} byte limit; not read")
        body = b"" if status == 304 else await read_capped(response.aiter_raw(), encoding, cap)
        return FetchResult(
            url=url,
            final_url=url,
            status=status,
            body=body,
            content_type=response.headers.get("content-type", ""),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            fresh_for=cache_lifetime(response.headers, now),
            fetched_at=now,
        )


def _with_history(result: FetchResult, asked: str, hops: list[str]) -> FetchResult:
    return replace(result, url=asked, redirects=tuple(hops))
