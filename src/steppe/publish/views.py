"""What the read path returns (views of stories, clusters, sources, digests) and their stable JSON shapes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from steppe.config import Settings
from steppe.models import CENTRAL_ASIA, Cluster, Quote, Source, Story
from steppe.publish.safehtml import safe_url
from steppe.rates.ticker_view import TickerLine

# The countries the desk names in its navigation: the five, then the neighbours its stories cover most.
NAV_COUNTRIES = (*CENTRAL_ASIA, "MN", "AF", "RU", "CN")
# What a reader may learn of a source's last failure: its class, never the message (host names, addresses).
PUBLIC_ERRORS = {
    "FetchTimedOut": "timed out",
    "PrivateAddress": "address refused",
    "UnsafeURL": "address refused",
    "TooManyRedirects": "too many redirects",
    "RateLimited": "rate limited by the outlet",
    "BadStatus": "the outlet answered with an error",
    "DisallowedByRobots": "disallowed by robots.txt",
    "NotAFeed": "not a feed",
    "FeedNotFound": "no feed found",
    "FeedError": "the feed could not be read",
    "BodyTooLarge": "answer too large",
}


def public_base_url(settings: Settings) -> str:
    """The desk's public address without a final slash: ``web.public_url``, else http://{web.host}:{web.port}."""
    configured: str | None = settings["web.public_url"]
    if configured:
        return configured.strip().rstrip("/")
    return server_url(settings["web.host"], settings["web.port"])


def server_url(host: str, port: int) -> str:
    """http://host:port, with an IPv6 address in brackets."""
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}"


def public_error(last_error: str | None) -> str | None:
    """The class of a recorded failure, in words a reader may see ("timed out"), or None."""
    if not last_error:
        return None
    name = last_error.split(":", 1)[0].strip()
    return PUBLIC_ERRORS.get(name, "the last check failed")


@lru_cache(maxsize=1)
def _gazetteer_names() -> dict[str, str]:
    """The English display names of the gazetteer's countries (the one hand-kept list of names)."""
    raw = json.loads(resources.files("steppe").joinpath("data", "gazetteer", "countries.json").read_text("utf-8"))
    return {code: spec["name"] for code, spec in raw.items() if not code.startswith("_")}


def country_name(code: str) -> str:
    """The English short name of a country code: the gazetteer's, else pycountry's (ISO 3166)."""
    if code in _gazetteer_names():
        return _gazetteer_names()[code]
    import pycountry

    found = pycountry.countries.get(alpha_2=code)
    if not found:
        return code
    common: str = getattr(found, "common_name", "")  # pycountry's records are untyped attribute bags
    name: str = common or getattr(found, "name", code)
    return name


COUNTRY_NAMES = {code: country_name(code) for code in NAV_COUNTRIES}


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
    clusters: tuple[ClusterView, ...] = ()


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
    parked: bool = False  # failed fetch.park_after times in a row: waits to be re-enabled
    last_status: str | None = None  # ok | not_modified | unchanged | failed | refused
    check_interval: int | None = None

    @property
    def state(self) -> str:
        """parked, enabled or disabled: what the operator acts on."""
        return "parked" if self.parked else ("enabled" if self.source.enabled else "disabled")

    @property
    def public_error(self) -> str | None:
        """The last failure's class for readers; the message (hosts, addresses) stays with the operator."""
        return public_error(self.last_error)


def story_dict(story: Story, *, with_text: bool = True) -> dict[str, Any]:
    """The stable JSON shape of a story, shared by the API, the CLI and `steppe extract`."""
    data: dict[str, Any] = {
        "id": story.id,
        "url": safe_url(story.url),  # http(s) only: no javascript:, data: or server paths served
        "canonical_url": safe_url(story.canonical_url),
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
        "effective_date": None if line.effective_date is None else line.effective_date.isoformat(),
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


def source_dict(status: SourceStatus, *, operator: bool = False) -> dict[str, Any]:
    """The JSON shape of a source and its health; ``operator`` adds the whole last error and the fetch state.

    Readers (the web and API) get the error's class only; the operator (`steppe sources list`) gets all.
    """
    s = status.source

    def moment(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    data = {
        "url": s.url,
        "name": s.name,
        "kind": s.kind,
        "language": s.language,
        "country": s.country,
        "enabled": s.enabled,
        "health": status.health,
        "last_success_at": moment(status.last_success_at),
        "last_checked_at": moment(status.last_checked_at),
        "last_error": status.public_error,
        "error_count": status.error_count,
        "next_check_at": moment(status.next_check_at),
    }
    if operator:
        data.update(
            state=status.state,
            last_status=status.last_status,
            last_error=status.last_error,
            check_interval=status.check_interval,
        )
    return data


def digest_dict(result: Digest) -> dict[str, Any]:
    """The JSON shape of a day's digest."""
    return {
        "date": result.day.isoformat(),
        "ticker": [ticker_dict(t) for t in result.ticker],
        "countries": [
            {"code": s.code, "name": s.name, "stories": [story_dict(x) for x in s.stories]} for s in result.sections
        ],
        "other": [story_dict(x) for x in result.other],
    }
