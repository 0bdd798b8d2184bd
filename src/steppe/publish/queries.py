"""The one read path: what web pages, the JSON API, feeds, the digest and the CLI show.

Each function takes a ``Store`` and plain arguments and returns plain data;
HTML pages and their JSON twins are rendered from the same return values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from steppe.text.fold import fold
from steppe.text.fold import fold_word
from steppe.errors import BadQuery, NotFound
from steppe.models import Cluster, Quote, Source, Story
from steppe.rates.ticker_view import TickerLine, ticker_lines
from steppe.publish.safehtml import marked_html
from steppe.store import Store, StoryFilter, StoryPage
from steppe.store.search_index import MARK_END, MARK_START

COUNTRY_NAMES = {
    "KZ": "Kazakhstan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "UZ": "Uzbekistan", "TM": "Turkmenistan",
    "MN": "Mongolia", "AF": "Afghanistan", "RU": "Russia", "CN": "China",
}
CENTRAL_ASIA = ("KZ", "KG", "TJ", "UZ", "TM")
TICKER_CURRENCIES = ("KZT", "KGS", "UZS", "TJS", "TMT")
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
TOKEN = re.compile(r"[^\W_]+")  # letters and digits: the words the search index holds
EXCERPT_WORDS = 28


def country_name(code: str) -> str:
    """The English short name of a country code."""
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or getattr(found, "name", code) if found else code


@dataclass(frozen=True)
class CountrySection:
    """One country's column on the front page or in the digest."""

    code: str
    name: str
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class FrontPage:
    """The front page: the ticker once, then stories grouped by country."""

    ticker: tuple[TickerLine, ...]
    sections: tuple[CountrySection, ...]
    story_count: int
    clusters: tuple["ClusterView", ...] = ()


@dataclass(frozen=True)
class StoryView:
    """One story with the other places that carried it."""

    story: Story
    copies: tuple[tuple[str, str], ...] = ()
    related: tuple[Story, ...] = ()  # the same event from other outlets (its cluster)
    see_also: tuple[Story, ...] = ()  # stories that mention the event in passing, or that it mentions


@dataclass(frozen=True)
class Digest:
    """A day's digest: the date, the ticker once, headlines grouped by country."""

    day: date
    ticker: tuple[TickerLine, ...]
    sections: tuple[CountrySection, ...]
    other: tuple[Story, ...] = field(default_factory=tuple)


def search_terms(q: str | None) -> tuple[tuple[str, str], ...]:
    """Turn a reader's query into (raw, folded) word terms; BadQuery with a hint when unusable."""
    if q is None:
        return ()
    q = q.strip()
    if len(q) > MAX_QUERY_CHARS:
        raise BadQuery(f"query is {len(q)} characters long; the limit is {MAX_QUERY_CHARS}")
    words = TOKEN.findall(q)
    if q and not words:
        raise BadQuery("query has no words to search for: use letters or digits, e.g. q=Tokayev")
    if len(words) > MAX_TERMS:
        raise BadQuery(f"query has {len(words)} words; use at most {MAX_TERMS}")
    return tuple((w.casefold(), fold(w)) for w in words)


@lru_cache(maxsize=1)
def topic_names() -> dict[str, str]:
    """Topic slug -> display name, in the order the enrichment stage declares them."""
    raw = json.loads(resources.files("steppe").joinpath("data", "gazetteer", "topics.json").read_text("utf-8"))
    return {slug: spec.get("name", slug) for slug, spec in raw["topics"].items()}


def topic_name(slug: str) -> str:
    """A topic's display name; NotFound when Steppe has no such topic."""
    names = topic_names()
    if slug not in names:
        raise NotFound(f"no topic {slug!r}; topics are: {', '.join(names)}")
    return names[slug]


def story_filter(
    *, country: str | None = None, topic: str | None = None, language: str | None = None,
    site: str | None = None, since: date | None = None, until: date | None = None, q: str | None = None,
) -> StoryFilter:
    """A validated filter from reader-supplied values; BadQuery says what to fix."""
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise BadQuery(f"country must be a two-letter ISO code such as KZ, not {country!r}")
    if topic and topic not in topic_names():
        raise BadQuery(f"unknown topic {topic!r}; topics are: {', '.join(topic_names())}")
    if language and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z]{2,4})?", language):
        raise BadQuery(f"language must be a language code such as en, ru or kk, not {language!r}")
    if since and until and since > until:
        raise BadQuery("since is after until: give the earlier day as since")
    return StoryFilter(
        country=country.upper() if country else None, topic=topic or None,
        language=language.lower() if language else None, site=site or None,
        since=datetime.combine(since, time.min, timezone.utc) if since else None,
        until=datetime.combine(until + timedelta(days=1), time.min, timezone.utc) if until else None,
        terms=search_terms(q),
    )


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
        see_also = tuple(s for s in session.stories.by_ids(list(dict.fromkeys(mentions)))
                         if s.id != story_id and s not in related)
    return StoryView(story, copies, related, see_also)


