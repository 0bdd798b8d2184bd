"""The guarded blocking HTTP client: the banks' requests under the source fetcher's rules.

`rates update|backfill` and the daemon's bank keeper ask the banks from threads, one
request after another, so they need a synchronous client. It is built from the same
pieces as ``Fetcher``: the SSRF guard vets every address at connect time (every
redirect hop included), redirects are followed here one hop at a time with each target
checked, the body is read under a cap measured after decompression (bounded gzip), and
the whole request runs under the total time limit. Failures are ``FetchError``
subclasses; httpx's exceptions never leave this module.

No robots.txt and no per-host spacing: the banks publish these files for machines, and
``rates/sync.py`` spaces requests to one bank itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpcore
import httpx

from steppe.errors import BodyTooLarge, BrokenBody, FetchError, FetchTimedOut, TooManyRedirects, UnsafeURL
from steppe.fetch.body import ACCEPT_ENCODING, read_capped_sync
from steppe.fetch.client import REDIRECT_STATUSES, FetchConfig, check_url
from steppe.fetch.guard import AddressPolicy, GuardedSyncBackend, SyncResolver, pool_options, resolve_host_sync


@dataclass(frozen=True)
class Reply:
    """A bank's answer: any status (the caller decides what an error is) and the decoded, capped body."""

    url: str
    final_url: str
    status_code: int
    content: bytes
    headers: dict[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()


class GuardedSyncTransport(httpx.HTTPTransport):
    """httpx's blocking transport with a connection pool that dials only through the SSRF guard."""

    def __init__(self, backend: GuardedSyncBackend, limits: httpx.Limits):
        super().__init__(trust_env=False, limits=limits)
        self._pool = httpcore.ConnectionPool(network_backend=backend, **pool_options(limits))


class GuardedClient:
    """Blocking GETs under the fetcher's rules; use ``with GuardedClient(config) as client``."""

    def __init__(
        self,
        config: FetchConfig,
        *,
        resolver: SyncResolver = resolve_host_sync,
        transport: httpx.BaseTransport | None = None,
        max_connections: int = 8,
    ):
        self.config = config
        self.backend = GuardedSyncBackend(AddressPolicy(config.allow_networks), resolver=resolver)
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
        self.client = httpx.Client(
            transport=transport or GuardedSyncTransport(self.backend, limits),
            timeout=httpx.Timeout(
                connect=config.connect_timeout, read=config.read_timeout, write=config.read_timeout, pool=None
            ),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": config.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
        )

    def __enter__(self) -> GuardedClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection."""
        self.client.close()

    def get(self, url: str, *, max_bytes: int | None = None) -> Reply:
        """GET a URL, following at most ``max_redirects`` checked hops, within ``total_timeout`` seconds."""
        deadline = time.monotonic() + self.config.total_timeout
        cap = max_bytes or self.config.max_body_bytes
        hops: list[str] = []
        current = check_url(url)
        while True:
            reply = self._hop(current, cap, deadline)
            location = reply.headers.get("location")
            if reply.status_code not in REDIRECT_STATUSES or not location:
                return Reply(url, current, reply.status_code, reply.content, reply.headers, tuple(hops))
            hops.append(current)
            current = check_url(urljoin(current, location))
            if current in hops:
                raise TooManyRedirects(f"redirect loop: {' -> '.join(hops + [current])}")
            if len(hops) > self.config.max_redirects:
                raise TooManyRedirects(f"more than {self.config.max_redirects} redirects from {hops[0]}")

    def _hop(self, url: str, cap: int, deadline: float) -> Reply:
        if time.monotonic() > deadline:
            raise FetchTimedOut(f"{url}: no complete answer within {self.config.total_timeout:g} s")
        try:
            with self.client.stream("GET", url) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                redirect = response.status_code in REDIRECT_STATUSES
                declared = headers.get("content-length", "")
                if not redirect and declared.isdigit() and not headers.get("content-encoding") and int(declared) > cap:
                    raise BodyTooLarge(f"{url}: Content-Length {declared} is over the {cap} byte limit; not read")
                body = b"" if redirect else self._body(url, response, headers, cap, deadline)
                return Reply(url, url, response.status_code, body, headers)
        except httpx.TimeoutException as exc:
            raise FetchTimedOut(f"{url}: timed out ({exc.__class__.__name__})") from None
        except httpx.RemoteProtocolError as exc:
            raise BrokenBody(f"{url}: connection broke off: {exc}") from None
        except httpx.InvalidURL as exc:
            raise UnsafeURL(f"refused {url!r}: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {exc.__class__.__name__}: {exc or 'connection failed'}") from None

    @staticmethod
    def _body(url: str, response: httpx.Response, headers: dict[str, str], cap: int, deadline: float) -> bytes:
        try:
            return read_capped_sync(response.iter_raw(), headers.get("content-encoding", ""), cap, deadline=deadline)
        except FetchError as exc:
            raise type(exc)(f"{url}: {exc}") from None
