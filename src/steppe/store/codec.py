"""Turning models into rows and rows back into models: the store's only (de)serialiser."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Protocol, overload

from steppe.models import Entity, Figure, Quote, Story


@overload
def utc(moment: datetime) -> datetime: ...
@overload
def utc(moment: None) -> None: ...
@overload
def utc(moment: datetime | None) -> datetime | None: ...
def utc(moment: datetime | None) -> datetime | None:
    """A timezone-aware UTC datetime (naive values are taken as UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _entities_json(entities: tuple[Entity, ...]) -> str:
    return json.dumps([{"kind": e.kind, "id": e.id, "name": e.name} for e in entities], ensure_ascii=False)


def _figures_json(figures: tuple[Figure, ...]) -> str:
    return json.dumps(
        [{"text": f.text, "value": str(f.value), "currency": f.currency, "year": f.year} for f in figures],
        ensure_ascii=False,
    )


def story_row(story: Story, added_at: datetime) -> dict[str, Any]:
    """The ``stories`` row for a story."""
    published = utc(story.published)
    return {
        "content_hash": story.content_hash,
        "url": story.url,
        "canonical_url": story.canonical_url,
        "site": story.site,
        "headline": story.headline,
        "text": story.text,
        "published": published,
        "language": story.language,
        "primary_country": story.countries[0] if story.countries else None,
        "countries": json.dumps(list(story.countries)),
        "entities": _entities_json(story.entities),
        "figures": _figures_json(story.figures),
        "topics": json.dumps(list(story.topics)),
        "position": story.position,
        "page_hash": story.page_hash,
        "cluster_id": story.cluster_id,
        "added_at": added_at,
        "sort_at": published or added_at,
    }


class StoryRow(Protocol):
    """A ``stories`` row as SQLAlchemy returns it (the JSON columns as text)."""

    id: int
    url: str
    canonical_url: str | None
    site: str
    headline: str
    text: str
    published: datetime | None
    language: str | None
    countries: str
    entities: str
    figures: str
    topics: str
    position: int
    page_hash: str | None
    cluster_id: int | None


class QuoteRow(Protocol):
    """A ``quotes`` row with its fetch's provenance (dates ISO text, numbers exact text)."""

    bank: str
    base: str
    quote: str
    effective_date: str
    kind: str
    date: str
    amount: str
    nominal: int
    change: str | None
    provenance: str | None


def story_from_row(row: StoryRow) -> Story:
    """A Story from a ``stories`` row."""
    return Story(
        id=row.id,
        url=row.url,
        canonical_url=row.canonical_url,
        site=row.site,
        headline=row.headline,
        text=row.text,
        published=utc(row.published),
        language=row.language,
        countries=tuple(json.loads(row.countries)),
        entities=tuple(Entity(**e) for e in json.loads(row.entities)),
        figures=tuple(
            Figure(text=f["text"], value=Decimal(f["value"]), currency=f["currency"], year=f["year"])
            for f in json.loads(row.figures)
        ),
        topics=tuple(json.loads(row.topics)),
        position=row.position,
        page_hash=row.page_hash,
        cluster_id=row.cluster_id,
    )


def quote_from_row(row: QuoteRow) -> Quote:
    """A Quote from a ``quotes`` row."""
    published = date.fromisoformat(row.date)
    effective = date.fromisoformat(row.effective_date)
    return Quote(
        bank=row.bank,
        date=published,
        base=row.base,
        quote=row.quote,
        amount=Decimal(row.amount),
        nominal=row.nominal,
        effective_date=effective if effective != published else None,
        kind=row.kind,
        provenance=row.provenance,
        change=None if row.change is None else Decimal(row.change),
    )
