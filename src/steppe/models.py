"""The plain frozen dataclasses that Steppe's stages hand to each other.

Every stage (extract, enrich, cluster, rates, store, publish) speaks only in these
types; none of them imports another stage. Collections are tuples so that every
value stays hashable and immutable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from steppe.errors import StoreError


def sha256_hex(data: bytes) -> str:
    """The hex SHA-256 of some bytes: the identity of an input or a text."""
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Source:
    """Somewhere Steppe reads from: a feed, a page, a local file or a bank."""

    url: str
    name: str
    kind: str = "feed"  # feed | page | file | bank
    language: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    enabled: bool = True
    id: int | None = None


@dataclass(frozen=True)
class Page:
    """One input as it arrived: fetched from the web or imported from a file."""

    url: str
    site: str
    body: bytes
    fetched_at: datetime
    content_type: str = "text/html"  # text/html | text/plain | application/rss+xml ...
    origin: str = "imported"  # fetched | imported
    source_url: str | None = None  # the feed or folder it came through

    @property
    def body_hash(self) -> str:
        """SHA-256 of the raw bytes: re-importing the same bytes is a no-op."""
        return sha256_hex(self.body)


@dataclass(frozen=True)
class Quote:
    """One exchange rate as a bank (or a page's ticker) published it.

    ``nominal`` units of ``base`` are worth ``amount`` units of ``quote``. For a
    central bank ``quote`` is its home currency: NBK says 1 USD = 478.77 KZT.
    """

    bank: str  # NBK, NBKR, CBU, NBT, CBT, CBR, ECB, or "page" for a scraped ticker
    date: Date  # the date the publisher put on the figure
    base: str
    quote: str
    amount: Decimal
    nominal: int = 1
    effective_date: Date | None = None  # the date the rate applies to, when it differs
    kind: str = "official"  # official | peg | page-ticker
    provenance: str | None = None  # URL or file the figure was read from
    change: Decimal | None = None  # change as published, when the payload carries one

    @property
    def rate(self) -> Decimal:
        """Units of ``quote`` for one unit of ``base``."""
        return self.amount / self.nominal

    @property
    def applies_on(self) -> Date:
        """The date the rate is in force."""
        return self.effective_date or self.date


# One published rate as a bank parser reads it, before it becomes a Quote:
# (base, quote, day, amount, nominal, change): ``nominal`` units of ``base`` worth ``amount`` of
# ``quote`` on ``day`` (the day it applies). Plain tuples: a backfill holds millions of them.
RateRow = tuple[str, str, Date, Decimal, int, Decimal | None]


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place, with an id shared across languages."""

    kind: str  # person | organization | place
    id: str  # normalised key, e.g. "person:tokayev"
    name: str  # the display name in English


@dataclass(frozen=True)
class Figure:
    """A money amount found in a story: "$120.5 million" -> 120500000 USD."""

    text: str
    value: Decimal
    currency: str | None = None  # ISO 4217 code
    year: int | None = None  # the year the figure refers to, when stated


@dataclass(frozen=True)
class Story:
    """One news story: what extract finds, enrich tags and the store keeps."""

    url: str
    site: str
    headline: str
    text: str
    canonical_url: str | None = None
    published: datetime | None = None
    language: str | None = None
    countries: tuple[str, ...] = ()  # ISO alpha-2, primary first
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    topics: tuple[str, ...] = ()
    position: int = 0  # index of the story within its page
    page_hash: str | None = None
    id: int | None = None
    cluster_id: int | None = None

    @cached_property  # frozen: computed once per story (the store and cluster stages ask often)
    def content_hash(self) -> str:
        """Hash of the normalised text: the same story re-published hashes the same."""
        return sha256_hex(normalise_for_hash(self.headline + "\n" + self.text).encode())

    @property
    def people(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == "person")

    @property
    def organizations(self) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == "organization")


def normalise_for_hash(text: str) -> str:
    """Case-fold and squeeze whitespace and punctuation so trivial edits hash alike."""
    kept = [ch if ch.isalnum() else " " for ch in text.casefold()]
    return " ".join("".join(kept).split())


@dataclass(frozen=True)
class Backoff:
    """The one retry rule of sources and banks: the wait doubles with each failure, up to a ceiling."""

    base: float  # seconds after the first failure
    ceiling: float  # the longest wait

    def delay(self, failures: int) -> float:
        """Seconds to wait after ``failures`` failures in a row (0 or 1: ``base``)."""
        doubling: float = 2.0 ** min(max(failures - 1, 0), 40)
        return min(self.ceiling, self.base * doubling)


CENTRAL_ASIA = ("KZ", "KG", "TJ", "UZ", "TM")  # the five countries, in the desk's order
HOME_CURRENCIES = ("KZT", "KGS", "UZS", "TJS", "TMT")  # their currencies, in the same order
PAGE_KINDS = ("article", "digest", "list", "other")  # what ``extract`` decides a page is


@dataclass(frozen=True)
class ListLink:
    """One item of a list page's main list (home, section, tag, search pages): a teaser linking elsewhere."""

    headline: str
    url: str
    teaser: str | None = None
    published: datetime | None = None


@dataclass(frozen=True)
class Extraction:
    """What ``extract`` makes of one page: its stories and any ticker rates."""

    url: str
    title: str | None
    published: datetime | None
    language: str | None
    stories: tuple[Story, ...] = ()
    rates: tuple[Quote, ...] = ()
    rejected: str | None = None  # why nothing usable was found, when so
    kind: str = "article"  # one of PAGE_KINDS
    links: tuple[ListLink, ...] = ()  # a list page's main list, in page order (a list page has no stories)


@dataclass(frozen=True)
class Cluster:
    """Stories that tell the same event, with the one chosen to represent it."""

    id: int
    headline: str
    story_ids: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    first_seen: datetime | None = None
    last_seen: datetime | None = None


@dataclass(frozen=True)
class Rejection:
    """An input that was turned away, and why: never lost silently."""

    name: str
    reason: str


@dataclass(frozen=True)
class IngestReport:
    """What one ingest batch did: counted, and every rejection named."""

    added: int = 0
    duplicates: int = 0
    pages: int = 0
    pages_seen_before: int = 0
    quotes: int = 0
    rejected: tuple[Rejection, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class SourceHealth:
    """A source with what its fetches have been doing."""

    source: Source
    etag: str | None
    last_modified: str | None
    last_success_at: datetime | None
    last_checked_at: datetime | None
    last_status: str | None
    last_error: str | None
    error_count: int
    next_check_at: datetime | None
    check_interval: int | None
    feed_hash: str | None

    @property
    def stored_id(self) -> int:
        """The source's database id (a source read from the store always has one; StoreError otherwise)."""
        if self.source.id is None:
            raise StoreError(f"source {self.source.url} has no id: it was not read from the store")
        return self.source.id

    def parked(self, park_after: int) -> bool:
        """True when the source failed ``park_after`` times in a row and waits to be re-enabled."""
        return self.error_count >= park_after


@dataclass(frozen=True)
class FetchOutcome:
    """What one check of a source ended with, for the record."""

    status: str  # ok | not_modified | unchanged | failed | refused
    checked_at: datetime
    next_check_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    feed_hash: str | None = None
    check_interval: int | None = None
    error: str | None = None
