"""Managing sources: the library behind `steppe sources list|add|remove|enable|disable|import|export`.

The CLI only parses arguments and prints; everything it does is one call here, so
the web app and tests do exactly the same.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from steppe.errors import OPMLError
from steppe.fetch import FetchConfig, Fetcher
from steppe.models import Source, SourceHealth
from steppe.sources.discover import DiscoveredFeed, discover_feed
from steppe.sources.opml import parse_opml, render_opml
from steppe.sources.outlets import bundled_outlets


@dataclass(frozen=True)
class ImportReport:
    """What an import did: sources added, and the URLs already known."""

    added: tuple[str, ...] = ()
    known: tuple[str, ...] = ()


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def list_sources(store: Any) -> list[SourceHealth]:
    """Every source with its health (last success, last error, error count, next check)."""
    with store.read() as session:
        return session.sources.health()


def _add_all(store: Any, sources: list[Source], now: datetime | None) -> ImportReport:
    added: list[str] = []
    known: list[str] = []
    with store.write() as session:
        for source in sources:
            (added if session.sources.add(source, now=_now(now)) else known).append(source.url)
    return ImportReport(tuple(added), tuple(known))


def install_outlets(store: Any, *, now: datetime | None = None) -> ImportReport:
    """Add the bundled regional outlets (verified ones enabled, the rest disabled)."""
    return _add_all(store, [outlet.as_source() for outlet in bundled_outlets()], now)


def add_source(
    store: Any,
    url: str,
    *,
    config: FetchConfig,
    name: str | None = None,
    language: str | None = None,
    country: str | None = None,
    find_feed: bool = True,
    now: datetime | None = None,
) -> tuple[Source, bool]:
    """Add a feed (discovered from a home page unless ``find_feed`` is False); (source, was_new)."""
    kind = "feed"
    if find_feed:
        found = asyncio.run(_discover_with(config, url))
        url, kind, name = found.url, found.kind, name or found.title or None
    source = Source(
        url=url,
        name=name or urlsplit(url).hostname or url,
        kind=kind,
        language=language,
        country=country.upper() if country else None,
    )
    with store.write() as session:
        added = session.sources.add(source, now=_now(now))
        return session.sources.get(url), added


async def _discover_with(config: FetchConfig, url: str) -> DiscoveredFeed:
    async with Fetcher(config) as fetcher:
        return await discover_feed(url, fetcher)


def remove_source(store: Any, url: str) -> None:
    """Forget a source (its stories stay); NotFound when unknown."""
    with store.write() as session:
        session.sources.remove(url)


def enable_source(store: Any, url: str) -> Source:
    """Enable a source, un-parking it and making it due now."""
    with store.write() as session:
        return session.sources.set_enabled(url, True)


def disable_source(store: Any, url: str) -> Source:
    """Disable a source: the scheduler skips it until it is enabled."""
    with store.write() as session:
        return session.sources.set_enabled(url, False)


def import_opml(store: Any, path: str | Path, *, now: datetime | None = None) -> ImportReport:
    """Add every feed an OPML file lists; URLs already known are reported, not changed."""
    try:
        body = Path(path).read_bytes()
    except OSError as exc:
        raise OPMLError(f"cannot read {path}: {exc.strerror or exc}") from None
    return _add_all(store, parse_opml(body), now)


def export_opml(store: Any) -> str:
    """Every source as an OPML 2.0 document."""
    with store.read() as session:
        return render_opml(session.sources.all())
