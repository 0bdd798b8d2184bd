"""Clusters: stories that tell the same event, and the story that leads each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from steppe.models import Cluster
from steppe.store import schema
from steppe.store.cluster_index import ClusterIndex
from steppe.store.codec import utc

C = schema.clusters
S = schema.stories


class Clusters:
    """The clusters table on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.index = ClusterIndex(conn)

    def create(self, headline: str, lead_story_id: int, seen: datetime) -> int:
        """A new cluster led by one story; returns its id."""
        result = self.conn.execute(
            C.insert().values(headline=headline, lead_story_id=lead_story_id, first_seen=seen, last_seen=seen)
        )
        key = result.inserted_primary_key
        assert key is not None  # a single-row INSERT always reports its key
        cluster_id: int = key[0]
        return cluster_id

    def touch(self, cluster_id: int, seen: datetime) -> None:
        """Widen a cluster's time span to include ``seen``."""
        row = self.conn.execute(select(C.c.first_seen, C.c.last_seen).where(C.c.id == cluster_id)).first()
        assert row is not None, f"no cluster {cluster_id}"
        first = min(utc(row.first_seen) or seen, seen)
        last = max(utc(row.last_seen) or seen, seen)
        self.conn.execute(C.update().where(C.c.id == cluster_id).values(first_seen=first, last_seen=last))

    def lead_language(self, cluster_id: int) -> str | None:
        """The language of the story that leads a cluster."""
        query = select(S.c.language).join(C, C.c.lead_story_id == S.c.id).where(C.c.id == cluster_id)
        return self.conn.execute(query).scalar()

    def set_lead(self, cluster_id: int, story_id: int, headline: str) -> None:
        """Make a story the cluster's lead; the cluster takes its headline."""
        self.conn.execute(C.update().where(C.c.id == cluster_id).values(lead_story_id=story_id, headline=headline))

    def rename_lead(self, story_id: int, headline: str) -> None:
        """A lead story's text was replaced by a better copy: its clusters take the new headline."""
        self.conn.execute(C.update().where(C.c.lead_story_id == story_id).values(headline=headline))

    def get(self, cluster_id: int) -> Cluster | None:
        """One cluster with its stories in time order; None when there is none."""
        row = self.conn.execute(select(C).where(C.c.id == cluster_id)).first()
        if row is None:
            return None
        ids = tuple(
            self.conn.execute(select(S.c.id).where(S.c.cluster_id == cluster_id).order_by(S.c.sort_at)).scalars()
        )
        return Cluster(
            id=row.id,
            headline=row.headline,
            story_ids=ids,
            first_seen=utc(row.first_seen),
            last_seen=utc(row.last_seen),
        )

    def sizes(self, cluster_ids: list[int]) -> dict[int, int]:
        """How many stories each of these clusters holds."""
        rows = self.conn.execute(
            select(S.c.cluster_id, func.count()).where(S.c.cluster_id.in_(cluster_ids)).group_by(S.c.cluster_id)
        )
        return {cid: n for cid, n in rows}
