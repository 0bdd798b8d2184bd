"""The one read path: what web pages, the JSON API, feeds, the digest and the CLI show.

Each function takes a ``Store`` and plain arguments and returns plain data;
HTML pages and their JSON twins are rendered from the same return values.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from steppe.errors import BadQuery, NotFound
from steppe.models import CENTRAL_ASIA, HOME_CURRENCIES, Quote, Source, Story
from steppe.publish.excerpts import folded_excerpt
from steppe.publish.filters import check_day, search_terms, story_filter, topic_name, topic_names
from steppe.publish.safehtml import marked_html
from steppe.publish.views import (
    COUNTRY_NAMES,
    ClusterView,
    CountrySection,
    Digest,
    FrontPage,
    SearchHit,
    SearchPage,
    SourceStatus,
    StoryView,
    cluster_dict,
    country_name,
    digest_dict,
    hit_dict,
    quote_dict,
    source_dict,
    story_dict,
    ticker_dict,
)
from steppe.rates.ticker_view import TickerLine, ticker_lines
from steppe.store import Store, StoryFilter, StoryPage

__all__ = [  # the read path's whole surface: views and filters are re-exported for its callers
    "CENTRAL_ASIA",
    "COUNTRY_NAMES",
    "TICKER_CURRENCIES",
    "ClusterView",
    "CountrySection",
    "Digest",
    "FrontPage",
    "SearchHit",
    "SearchPage",
    "SourceStatus",
    "StoryView",
    "cluster_dict",
    "cluster_view",
    "country_name",
    "digest",
    "digest_days",
    "digest_dict",
    "folded_excerpt",
    "front_page",
    "hit_dict",
    "latest_story_day",
    "list_stories",
    "quote_dict",
    "search",
    "search_terms",
    "source_dict",
    "sources",
    "story_dict",
    "story_filter",
    "story_view",
    "ticker",
    "ticker_dict",
    "topic_name",
    "topic_names",
    "topics",
]


TICKER_CURRENCIES = HOME_CURRENCIES


def list_stories(store: Store, where: StoryFilter, *, limit: int = 50, cursor: str | None = None) -> StoryPage:
    """A page of stories matching a filter, newest first."""
    if not 1 <= limit <= 200:
        raise BadQuery("limit must be between 1 and 200")
    with store.read() as session:
        return session.stories.list(where, limit=limit, cursor=cursor)


def story_view(store: Store, story_id: int) -> StoryView:
    """One story with its copies and cluster mates; NotFound when absent."""
    with store.read() as session:
        story = session.stories.get(story_id)
        copies = tuple(session.stories.copies(story_id))
        related: tuple[Story, ...] = ()
        mentions: list[int] = []
        if story.cluster_id is not None:
            cluster = session.clusters.get(story.cluster_id)
            ids = [i for i in (cluster.story_ids if cluster else ()) if i != story_id]
            related = tuple(session.stories.by_ids(ids))
            mentions = [i for i, _score in session.clusters.index.related(story.cluster_id)]
        for cluster_id in session.clusters.index.related_to_story(story_id):
            lead = session.clusters.get(cluster_id)
            if lead and lead.story_ids:
                mentions.append(lead.story_ids[0])
        see_also = tuple(
            s for s in session.stories.by_ids(list(dict.fromkeys(mentions))) if s.id != story_id and s not in related
        )
    return StoryView(story, copies, related, see_also)


def _hit(story: Story, terms: tuple[tuple[str, str], ...]) -> SearchHit:
    headline = folded_excerpt(story.headline, terms, words=200)
    excerpt = folded_excerpt(story.text, terms)
    return SearchHit(story, str(marked_html(headline)), str(marked_html(" ".join(excerpt.split()))))


def search(store: Store, where: StoryFilter, *, limit: int = 20, cursor: str | None = None) -> SearchPage:
    """Stories matching a search and filters, newest first, with highlighted headline and excerpt."""
    page = list_stories(store, where, limit=limit, cursor=cursor)
    return SearchPage(tuple(_hit(s, where.terms) for s in page.stories), page.next_cursor)


def cluster_view(store: Store, cluster_id: int) -> ClusterView:
    """One cluster with its stories; NotFound when absent."""
    with store.read() as session:
        cluster = session.clusters.get(cluster_id)
        if cluster is None:
            raise NotFound(f"no cluster {cluster_id}")
        stories = tuple(session.stories.by_ids(list(cluster.story_ids)))
    return ClusterView(cluster, stories)


def top_clusters(store: Store, *, window: int = 200, count: int = 5) -> tuple[ClusterView, ...]:
    """The clusters with the most stories among the latest ``window`` stories."""
    with store.read() as session:
        sizes: dict[int, int] = {}
        for cluster_id in session.stories.recent_cluster_ids(window):
            if cluster_id is not None:
                sizes[cluster_id] = sizes.get(cluster_id, 0) + 1
        chosen = sorted((c for c, n in sizes.items() if n >= 2), key=lambda c: -sizes[c])[:count]
        views = []
        for cluster_id in chosen:
            cluster = session.clusters.get(cluster_id)
            if cluster is not None:
                views.append(ClusterView(cluster, tuple(session.stories.by_ids(list(cluster.story_ids)))))
    return tuple(views)


def _status(source: Source, record: Any, park_after: int | None) -> SourceStatus:
    errors = int(getattr(record, "error_count", 0) or 0)
    last_success = getattr(record, "last_success_at", None)
    health = "disabled" if not source.enabled else "failing" if errors else "ok" if last_success else "new"
    return SourceStatus(
        source,
        health,
        last_success,
        getattr(record, "last_checked_at", None),
        getattr(record, "last_error", None),
        errors,
        getattr(record, "next_check_at", None),
        parked=park_after is not None and errors >= park_after,
        last_status=getattr(record, "last_status", None),
        check_interval=getattr(record, "check_interval", None),
    )


def sources(store: Store, *, park_after: int | None = None) -> tuple[SourceStatus, ...]:
    """Every source with its health, by name (whatever health the store can tell); parked after ``park_after``."""
    with store.read() as session:
        listed = list(session.sources.all())
        health = getattr(session.sources, "health", None)
        records = {h.source.url: h for h in health()} if callable(health) else {}
    return tuple(_status(s, records.get(s.url), park_after) for s in listed)


def digest_days(store: Store, *, limit: int = 366) -> tuple[tuple[date, int], ...]:
    """(day, story count) of the days with stories, newest first: the digest archive."""
    with store.read() as session:
        rows = session.stories.days(limit=limit)
    return tuple((date.fromisoformat(day), n) for day, n in rows)


def topics(store: Store) -> tuple[tuple[str, str, int], ...]:
    """(slug, name, story count) of every topic."""
    with store.read() as session:
        counts = session.stories.topic_counts()
    return tuple((slug, name, counts.get(slug, 0)) for slug, name in topic_names().items())


def _previous_quotes(store: Store, today: list[Quote]) -> list[Quote]:
    """Each quote's predecessor from the same bank: what the ticker's change is measured against."""
    with store.read() as session:
        return session.quotes.previous(today)


def ticker(
    store: Store,
    *,
    day: date | None = None,
    orientation: str = "per_usd",
    currencies: tuple[str, ...] = TICKER_CURRENCIES,
) -> tuple[TickerLine, ...]:
    """The rates ticker for a day (default: the latest day with official rates)."""
    check_day(day)
    with store.read() as session:
        day = day or session.quotes.latest_day()
        if day is None:
            return ()
        today = session.quotes.on_or_before(day)
    return tuple(ticker_lines(today, _previous_quotes(store, today), orientation=orientation, currencies=currencies))


def front_page(
    store: Store,
    *,
    per_country: int = 8,
    orientation: str = "per_usd",
    currencies: tuple[str, ...] = TICKER_CURRENCIES,
    ticker_lines: tuple[TickerLine, ...] | None = None,
) -> FrontPage:
    """The ticker and the latest stories mainly about each country, Central Asia first.

    ``ticker_lines`` lets a caller that caches the ticker pass it in instead of recomputing it.
    """
    with store.read() as session:
        counts = session.stories.country_counts(primary=True)
        total = session.stories.count()
        order = [c for c in CENTRAL_ASIA if c in counts] + sorted(
            (c for c in counts if c not in CENTRAL_ASIA), key=lambda c: -counts[c]
        )
        sections = tuple(
            CountrySection(
                code,
                country_name(code),
                session.stories.list(StoryFilter(primary_country=code), limit=per_country).stories,
            )
            for code in order
        )
    if ticker_lines is None:
        ticker_lines = ticker(store, orientation=orientation, currencies=currencies)
    return FrontPage(ticker_lines, sections, total, top_clusters(store))


def digest(
    store: Store, day: date, *, orientation: str = "per_usd", currencies: tuple[str, ...] = TICKER_CURRENCIES
) -> Digest:
    """The stories published (or added) on a day, grouped by primary country, with that day's ticker."""
    check_day(day)
    start = datetime.combine(day, time.min, UTC)
    where = StoryFilter(since=start, until=start + timedelta(days=1))
    stories: list[Story] = []
    cursor = None
    with store.read() as session:
        while True:
            page = session.stories.list(where, limit=200, cursor=cursor)
            stories.extend(page.stories)
            cursor = page.next_cursor
            if not cursor:
                break
    groups: dict[str, list[Story]] = {}
    other: list[Story] = []
    for story in sorted(stories, key=lambda s: (s.published or start, s.id or 0)):
        if story.countries:
            groups.setdefault(story.countries[0], []).append(story)
        else:
            other.append(story)
    order = [c for c in CENTRAL_ASIA if c in groups] + sorted(c for c in groups if c not in CENTRAL_ASIA)
    sections = tuple(CountrySection(c, country_name(c), tuple(groups[c])) for c in order)
    day_ticker = ticker(store, day=day, orientation=orientation, currencies=currencies)
    return Digest(day, day_ticker, sections, tuple(other))


def latest_story_day(store: Store) -> date | None:
    """The day of the newest story, if any."""
    with store.read() as session:
        page = session.stories.list(StoryFilter(), limit=1)
    if not page.stories:
        return None
    story = page.stories[0]
    return (story.published or datetime.now(UTC)).date()
