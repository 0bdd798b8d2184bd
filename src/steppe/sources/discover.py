"""Finding a site's feed from its home page: ``<link rel="alternate">``, then common paths.

``discover_feed`` fetches through the same guarded, polite ``Fetcher`` as everything
else, so discovery obeys robots.txt and the SSRF guard too.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

from steppe.errors import FeedError, FeedNotFound, FetchError
from steppe.fetch import ACCEPT_FEED, Fetcher
from steppe.sources.feeds import looks_like_feed, parse_feed
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


async def discover_feed(url: str, fetcher: Fetcher) -> DiscoveredFeed:
    """The feed at ``url``, or the one its page links to; FeedNotFound saying what was tried."""
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
    tried = ", ".join(announced + guesses)
    raise FeedNotFound(f"no feed at {url}: the page links none that works (tried {tried})")
