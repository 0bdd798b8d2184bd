"""Sources: the feeds, pages and banks Steppe reads, with their health."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from ..errors import NotFound
from ..models import Source
from . import schema
from .dialect import insert_ignoring_conflicts

SRC = schema.sources


def _source(row) -> Source:
    return Source(id=row.id, url=row.url, name=row.name, kind=row.kind, language=row.language,
                  country=row.country, enabled=row.enabled)


class Sources:
    """The sources table on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def add(self, source: Source, *, now: datetime) -> bool:
        """Add a source once; False when its URL is already known."""
        row = {"url": source.url, "name": source.name, "kind": source.kind, "language": source.language,
               "country": source.country, "enabled": source.enabled, "error_count": 0, "created_at": now}
        return bool(insert_ignoring_conflicts(self.conn, SRC, row, keys=["url"]))

    def all(self) -> list[Source]:
        return [_source(r) for r in self.conn.execute(select(SRC).order_by(SRC.c.name))]

    def get(self, url: str) -> Source:
        row = self.conn.execute(select(SRC).where(SRC.c.url == url)).first()
        if row is None:
            raise NotFound(f"no source {url}")
        return _source(row)
