"""Pages: every input seen once, whether it gave stories or was rejected (and why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from steppe.models import Page
from steppe.store import schema
from steppe.store.codec import utc
from steppe.store.dialect import insert_ignoring_conflicts

P = schema.pages


@dataclass(frozen=True)
class PageRecord:
    """What the store remembers of a page it has seen."""

    body_hash: str
    url: str
    status: str  # ok | rejected
    reason: str | None
    story_count: int
    kind: str | None = None  # article | digest | list | other; None for pages stored before kinds


class Pages:
    """The pages table on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def seen(self, body_hash: str) -> PageRecord | None:
        """The record of a page with these exact bytes, if it was seen before."""
        row = self.conn.execute(select(P).where(P.c.body_hash == body_hash)).first()
        if row is None:
            return None
        return PageRecord(row.body_hash, row.url, row.status, row.reason, row.story_count, row.kind)

    def add(
        self, page: Page, *, status: str, reason: str | None = None, story_count: int = 0, kind: str | None = None
    ) -> bool:
        """Record a page once; False when these bytes were already recorded."""
        row = {
            "body_hash": page.body_hash,
            "url": page.url,
            "site": page.site,
            "content_type": page.content_type,
            "origin": page.origin,
            "source_url": page.source_url,
            "fetched_at": utc(page.fetched_at),
            "status": status,
            "reason": reason,
            "story_count": story_count,
            "kind": kind,
        }
        return bool(insert_ignoring_conflicts(self.conn, P, row, keys=["body_hash"]))

    def count(self, status: str | None = None) -> int:
        query = select(func.count()).select_from(P)
        if status:
            query = query.where(P.c.status == status)
        return self.conn.execute(query).scalar_one()

    def last_fetched(self) -> datetime | None:
        return utc(self.conn.execute(select(func.max(P.c.fetched_at))).scalar())
