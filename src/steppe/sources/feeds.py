"""Reading RSS 0.9x/1.0/2.0, Atom and JSON Feed documents into entries and pages.

feedparser does the parsing (and sanitises entry HTML); this module turns its
loose dictionaries into plain dataclasses and each entry into a ``Page`` that
``extract`` reads like any other HTML page.
"""

from __future__ import annotations

import calendar
import html
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import feedparser

from steppe.errors import FeedError
from steppe.models import Page

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed."""

    link: str
    title: str
    html: str  # the fullest content the feed carries (sanitised by feedparser)
    published: datetime | None
    guid: str | None = None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title, its home link and its entries."""

    title: str
    link: str | None
    entries: tuple[FeedEntry, ...]
    skipped: tuple[str, ...] = ()  # why entries were left out, one reason each


def looks_like_feed(body: bytes) -> bool:
    """True when the first bytes look like RSS, Atom or a JSON Feed."""
    head = body[:2048].lstrip().lower()
    if head.startswith(b"{") and b"jsonfeed.org" in head:
        return True
    return any(marker in head for marker in FEED_MARKERS)


def _moment(parsed: time.struct_time | None) -> datetime | None:
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)


def is_web_link(link: str) -> bool:
    """True for an http(s) address with a host: the only links an entry may carry into the desk.

    ``https:javascript:alert(1)`` has an https scheme but no host: it is not a web address.
    """
    try:
        parts = urlsplit(link.strip())
        return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
    except ValueError:  # an unparseable netloc (bad IPv6 literal, bad port)
        return False


def _kept(entries: list[FeedEntry]) -> tuple[tuple[FeedEntry, ...], tuple[str, ...]]:
    """Entries with web links, and a reason for each one left out (javascript:, data:, ...)."""
    kept = tuple(e for e in entries if is_web_link(e.link))
    skipped = tuple(
        f"entry {e.title[:60]!r}: link {e.link[:60]!r} is not an http(s) address"
        for e in entries
        if not is_web_link(e.link)
    )
    return kept, skipped


def _entry(raw: Mapping[str, Any]) -> FeedEntry | None:
    """One feedparser entry (a dict of its fields) as a FeedEntry; None without a link."""
    link = raw.get("link") or raw.get("id")
    if not link:
        return None
    contents = [c.get("value", "") for c in raw.get("content", [])]
    body = max(contents, key=len) if contents else ""
    summary = raw.get("summary", "")
    return FeedEntry(
        link=link,
        title=raw.get("title", "").strip(),
        html=body if len(body) >= len(summary) else summary,
        published=_moment(raw.get("published_parsed") or raw.get("updated_parsed")),
        guid=raw.get("id"),
    )


def _json_feed(body: bytes) -> Feed:
    try:
        data = json.loads(body)
        items = data["items"]
    except (ValueError, KeyError, TypeError) as exc:
        raise FeedError(f"not a valid JSON Feed: {exc}") from None
    entries = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not item.get("url"):
            continue
        published = None
        if item.get("date_published"):
            try:
                published = datetime.fromisoformat(str(item["date_published"]).replace("Z", "+00:00"))
            except ValueError:
                published = None
        content = item.get("content_html") or html.escape(item.get("content_text") or "")
        entries.append(FeedEntry(str(item["url"]), str(item.get("title", "")), content, published, item.get("id")))
    return Feed(str(data.get("title", "")), data.get("home_page_url"), *_kept(entries))


def parse_feed(body: bytes) -> Feed:
    """Parse a feed document; FeedError (with the parser's reason) when nothing usable is in it.

    Whatever the parsers raise on a hostile document (RecursionError on JSON nested 100,000 deep,
    a parser bug) becomes a FeedError with its reason: one bad feed is one rejection, never a crash.
    """
    try:
        return _parse_feed(body)
    except FeedError:
        raise
    except RecursionError:
        raise FeedError("not a readable feed: nested too deeply") from None
    except Exception as exc:  # noqa: BLE001 - the dependency boundary: any parser failure is a rejection
        raise FeedError(f"not a readable feed: {exc.__class__.__name__}: {str(exc)[:200]}") from None


def _parse_feed(body: bytes) -> Feed:
    if body[:2048].lstrip().startswith(b"{"):
        return _json_feed(body)
    parsed = feedparser.parse(body)
    entries = [e for e in (_entry(raw) for raw in parsed.entries) if e is not None]
    if not entries and parsed.bozo:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not a readable feed: {reason}")
    return Feed(parsed.feed.get("title", ""), parsed.feed.get("link"), *_kept(entries))


def entry_page(entry: FeedEntry, *, feed_url: str, fetched_at: datetime, origin: str = "imported") -> Page:
    """A small HTML document carrying one entry, for ``extract`` to read."""
    published = entry.published.isoformat() if entry.published else ""
    title = html.escape(entry.title)
    document = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<title>{title}</title><link rel="canonical" href="{html.escape(entry.link)}">'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{published}">'
        f"</head><body><article><h1>{title}</h1>{entry.html}</article></body></html>"
    )
    return Page(
        url=entry.link,
        site=urlsplit(entry.link).hostname or urlsplit(feed_url).hostname or "feed",
        body=document.encode("utf-8"),
        fetched_at=fetched_at,
        content_type="text/html",
        origin=origin,
        source_url=feed_url,
    )
