"""Refreshing one source: the one function the scheduler, the CLI and (later) workers call.

fetch (conditional) -> unchanged? stop -> parse feed or news sitemap (or, for a source of
kind ``page``, read the page's main list of links as entries) -> new entries only -> full
text for entries that carry only a summary (a list's links carry none) -> ``ingest`` each
page -> record the outcome (validators, health, adaptive next check). A 304 or an unchanged body
costs no parse and no page write. Nothing here raises for a misbehaving source: the
failure is recorded on the source and returned in the report.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypedDict, TypeVar, TypeVarTuple
from urllib.parse import urlsplit

from steppe.errors import (
    DisallowedByRobots,
    FeedError,
    FetchError,
    NotAFeed,
    PrivateAddress,
    RateLimited,
    StoreError,
    UnsafeURL,
)
from steppe.fetch import ACCEPT_FEED, ACCEPT_PAGE, Fetcher, FetchResult
from steppe.fetch.caching import feed_ttl
from steppe.fetch.charset import feed_as_utf8
from steppe.models import FetchOutcome, Page, SourceHealth
from steppe.sources.discover import list_page_feed
from steppe.sources.feeds import Feed, FeedEntry, entry_page, looks_like_feed, parse_feed
from steppe.sources.schedule import SchedulePolicy, failure_delay, success_delay
from steppe.sources.sitemaps import looks_like_sitemap, parse_sitemap
from steppe.store import Store

log = logging.getLogger("steppe.refresh")
Ingest = Callable[[Page, Store], object]  # pipeline.ingest_page(page, store) -> PageOutcome (its ``added`` is read)
REFUSALS = (PrivateAddress, UnsafeURL, DisallowedByRobots)
_TAGS = re.compile(r"<[^>]+>")
HTML_TYPES = ("text/html", "application/xhtml+xml", "")
READ_AHEAD = 4  # article pages of one source fetched ahead of its ingest (bounds memory)
Args = TypeVarTuple("Args")
Result = TypeVar("Result")


@dataclass(frozen=True)
class RefreshContext:
    """What refreshing needs: the shared fetcher, the store, the policy, the ingest function."""

    fetcher: Fetcher
    store: Store
    policy: SchedulePolicy
    ingest: Ingest
    executor: Executor | None = None  # where blocking ingest runs (one writer thread)


@dataclass(frozen=True)
class RefreshReport:
    """What one refresh of one source did."""

    url: str
    status: str  # ok | not_modified | unchanged | failed | refused
    next_check_at: datetime
    entries: int = 0  # new entries taken
    articles: int = 0  # article pages fetched for full text
    added: int = 0  # stories added
    error: str | None = None
    error_count: int = 0


class _Counts(TypedDict):
    """What a refresh took from a source's new entries (the report's fields of the same names)."""

    entries: int  # new entries taken
    articles: int  # article pages fetched for full text
    added: int  # stories added


def entry_key(entry: FeedEntry) -> str:
    """A stable key for an entry within its source: its guid, else its link."""
    return hashlib.sha256((entry.guid or entry.link).encode("utf-8")).hexdigest()


def text_length(entry: FeedEntry) -> int:
    """Characters of visible text an entry carries."""
    return len(" ".join(_TAGS.sub(" ", entry.html).split()))


def _context(source: SourceHealth, stage: str, url: str | None = None) -> dict[str, Any]:
    return {"source": source.source.url, "url": url or source.source.url, "stage": stage}


async def _blocking(ctx: RefreshContext, function: Callable[[*Args], Result], *args: *Args) -> Result:
    return await asyncio.get_running_loop().run_in_executor(ctx.executor, function, *args)


def _record(ctx: RefreshContext, source: SourceHealth, outcome: FetchOutcome) -> int:
    with ctx.store.write() as session:
        return session.sources.record(source.stored_id, outcome)


async def refresh_source(source: SourceHealth, ctx: RefreshContext, *, now: datetime | None = None) -> RefreshReport:
    """Check one source once and record what happened on it; never raises for the source's faults."""
    now = now or datetime.now(UTC)
    url = source.source.url
    try:
        accept = ACCEPT_PAGE if source.source.kind == "page" else ACCEPT_FEED
        result = await ctx.fetcher.fetch(url, etag=source.etag, last_modified=source.last_modified, accept=accept)
        feed, body_hash = _parse(source, result)
    except FetchError as exc:
        return await _failed(ctx, source, exc, now)
    except FeedError as exc:
        return await _failed(ctx, source, exc, now)
    if feed is None:
        return await _unchanged(ctx, source, result, now)
    try:
        counts, backlog = await _take_entries(ctx, source, feed, now)
    except StoreError as exc:
        return await _failed(ctx, source, exc, now)
    interval, delay = success_delay(ctx.policy, feed, source.check_interval, _server_delay(result), now)
    outcome = FetchOutcome(
        "ok",
        now,
        now + delay,
        etag=result.etag,
        last_modified=result.last_modified,
        feed_hash=None if backlog else body_hash,
        check_interval=interval,
    )
    await _blocking(ctx, _record, ctx, source, outcome)
    log.info(
        "refreshed: %d new entries, %d stories",
        counts["entries"],
        counts["added"],
        extra=_context(source, "refresh") | counts,
    )
    return RefreshReport(url, "ok", outcome.next_check_at, **counts)


