"""Finding a site's feed from its home page: ``<link rel="alternate">``, then common paths.

``discover_feed`` fetches through the same guarded, polite ``Fetcher`` as everything
else, so discovery obeys robots.txt and the SSRF guard too. A site without a working
feed can still be followed when its page is a list of links (a section, a home page):
``list_page_feed`` reads such a page's main list as the entries of a feed (kind ``page``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from steppe.errors import FeedError, FeedNotFound, FetchError
from steppe.extract import extract
from steppe.fetch import ACCEPT_FEED, Fetcher, FetchResult
from steppe.models import Page
from steppe.sources.feeds import Feed, FeedEntry, looks_like_feed, parse_feed
from steppe.sources.sitemaps import looks_like_sitemap

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
    "application/json",
    "application/xml",
    "text/xml",
)
COMMON_PATHS = ("/feed/", "/rss/", "/rss.xml", "/atom.xml")


@dataclass(frozen=True)
class DiscoveredFeed:
    """A feed found for an address: its URL, its title and its kind (feed | sitemap)."""

    url: str
    title: str
    kind: str = "feed"


class _AlternateLinks(HTMLParser):
    """Collects (href, type, title) of <link rel="alternate"> feed links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.links.append((values["href"].strip(), kind, values.get("title", "")))


def feed_links(html: str, base_url: str) -> list[str]:
    """Feed URLs a page announces with <link rel="alternate">, comment feeds last."""
    parser = _AlternateLinks()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # HTMLParser can choke on pathological markup; keep what it found
        pass
    links = [(urljoin(base_url, href), title) for href, _kind, title in parser.links]
    links.sort(key=lambda link: "comment" in (link[0] + link[1]).lower())
    return list(dict.fromkeys(url for url, _title in links))


def _as_feed(url: str, body: bytes) -> DiscoveredFeed | None:
    if looks_like_sitemap(body):
        return DiscoveredFeed(url, "", "sitemap")
    if not looks_like_feed(body):
        return None
    try:
        feed = parse_feed(body)
    except FeedError:
        return None
    return DiscoveredFeed(url, feed.title.strip())


async def _try(fetcher: Fetcher, url: str) -> DiscoveredFeed | None:
    try:
        result = await fetcher.fetch(url, accept=ACCEPT_FEED)
    except FetchError:
        return None
    return _as_feed(result.final_url, result.body)


def list_page_feed(url: str, body: bytes, content_type: str, fetched_at: datetime) -> Feed | None:
    """A list page's main list as a feed whose entries carry no text (their pages are fetched); None if not a list."""
    page = Page(
        url=url, site=urlsplit(url).hostname or "web", body=body, fetched_at=fetched_at, content_type=content_type
    )
    extraction = extract(page)
    if extraction.kind != "list" or not extraction.links:
        return None
    entries = tuple(FeedEntry(link.url, link.headline, "", link.published) for link in extraction.links)
    return Feed(extraction.title or "", url, entries)


def _as_list_page(result: FetchResult) -> DiscoveredFeed | None:
    feed = list_page_feed(result.final_url, result.body, result.content_type or "text/html", result.fetched_at)
    return DiscoveredFeed(result.final_url, feed.title.strip(), "page") if feed else None


async def discover_feed(url: str, fetcher: Fetcher, *, list_pages: bool = False) -> DiscoveredFeed:
    """The feed at ``url``, or the one its page links to, or (``list_pages``) the page itself when it
    is a list of links; FeedNotFound saying what was tried."""
    result = await fetcher.fetch(url, accept=ACCEPT_FEED)
    found = _as_feed(url, result.body)
    if found:
        return found
    announced = feed_links(result.body.decode("utf-8", "replace"), result.final_url)
    for candidate in announced:
        found = await _try(fetcher, candidate)
        if found:
            return found
    guesses = [urljoin(result.final_url, path) for path in COMMON_PATHS]
    for candidate in guesses:
        if candidate not in announced:
            found = await _try(fetcher, candidate)
            if found:
                return found
    if list_pages and (page := _as_list_page(result)) is not None:
        return page
    tried = ", ".join(announced + guesses)
    also = " and the page is no list of links to follow" if list_pages else ""
    raise FeedNotFound(f"no feed at {url}: the page links none that works (tried {tried}){also}")
