"""The one read path: what web pages, the JSON API, feeds, the digest and the CLI show.

Each function takes a ``Store`` and plain arguments and returns plain data;
HTML pages and their JSON twins are rendered from the same return values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from .enrich import fold
from .errors import BadQuery
from .models import Quote, Story
from .rates.ticker import TickerLine, ticker_lines
from .store import Store, StoryFilter, StoryPage

COUNTRY_NAMES = {
    "KZ": "Kazakhstan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "UZ": "Uzbekistan", "TM": "Turkmenistan",
    "MN": "Mongolia", "AF": "Afghanistan", "RU": "Russia", "CN": "China",
}
CENTRAL_ASIA = ("KZ", "KG", "TJ", "UZ", "TM")
TICKER_CURRENCIES = ("KZT", "KGS", "UZS", "TJS", "TMT")
MAX_QUERY_CHARS = 200
MAX_TERMS = 12
TOKEN = re.compile(r"\w+", re.UNICODE)


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


@dataclass(frozen=True)
class StoryView:
    """One story with the other places that carried it."""

    story: Story
    copies: tuple[tuple[str, str], ...] = ()
    related: tuple[Story, ...] = ()


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


def story_filter(
    *, country: str | None = None, topic: str | None = None, language: str | None = None,
    site: str | None = None, since: date | None = None, until: date | None = None, q: str | None = None,
) -> StoryFilter:
    """A validated filter from reader-supplied values."""
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise BadQuery(f"country must be a two-letter ISO code such as KZ, not {country!r}")
    if since and until and since > until:
        raise BadQuery("since is after until")
    return StoryFilter(
        country=country.upper() if country else None, topic=topic, language=language, site=site,
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
        if story.cluster_id is not None:
            cluster = session.clusters.get(story.cluster_id)
            ids = [i for i in (cluster.story_ids if cluster else ()) if i != story_id]
            related = tuple(session.stories.by_ids(ids))
    return StoryView(story, copies, related)


def _previous_quotes(store: Store, today: list[Quote]) -> list[Quote]:
    previous = []
    with store.read() as session:
        for quote in today:
            earlier = session.quotes.history(quote.base, quote.quote, date(1990, 1, 1), quote.applies_on - timedelta(days=1))
            earlier = [q for q in earlier if q.bank == quote.bank and q.kind == quote.kind]
            if earlier:
                previous.append(earlier[-1])
    return previous


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
               currencies: tuple[str, ...] = TICKER_CURRENCIES) -> FrontPage:
    """The ticker and the latest stories mainly about each country, Central Asia first."""
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
    return FrontPage(ticker(store, orientation=orientation, currencies=currencies), sections, total)


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