def _server_delay(result: FetchResult) -> float | None:
    delays = [d for d in (result.fresh_for, feed_ttl(result.body)) if d is not None]
    return max(delays) if delays else None


def _parse(source: SourceHealth, result: FetchResult) -> tuple[Feed | None, str | None]:
    """(None, hash) when nothing changed; else the parsed feed and its body hash."""
    if result.not_modified:
        return None, None
    body_hash = hashlib.sha256(result.body).hexdigest()
    if body_hash == source.feed_hash:
        return None, body_hash
    if source.source.kind == "page":
        return _list_of(result), body_hash
    if looks_like_sitemap(result.body):
        return parse_sitemap(result.body), body_hash
    if not looks_like_feed(result.body):
        kind = result.content_type.split(";")[0].strip() or "an unknown type"
        raise NotAFeed(f"{result.final_url} answered {kind}, not a feed")
    return parse_feed(feed_as_utf8(result.body, result.content_type)), body_hash


def _list_of(result: FetchResult) -> Feed:
    """A page source's main list of links, as a feed; NotAFeed when the page is no longer a list."""
    feed = list_page_feed(result.final_url, result.body, result.content_type or "text/html", result.fetched_at)
    if feed is None:
        raise NotAFeed(f"{result.final_url} is no longer a list of links to follow")
    return feed


async def _unchanged(ctx: RefreshContext, source: SourceHealth, result: FetchResult, now: datetime) -> RefreshReport:
    status = "not_modified" if result.not_modified else "unchanged"
    interval = source.check_interval or ctx.policy.default_interval
    _, delay = success_delay(ctx.policy, None, interval, _server_delay(result), now)
    outcome = FetchOutcome(
        status,
        now,
        now + delay,
        etag=result.etag or source.etag,
        last_modified=result.last_modified or source.last_modified,
    )
    await _blocking(ctx, _record, ctx, source, outcome)
    log.info("%s", status.replace("_", " "), extra=_context(source, "fetch"))
    return RefreshReport(source.source.url, status, outcome.next_check_at)


async def _failed(ctx: RefreshContext, source: SourceHealth, exc: Exception, now: datetime) -> RefreshReport:
    status = "refused" if isinstance(exc, REFUSALS) else "failed"
    wait = exc.retry_after if isinstance(exc, RateLimited) else None
    delay = failure_delay(ctx.policy, source.error_count, wait)
    message = f"{exc.__class__.__name__}: {exc}"
    outcome = FetchOutcome(status, now, now + delay, error=message)
    errors = await _blocking(ctx, _record, ctx, source, outcome)
    parked = " (parked)" if errors >= ctx.policy.park_after else ""
    log.warning("%s%s: %s", status, parked, message, extra=_context(source, "fetch") | {"errors": errors})
    return RefreshReport(source.source.url, status, outcome.next_check_at, error=message, error_count=errors)


def _new_entries(ctx: RefreshContext, source: SourceHealth, feed: Feed) -> list[FeedEntry]:
    with ctx.store.read() as session:
        seen = session.sources.seen_entries(source.stored_id, [entry_key(e) for e in feed.entries])
    fresh = {entry_key(e): e for e in feed.entries if entry_key(e) not in seen}
    return list(fresh.values())


