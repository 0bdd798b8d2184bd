"""robots.txt, parsed by protego and cached per origin (scheme, host, port).

Following RFC 9309: a robots.txt that is missing (4xx) allows everything; one that
cannot be reached (5xx, timeout, broken connection) disallows everything until it is
asked for again, a shorter while later. One fetch per origin at a time, however many
URLs of that origin wait for the answer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from steppe.errors import BadStatus, FetchError, PrivateAddress

ROBOTS_MAX_BYTES = 512 * 1024
UNREACHABLE_TTL = 3600.0
RobotsFetch = Callable[[str], Awaitable[bytes]]  # raises BadStatus / FetchError


@dataclass(frozen=True)
class RobotsRules:
    """The rules of one origin, and until when they are trusted."""

    parser: Protego | None  # None: allow everything
    disallow_all: bool
    expires: float
    reason: str = ""

    def allows(self, url: str, agent: str) -> bool:
        if self.disallow_all:
            return False
        return self.parser is None or self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def origin_of(url: str) -> str:
    """scheme://host:port of a URL: the unit robots.txt applies to."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{port}"


class RobotsCache:
    """robots.txt rules per origin, fetched on first need and kept for ``ttl`` seconds."""

    def __init__(self, agent: str, *, ttl: float, clock: Callable[[], float] = time.monotonic):
        self.agent = agent
        self.ttl = ttl
        self.clock = clock
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, url: str, fetch: RobotsFetch) -> RobotsRules:
        """The cached rules of the URL's origin, fetching robots.txt when stale."""
        origin = origin_of(url)
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            rules = self._rules.get(origin)
            if rules is None or rules.expires <= self.clock():
                rules = await self._load(url, fetch)
                self._rules[origin] = rules
                self._forget_expired()
            return rules

    def _forget_expired(self) -> None:
        """Drop rules that expired unused, so a long run keeps only the origins it still visits."""
        now = self.clock()
        for origin in [o for o, rules in self._rules.items() if rules.expires <= now]:
            del self._rules[origin]
            lock = self._locks.get(origin)
            if lock is not None and not lock.locked():
                del self._locks[origin]

    def __len__(self) -> int:
        return len(self._rules)

    async def _load(self, url: str, fetch: RobotsFetch) -> RobotsRules:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        now = self.clock()
        try:
            body = await fetch(robots_url)
        except PrivateAddress:
            raise
        except BadStatus as exc:
            if 400 <= exc.status < 500 and exc.status != 429:
                return RobotsRules(None, False, now + self.ttl, f"robots.txt answered {exc.status}")
            return RobotsRules(None, True, now + min(self.ttl, UNREACHABLE_TTL), f"robots.txt unreachable: {exc}")
        except FetchError as exc:
            return RobotsRules(None, True, now + min(self.ttl, UNREACHABLE_TTL), f"robots.txt unreachable: {exc}")
        text = body.decode("utf-8", "replace")
        try:
            parser = Protego.parse(text)
        except Exception:  # protego raises assorted errors on garbage; garbage means no rules
            parser = None
        return RobotsRules(parser, False, now + self.ttl)
