"""Reader-supplied filters and search words, validated: BadQuery says what to fix."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources

from steppe.errors import BadQuery, NotFound
from steppe.rates.queries import FIRST_DAY, LAST_DAY
from steppe.store import StoryFilter
from steppe.text.fold import fold
from steppe.text.tokens import WORD as TOKEN  # the words the search index holds

MAX_QUERY_CHARS = 200
MAX_TERMS = 12


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


def check_day(day: date | None, name: str = "date") -> date | None:
    """The day when a store can hold it (FIRST_DAY..LAST_DAY, the rates' bounds); BadQuery otherwise."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise BadQuery(f"{name} {day.isoformat()} is out of range: give a day from {FIRST_DAY} to {LAST_DAY}")
    return day


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
    *,
    country: str | None = None,
    topic: str | None = None,
    language: str | None = None,
    site: str | None = None,
    since: date | None = None,
    until: date | None = None,
    q: str | None = None,
) -> StoryFilter:
    """A validated filter from reader-supplied values; BadQuery says what to fix."""
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        raise BadQuery(f"country must be a two-letter ISO code such as KZ, not {country!r}")
    if topic and topic not in topic_names():
        raise BadQuery(f"unknown topic {topic!r}; topics are: {', '.join(topic_names())}")
    if language and not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z]{2,4})?", language):
        raise BadQuery(f"language must be a language code such as en, ru or kk, not {language!r}")
    check_day(since, "since")
    check_day(until, "until")
    if since and until and since > until:
        raise BadQuery("since is after until: give the earlier day as since")
    return StoryFilter(
        country=country.upper() if country else None,
        topic=topic or None,
        language=language.lower() if language else None,
        site=site or None,
        since=datetime.combine(since, time.min, UTC) if since else None,
        until=datetime.combine(until + timedelta(days=1), time.min, UTC) if until else None,
        terms=search_terms(q),
    )