async def _take_entries(ctx: RefreshContext, source: SourceHealth, feed: Feed, now: datetime) -> tuple[_Counts, bool]:
    """Ingest the feed's new entries in order; returns counts and whether some were left for next time.

    Article pages are fetched ahead of the ingest, a few at a time (the fetcher's per-host
    slots still decide how many reach the server at once), so fetching overlaps storing.
    """
    counts = _Counts(entries=0, articles=0, added=0)
    entries = await _blocking(ctx, _new_entries, ctx, source, feed)
    taken, backlog = _this_round(entries, ctx.policy)
    short = [entry for entry in taken if text_length(entry) < ctx.policy.fulltext_min_chars]
    pages = _ReadAhead(ctx, source, short, now)
    try:
        for entry in taken:
            page = await pages.next() if pages.expects(entry) else None
            counts["articles"] += pages.expects(entry)
            page = page or entry_page(entry, feed_url=source.source.url, fetched_at=now, origin="fetched")
            counts["added"] += await _blocking(ctx, _ingest_entry, ctx, source, entry, page, now)
            counts["entries"] += 1
    finally:
        await pages.close()
    return counts, backlog


def _this_round(entries: list[FeedEntry], policy: SchedulePolicy) -> tuple[list[FeedEntry], bool]:
    """The entries taken this round: all of them up to the first short one past the article budget."""
    articles = 0
    for index, entry in enumerate(entries):
        if text_length(entry) < policy.fulltext_min_chars:
            if articles >= policy.max_articles:
                return entries[:index], True  # the rest waits for the next round: politeness over completeness
            articles += 1
    return entries, False


class _ReadAhead:
    """Article pages of a source's short entries, fetched in entry order at most READ_AHEAD ahead."""

    def __init__(self, ctx: RefreshContext, source: SourceHealth, entries: list[FeedEntry], now: datetime):
        self.ctx, self.source, self.now = ctx, source, now
        self.waiting = list(entries)
        self.wanted = {id(entry) for entry in entries}
        self.tasks: list[asyncio.Task[Page | None]] = []
        self._top_up()

    def expects(self, entry: FeedEntry) -> bool:
        """True when ``entry``'s page comes from here (its text is too short)."""
        return id(entry) in self.wanted

    async def next(self) -> Page | None:
        """The next short entry's article page (None when the summary has to do)."""
        if not self.tasks:  # READ_AHEAD 0: fetched only when its turn comes
            return await _article_page(self.ctx, self.source, self.waiting.pop(0), self.now)
        task = self.tasks.pop(0)
        self._top_up()
        return await task

    def _top_up(self) -> None:
        while self.waiting and len(self.tasks) < READ_AHEAD:
            entry = self.waiting.pop(0)
            self.tasks.append(asyncio.create_task(_article_page(self.ctx, self.source, entry, self.now)))

    async def close(self) -> None:
        """Cancel fetches nobody will read (the source failed or the run is stopping)."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks = []


def _ingest_entry(ctx: RefreshContext, source: SourceHealth, entry: FeedEntry, page: Page, now: datetime) -> int:
    """Ingest one entry's page and remember the entry; StoreError stops the source, bugs are logged."""
    added = 0
    try:
        outcome = ctx.ingest(page, ctx.store)
        added = getattr(outcome, "added", 0)
    except StoreError:
        raise
    except Exception:  # a pipeline bug must not stop the desk; the traceback is logged
        log.exception("ingest failed", extra=_context(source, "ingest", page.url))
    with ctx.store.write() as session:
        session.sources.mark_entry(source.stored_id, entry_key(entry), now)
    return added


async def _article_page(ctx: RefreshContext, source: SourceHealth, entry: FeedEntry, now: datetime) -> Page | None:
    """The entry's article page fetched for its full text, or None (the summary will do)."""
    try:
        result = await ctx.fetcher.fetch(entry.link, accept=ACCEPT_PAGE)
    except FetchError as exc:
        log.info("full text not fetched: %s", exc, extra=_context(source, "fulltext", entry.link))
        return None
    kind = result.content_type.split(";")[0].strip().lower()
    if kind not in HTML_TYPES or not result.body.strip():
        log.info("full text skipped: %s", kind or "empty body", extra=_context(source, "fulltext", entry.link))
        return None
    return Page(
        url=result.final_url,
        site=urlsplit(result.final_url).hostname or "web",
        body=result.body,
        fetched_at=now,
        content_type=result.content_type or "text/html",
        origin="fetched",
        source_url=source.source.url,
    )
