"""Managing sources: the library behind `steppe sources list|add|remove|enable|disable|import|export`.

The CLI only parses arguments and prints; everything it does is one call here, so
the web app and tests do exactly the same.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from steppe.errors import InputRejected, OPMLError, UnsafeURL
from steppe.fetch import FetchConfig, Fetcher
from steppe.fetch.client import check_url
from steppe.models import Rejection, Source, SourceHealth
from steppe.sources.discover import DiscoveredFeed, discover_feed
from steppe.sources.files import read_bounded
from steppe.sources.opml import parse_opml, render_opml
from steppe.sources.outlets import bundled_outlets
from steppe.store import Store


@dataclass(frozen=True)
class ImportReport:
    """What an import did: sources added, and the URLs already known."""

    added: tuple[str, ...] = ()
    known: tuple[str, ...] = ()
    refused: tuple[Rejection, ...] = ()  # outlines whose address is not an http(s) URL


OPML_MAX_BYTES = 10 * 1024 * 1024  # thousands of outlines fit in a few hundred KB
MAX_URL_LENGTH = 2048


def checked_source_url(url: str) -> str:
    """The URL, stripped, when it is an http(s) address with a host; UnsafeURL (saying why) otherwise."""
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise UnsafeURL(f"refused a {len(url)}-character address: at most {MAX_URL_LENGTH}")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise UnsafeURL(f"refused {url[:80]!r}: spaces or control characters in the address")
    return check_url(url)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def list_sources(store: Store) -> list[SourceHealth]:
    """Every source with its health (last success, last error, error count, next check)."""
    with store.read() as session:
        return session.sources.health()


def _add_all(store: Store, sources: list[Source], now: datetime | None) -> ImportReport:
    added: list[str] = []
    known: list[str] = []
    with store.write() as session:
        for source in sources:
            (added if session.sources.add(source, now=_now(now)) else known).append(source.url)
    return ImportReport(tuple(added), tuple(known))


def install_outlets(store: Store, *, now: datetime | None = None) -> ImportReport:
    """Add the bundled regional outlets (verified ones enabled, the rest disabled)."""
    return _add_all(store, [outlet.as_source() for outlet in bundled_outlets()], now)


def add_source(
    store: Store,
    url: str,
    *,
    config: FetchConfig,
    name: str | None = None,
    language: str | None = None,
    country: str | None = None,
    find_feed: bool = True,
    now: datetime | None = None,
) -> tuple[Source, bool]:
    """Add a feed (discovered from a home page unless ``find_feed`` is False); (source, was_new).

    With no feed to be found, a page that is a list of links (a section, a home page) is
    added as a source of kind ``page``: its list is polled like a feed's entries.
    """
    kind = "feed"
    url = checked_source_url(url)
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
        return await discover_feed(url, fetcher, list_pages=True)


def remove_source(store: Store, url: str) -> None:
    """Forget a source (its stories stay); NotFound when unknown."""
    with store.write() as session:
        session.sources.remove(url)


def enable_source(store: Store, url: str) -> Source:
    """Enable a source, un-parking it and making it due now."""
    with store.write() as session:
        return session.sources.set_enabled(url, True)


def disable_source(store: Store, url: str) -> Source:
    """Disable a source: the scheduler skips it until it is enabled."""
    with store.write() as session:
        return session.sources.set_enabled(url, False)


def import_opml(store: Store, path: str | Path, *, now: datetime | None = None) -> ImportReport:
    """Add every feed an OPML file lists; URLs already known are reported, not changed."""
    try:
        body = read_bounded(Path(path), OPML_MAX_BYTES)  # regular files only, read(max + 1)
    except InputRejected as exc:
        raise OPMLError(f"cannot read {path}: {exc}") from None
    sources, refused = [], []
    for source in parse_opml(body):
        try:
            sources.append(replace(source, url=checked_source_url(source.url)))
        except UnsafeURL as exc:
            refused.append(Rejection(source.url[:200], str(exc)))
    return replace(_add_all(store, sources, now), refused=tuple(refused))


def export_opml(store: Store) -> str:
    """Every source as an OPML 2.0 document."""
    with store.read() as session:
        return render_opml(session.sources.all())
