"""Site templates: what extract learned about each site's recurring chrome, kept as JSON."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, select

from steppe.store import schema
from steppe.store.dialect import upsert

T = schema.site_templates


class Templates:
    """The site_templates table on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def get(self, site: str) -> str | None:
        """The stored template of a site as JSON text, if any."""
        return self.conn.execute(select(T.c.data).where(T.c.site == site)).scalar()

    def put(self, site: str, data: str, *, now: datetime) -> None:
        upsert(self.conn, T, {"site": site, "data": data, "updated_at": now}, keys=["site"])