@dataclass(frozen=True)
class SearchHit:
    """A story found by a search, with its headline and an excerpt, matches in <mark>."""

    story: Story
    headline_html: str
    snippet_html: str


@dataclass(frozen=True)
class SearchPage:
    """One page of search hits and the cursor for the next, if any."""

    hits: tuple[SearchHit, ...]
    next_cursor: str | None


def _term_matches(word: str, raws: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    return word.casefold().startswith(raws) or (bool(keys) and fold_word(word).startswith(keys))


def folded_excerpt(text: str, terms: tuple[tuple[str, str], ...], words: int = EXCERPT_WORDS) -> str:
    """An excerpt around the first word matching a term by its folded key (Tokayev ~ Токаев), marked.

    The text is read only as far as the excerpt reaches: the first match fixes where it starts.
    """
    raws = tuple(raw for raw, _ in terms)
    keys = tuple(folded for _, folded in terms if folded)
    tokens: list[re.Match[str]] = []
    hits: list[int] = []
    for i, m in enumerate(TOKEN.finditer(text)):
        tokens.append(m)
        if hits and i >= max(0, hits[0] - words // 3) + words:
            break  # one token past the excerpt: enough to know the text goes on
        if _term_matches(m.group(0), raws, keys):
            hits.append(i)
    if not tokens:
        return text[:200]
    first = max(0, (hits[0] if hits else 0) - words // 3)
    last = min(len(tokens), first + words)
    start, end = tokens[first].start(), tokens[last - 1].end()
    pieces, cursor = [], start
    for i in (h for h in hits if h < last):
        m = tokens[i]
        pieces += [text[cursor:m.start()], MARK_START, m.group(0), MARK_END]
        cursor = m.end()
    pieces.append(text[cursor:end])
    return ("…" if first else "") + "".join(pieces) + ("…" if last < len(tokens) else "")


def _hit(story: Story, terms: tuple[tuple[str, str], ...]) -> SearchHit:
    headline = folded_excerpt(story.headline, terms, words=200)
    excerpt = folded_excerpt(story.text, terms)
    return SearchHit(story, str(marked_html(headline)), str(marked_html(" ".join(excerpt.split()))))


def search(store: Store, where: StoryFilter, *, limit: int = 20, cursor: str | None = None) -> SearchPage:
    """Stories matching a search and filters, newest first, with highlighted headline and excerpt."""
    page = list_stories(store, where, limit=limit, cursor=cursor)
    return SearchPage(tuple(_hit(s, where.terms) for s in page.stories), page.next_cursor)


@dataclass(frozen=True)
class ClusterView:
    """A cluster: the same event as told by several outlets, earliest first."""

    cluster: Cluster
    stories: tuple[Story, ...]

    @property
    def lead(self) -> Story | None:
        """The story that represents the cluster: the one the cluster stage chose, else the earliest."""
        chosen = [s for s in self.stories if s.headline == self.cluster.headline]
        return chosen[0] if chosen else (self.stories[0] if self.stories else None)


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


@dataclass(frozen=True)
class SourceStatus:
    """A source and its health as the sources table records it (fields absent stay None)."""

    source: Source
    health: str  # ok | failing | disabled | new
    last_success_at: datetime | None = None
    last_checked_at: datetime | None = None
    last_error: str | None = None
    error_count: int = 0
    next_check_at: datetime | None = None


def _status(source: Source, record: Any) -> SourceStatus:
    errors = int(getattr(record, "error_count", 0) or 0)
    last_success = getattr(record, "last_success_at", None)
    health = "disabled" if not source.enabled else "failing" if errors else "ok" if last_success else "new"
    return SourceStatus(source, health, last_success, getattr(record, "last_checked_at", None),
                        getattr(record, "last_error", None), errors, getattr(record, "next_check_at", None))


def sources(store: Store) -> tuple[SourceStatus, ...]:
    """Every source with its health, by name (whatever health the store can tell)."""
    with store.read() as session:
        listed = list(session.sources.all())
        health = getattr(session.sources, "health", None)
        records = {h.source.url: h for h in health()} if callable(health) else {}
    return tuple(_status(s, records.get(s.url)) for s in listed)


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


def ticker(store: Store, *, day: date | None = None, orientation: str = "per_usd",
           currencies: tuple[str, ...] = TICKER_CURRENCIES) -> tuple[TickerLine, ...]:
    """The rates ticker for a day (default: the latest day with official rates)."""
    with store.read() as session:
        day = day or session.quotes.latest_day()
        if day is None:
            return ()
        today = session.quotes.on_or_before(day)
    return tuple(ticker_lines(today, _previous_quotes(store, today), orientation=orientation, currencies=currencies))


def front_page(store: Store, *, per_country: int = 8, orientation: str = "per_usd",
               currencies: tuple[str, ...] = TICKER_CURRENCIES,
               ticker_lines: tuple[TickerLine, ...] | None = None) -> FrontPage:
    """The ticker and the latest stories mainly about each country, Central Asia first.

    ``ticker_lines`` lets a caller that caches the ticker pass it in instead of recomputing it.
    """
    with store.read() as session:
        counts = session.stories.country_counts(primary=True)
        total = session.stories.count()
        order = [c for c in CENTRAL_ASIA if c in counts] + sorted(
            (c for c in counts if c not in CENTRAL_ASIA), key=lambda c: -counts[c])
        sections = tuple(
            CountrySection(code, country_name(code),
                           session.stories.list(StoryFilter(primary_country=code), limit=per_country).stories)
            for code in order
        )
    if ticker_lines is None:
        ticker_lines = ticker(store, orientation=orientation, currencies=currencies)
    return FrontPage(ticker_lines, sections, total, top_clusters(store))


def digest(store: Store, day: date, *, orientation: str = "per_usd",
           currencies: tuple[str, ...] = TICKER_CURRENCIES) -> Digest:
    """The stories published (or added) on a day, grouped by primary country, with that day's ticker."""
    start = datetime.combine(day, time.min, timezone.utc)
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
    return (story.published or datetime.now(timezone.utc)).date()


def story_dict(story: Story, *, with_text: bool = True) -> dict[str, Any]:
    """The stable JSON shape of a story, shared by the API, the CLI and `steppe extract`."""
    data: dict[str, Any] = {
        "id": story.id,
        "url": story.url,
        "canonical_url": story.canonical_url,
        "site": story.site,
        "headline": story.headline,
        "published": story.published.isoformat() if story.published else None,
        "language": story.language,
        "countries": list(story.countries),
        "people": [{"id": e.id, "name": e.name} for e in story.people],
        "organizations": [{"id": e.id, "name": e.name} for e in story.organizations],
        "places": [{"id": e.id, "name": e.name} for e in story.entities if e.kind == "place"],
        "figures": [
            {"text": f.text, "value": str(f.value), "currency": f.currency, "year": f.year} for f in story.figures
        ],
        "topics": list(story.topics),
        "cluster_id": story.cluster_id,
    }
    if with_text:
        data["text"] = story.text
    return data


def ticker_dict(line: TickerLine) -> dict[str, Any]:
    """The JSON shape of one ticker line."""
    return {
        "currency": line.currency,
        "value": str(line.value),
        "text": line.text,
        "change_pct": None if line.change_pct is None else str(line.change_pct),
        "direction": line.direction,
        "effective_date": line.effective_date.isoformat(),
        "bank": line.bank,
    }


def quote_dict(quote: Quote) -> dict[str, Any]:
    """The JSON shape of a quote."""
    return {
        "bank": quote.bank,
        "date": quote.date.isoformat(),
        "effective_date": quote.applies_on.isoformat(),
        "base": quote.base,
        "quote": quote.quote,
        "amount": str(quote.amount),
        "nominal": quote.nominal,
        "kind": quote.kind,
        "provenance": quote.provenance,
    }


def hit_dict(hit: SearchHit) -> dict[str, Any]:
    """The JSON shape of a search hit: the story without its text, plus highlighted HTML."""
    data = story_dict(hit.story, with_text=False)
    data["headline_html"] = hit.headline_html
    data["snippet_html"] = hit.snippet_html
    return data


def cluster_dict(view: ClusterView) -> dict[str, Any]:
    """The JSON shape of a cluster."""
    c = view.cluster
    return {
        "id": c.id,
        "headline": c.headline,
        "first_seen": c.first_seen.isoformat() if c.first_seen else None,
        "last_seen": c.last_seen.isoformat() if c.last_seen else None,
        "size": len(view.stories),
        "sites": sorted({s.site for s in view.stories}),
        "stories": [story_dict(s, with_text=False) for s in view.stories],
    }


def source_dict(status: SourceStatus) -> dict[str, Any]:
    """The JSON shape of a source and its health."""
    s = status.source

    def moment(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "url": s.url, "name": s.name, "kind": s.kind, "language": s.language, "country": s.country,
        "enabled": s.enabled, "health": status.health, "last_success_at": moment(status.last_success_at),
        "last_checked_at": moment(status.last_checked_at), "last_error": status.last_error,
        "error_count": status.error_count, "next_check_at": moment(status.next_check_at),
    }


def digest_dict(result: Digest) -> dict[str, Any]:
    """The JSON shape of a day's digest."""
    return {
        "date": result.day.isoformat(),
        "ticker": [ticker_dict(t) for t in result.ticker],
        "countries": [{"code": s.code, "name": s.name, "stories": [story_dict(x) for x in s.stories]}
                      for s in result.sections],
        "other": [story_dict(x) for x in result.other],
    }
