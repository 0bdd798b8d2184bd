"""News sitemaps (``<urlset>`` with Google News tags) as a feed of links.

Outlets without a usable RSS feed often publish a news sitemap. Its entries carry a
link, a title and a publication date but no text, so every entry goes through the
full-text fetch. A sitemap index is refused with a hint: add the news sitemap itself.
"""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from steppe.errors import FeedError
from steppe.sources.feeds import Feed, FeedEntry

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def looks_like_sitemap(body: bytes) -> bool:
    """True when the first bytes look like a sitemap (<urlset> or <sitemapindex>)."""
    head = body[:4096].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_sitemap(body: bytes) -> Feed:
    """The entries of a (news) sitemap; FeedError when it is unreadable or an index."""
    try:
        root = SafeElementTree.fromstring(body, forbid_dtd=True)  # no DTD, no entity, in any encoding
    except DefusedXmlException as exc:
        raise FeedError(f"sitemap declares a DTD or XML entities: refused ({exc.__class__.__name__})") from None
    except ElementTree.ParseError as exc:
        raise FeedError(f"not a readable sitemap: {exc}") from None
    if root.tag.endswith("sitemapindex"):
        raise FeedError("this is a sitemap index: add the news sitemap it lists instead")
    entries = []
    for url in root.iter(f"{SITEMAP_NS}url"):
        link = (url.findtext(f"{SITEMAP_NS}loc") or "").strip()
        if not link:
            continue
        news = url.find(f"{NEWS_NS}news")
        title = (news.findtext(f"{NEWS_NS}title") if news is not None else None) or ""
        published = _date(news.findtext(f"{NEWS_NS}publication_date") if news is not None else None)
        entries.append(
            FeedEntry(
                link=link,
                title=title.strip(),
                html="",
                published=published or _date(url.findtext(f"{SITEMAP_NS}lastmod")),
                guid=link,
            )
        )
    return Feed(title="", link=None, entries=tuple(entries))
