"""Sources: the feeds, pages and banks Steppe reads, with their health and fetch state.

Besides the ``sources`` table this module owns two tables added by migration 3:
``source_state`` (one row per source: adaptive check interval, hash of the last feed
body, last outcome) and ``source_entries`` (the keys of feed entries already taken,
so an unchanged or re-ordered feed costs no article fetch and no write).

Claiming due sources is one statement pair in one transaction; on PostgreSQL the
select takes ``FOR UPDATE SKIP LOCKED`` so any number of workers can claim at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    Connection,
    Select,
    delete,
    func,
    or_,
    select,
    update,
)

from steppe.errors import NotFound
from steppe.models import FetchOutcome, Source, SourceHealth
from steppe.store import schema
from steppe.store.codec import utc
from steppe.store.dialect import insert_ignoring_conflicts, upsert

SRC = schema.sources

STATE = schema.source_state
ENTRIES = schema.source_entries


class _SourceRow(Protocol):
    """A ``sources`` row as SQLAlchemy returns it."""

    id: int
    url: str
    name: str
    kind: str
    language: str | None
    country: str | None
    enabled: bool


class _HealthRow(_SourceRow, Protocol):
    """A ``sources`` row joined to its ``source_state`` row (its columns None when there is none)."""

    etag: str | None
    last_modified: str | None
    last_success_at: datetime | None
    last_error: str | None
    error_count: int
    next_check_at: datetime | None
    check_interval: int | None
    feed_hash: str | None
    last_checked_at: datetime | None
    last_status: str | None


def _source(row: _SourceRow) -> Source:
    return Source(
        id=row.id,
        url=row.url,
        name=row.name,
        kind=row.kind,
        language=row.language,
        country=row.country,
        enabled=row.enabled,
    )


class Sources:
    """The sources table (and its fetch state) on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def add(self, source: Source, *, now: datetime) -> bool:
        """Add a source once; False when its URL is already known."""
        row = {
            "url": source.url,
            "name": source.name,
            "kind": source.kind,
            "language": source.language,
            "country": source.country,
            "enabled": source.enabled,
            "error_count": 0,
            "created_at": now,
        }
        return bool(insert_ignoring_conflicts(self.conn, SRC, row, keys=["url"]))

    def all(self) -> list[Source]:
        return [_source(r) for r in self.conn.execute(select(SRC).order_by(SRC.c.name))]

    def get(self, url: str) -> Source:
        row = self.conn.execute(select(SRC).where(SRC.c.url == url)).first()
        if row is None:
            raise NotFound(f"no source {url}")
        return _source(row)

    def remove(self, url: str) -> None:
        """Forget a source and its fetch state (stories it brought stay); NotFound when unknown."""
        source = self.get(url)
        self.conn.execute(delete(ENTRIES).where(ENTRIES.c.source_id == source.id))
        self.conn.execute(delete(STATE).where(STATE.c.source_id == source.id))
        self.conn.execute(delete(SRC).where(SRC.c.id == source.id))

    def set_enabled(self, url: str, enabled: bool) -> Source:
        """Enable or disable a source; enabling also un-parks it and makes it due now."""
        source = self.get(url)
        values: dict[str, Any] = {"enabled": enabled}
        if enabled:
            values.update(error_count=0, next_check_at=None)
        self.conn.execute(update(SRC).where(SRC.c.id == source.id).values(**values))
        return self.get(url)

    def _health_query(self) -> Select[*tuple[Any, ...]]:
        return select(
            SRC, STATE.c.check_interval, STATE.c.feed_hash, STATE.c.last_checked_at, STATE.c.last_status
        ).select_from(SRC.outerjoin(STATE, STATE.c.source_id == SRC.c.id))

    def health(self, url: str | None = None) -> list[SourceHealth]:
        """Every source (or one) with its fetch health, by name."""
        query = self._health_query().order_by(SRC.c.name, SRC.c.url)
        if url is not None:
            query = query.where(SRC.c.url == url)
        return [_health(row) for row in self.conn.execute(query)]

    def claim_due(self, now: datetime, *, limit: int, lease: timedelta, park_after: int) -> list[SourceHealth]:
        """Take up to ``limit`` enabled, unparked sources whose check is due, pushing their next
        check ``lease`` ahead so no other worker takes them meanwhile (a crash retries after it)."""
        query = (
            self._health_query()
            .where(
                SRC.c.enabled.is_(True),
                SRC.c.error_count < park_after,
                or_(SRC.c.next_check_at.is_(None), SRC.c.next_check_at <= now),
            )
            .order_by(SRC.c.next_check_at.is_not(None), SRC.c.next_check_at, SRC.c.id)
            .limit(limit)
        )
        if self.conn.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=SRC)
        due = [_health(row) for row in self.conn.execute(query)]
        if due:
            ids = [h.source.id for h in due]
            self.conn.execute(update(SRC).where(SRC.c.id.in_(ids)).values(next_check_at=now + lease))
        return due

    def next_due_at(self, *, park_after: int) -> datetime | None:
        """When the earliest enabled, unparked source falls due (None: no such source)."""
        query = (
            select(SRC.c.next_check_at, SRC.c.id)
            .where(SRC.c.enabled.is_(True), SRC.c.error_count < park_after)
            .order_by(SRC.c.next_check_at.is_not(None), SRC.c.next_check_at)
            .limit(1)
        )
        row = self.conn.execute(query).first()
        if row is None:
            return None
        return utc(row.next_check_at) or datetime.min.replace(tzinfo=UTC)

    def release(self, source_ids: Iterable[int], now: datetime) -> None:
        """Hand claimed sources back, due at ``now`` (for work abandoned on shutdown)."""
        ids = list(source_ids)
        if ids:
            self.conn.execute(update(SRC).where(SRC.c.id.in_(ids)).values(next_check_at=now))

    def record(self, source_id: int, outcome: FetchOutcome) -> int:
        """Store a check's outcome on the source; returns its consecutive error count."""
        values: dict[str, Any] = {"next_check_at": outcome.next_check_at}
        state = {"source_id": source_id, "last_checked_at": outcome.checked_at, "last_status": outcome.status}
        if outcome.status in {"failed", "refused"}:
            values.update(last_error=outcome.error, error_count=SRC.c.error_count + 1)
        else:
            values.update(last_success_at=outcome.checked_at, error_count=0, last_error=None)
            if outcome.etag is not None or outcome.last_modified is not None or outcome.status == "ok":
                values.update(etag=outcome.etag, last_modified=outcome.last_modified)
            if outcome.feed_hash is not None:
                state["feed_hash"] = outcome.feed_hash
        if outcome.check_interval is not None:
            state["check_interval"] = outcome.check_interval
        self.conn.execute(update(SRC).where(SRC.c.id == source_id).values(**values))
        upsert(self.conn, STATE, state, keys=["source_id"])
        error_count: int = self.conn.execute(select(SRC.c.error_count).where(SRC.c.id == source_id)).scalar_one()
        return error_count

    def seen_entries(self, source_id: int, keys: Iterable[str]) -> set[str]:
        """Which of these entry keys this source has already delivered."""
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            rows = self.conn.execute(
                select(ENTRIES.c.entry_key).where(ENTRIES.c.source_id == source_id, ENTRIES.c.entry_key.in_(batch))
            )
            found.update(row.entry_key for row in rows)
        return found

    def mark_entry(self, source_id: int, key: str, now: datetime) -> None:
        """Remember that this source's entry has been taken."""
        insert_ignoring_conflicts(
            self.conn,
            ENTRIES,
            {"source_id": source_id, "entry_key": key, "seen_at": now},
            keys=["source_id", "entry_key"],
        )

    def entry_count(self, source_id: int) -> int:
        return self.conn.execute(
            select(func.count()).select_from(ENTRIES).where(ENTRIES.c.source_id == source_id)
        ).scalar_one()


def _health(row: _HealthRow) -> SourceHealth:
    return SourceHealth(
        source=_source(row),
        etag=row.etag,
        last_modified=row.last_modified,
        last_success_at=utc(row.last_success_at),
        last_checked_at=utc(row.last_checked_at),
        last_status=row.last_status,
        last_error=row.last_error,
        error_count=row.error_count,
        next_check_at=utc(row.next_check_at),
        check_interval=row.check_interval,
        feed_hash=row.feed_hash,
    )
