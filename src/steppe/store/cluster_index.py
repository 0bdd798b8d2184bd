"""The cluster index: what the cluster stage needs to place a new story without reading every story.

Four tables (migration 4):

    cluster_stories  one row per indexed story: its cluster, day, weighted keys (JSON) and
                     MinHash signature (uint32 bytes), so candidates are compared without
                     re-enriching them
    cluster_keys     (key, day, story_id) postings: the inverted index candidates are found by
    story_bands      (band hash, day, story_id): LSH buckets for near-copies, by day
    cluster_related  stories that mention a cluster's event in passing

The index lives in the database, so it survives restarts and every worker sees the same one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, delete, func, select

from steppe.models import Story
from steppe.store import schema, search_index
from steppe.store.codec import story_row, utc
from steppe.store.dialect import insert_ignoring_conflicts

CS = schema.cluster_stories
CK = schema.cluster_keys
SB = schema.story_bands
CR = schema.cluster_related
S = schema.stories


@dataclass(frozen=True)
class IndexedStory:
    """One story as the cluster index keeps it."""

    story_id: int
    cluster_id: int
    day: int
    language: str | None
    site: str
    length: int
    published: datetime | None
    keys: dict[str, float]
    signature: bytes | None
    credit: str = ""


class _IndexRow(Protocol):
    """A ``cluster_stories`` row as SQLAlchemy returns it."""

    story_id: int
    cluster_id: int
    day: int
    language: str | None
    site: str
    length: int
    published: datetime | None
    keys: str  # JSON object: key -> weight
    signature: bytes | None
    credit: str | None


def _indexed(row: _IndexRow) -> IndexedStory:
    return IndexedStory(
        row.story_id,
        row.cluster_id,
        row.day,
        row.language,
        row.site,
        row.length,
        utc(row.published),
        json.loads(row.keys),
        row.signature,
        row.credit or "",
    )


def _band_rows(entry: IndexedStory, bands: Sequence[int]) -> list[dict[str, int]]:
    return [{"band": b, "day": entry.day, "story_id": entry.story_id} for b in set(bands)]


class ClusterIndex:
    """The cluster index on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def add(self, entry: IndexedStory, *, lookup_keys: Iterable[str], bands: Sequence[int]) -> None:
        """Index a placed story: its features, its look-up keys for its day, its LSH bands."""
        self.conn.execute(
            CS.insert().values(
                story_id=entry.story_id,
                cluster_id=entry.cluster_id,
                day=entry.day,
                language=entry.language,
                site=entry.site,
                length=entry.length,
                published=entry.published,
                keys=json.dumps(entry.keys, ensure_ascii=False, separators=(",", ":")),
                signature=entry.signature,
                credit=entry.credit,
            )
        )
        postings = [
            {"key": k, "day": entry.day, "story_id": entry.story_id}
            for k in dict.fromkeys(k[:160] for k in lookup_keys)
        ]
        if postings:
            self.conn.execute(CK.insert(), postings)
        if bands:
            self.conn.execute(SB.insert(), _band_rows(entry, bands))

    def frequencies(self, keys: Sequence[str], first_day: int, last_day: int) -> dict[str, int]:
        """How many indexed stories of the day range hold each key."""
        if not keys:
            return {}
        query = (
            select(CK.c.key, func.count())
            .where(CK.c.key.in_(list(keys)), CK.c.day.between(first_day, last_day))
            .group_by(CK.c.key)
        )
        return {key: n for key, n in self.conn.execute(query)}

    def count(self, first_day: int, last_day: int) -> int:
        """How many indexed stories fall in the day range."""
        query = select(func.count()).select_from(CS).where(CS.c.day.between(first_day, last_day))
        return self.conn.execute(query).scalar_one()

    def near(self, keys: Sequence[str], first_day: int, last_day: int, *, limit: int) -> list[IndexedStory]:
        """The stories of the day range sharing most of these keys (at most ``limit``)."""
        if not keys:
            return []
        shared = func.count().label("shared")
        best = (
            select(CK.c.story_id, shared)
            .where(CK.c.key.in_(list(keys)), CK.c.day.between(first_day, last_day))
            .group_by(CK.c.story_id)
            .order_by(shared.desc(), CK.c.story_id.desc())
            .limit(limit)
        ).subquery()
        rows = self.conn.execute(
            select(CS).join(best, best.c.story_id == CS.c.story_id).order_by(best.c.shared.desc(), CS.c.story_id.desc())
        )
        return [_indexed(r) for r in rows]

    def by_bands(self, bands: Sequence[int], first_day: int, last_day: int, *, limit: int) -> list[IndexedStory]:
        """Near-copy candidates: the stories of the day range sharing most LSH bands with a signature, by id."""
        if not bands:
            return []
        shared = func.count().label("shared")
        best = (
            select(SB.c.story_id, shared)
            .where(SB.c.band.in_(list(set(bands))), SB.c.day.between(first_day, last_day))
            .group_by(SB.c.story_id)
            .order_by(shared.desc(), SB.c.story_id.desc())
            .limit(limit)
        ).subquery()
        rows = self.conn.execute(select(CS).join(best, best.c.story_id == CS.c.story_id).order_by(CS.c.story_id))
        return [_indexed(r) for r in rows]

    def get(self, story_id: int) -> IndexedStory | None:
        row = self.conn.execute(select(CS).where(CS.c.story_id == story_id)).first()
        return _indexed(row) if row else None

    def relate(self, story_id: int, related: Iterable[tuple[int, float]]) -> None:
        """Record the clusters a story mentions in passing."""
        for cluster_id, score in related:
            insert_ignoring_conflicts(
                self.conn,
                CR,
                {"story_id": story_id, "cluster_id": cluster_id, "score": score},
                keys=["story_id", "cluster_id"],
            )

    def related(self, cluster_id: int) -> list[tuple[int, float]]:
        """(story id, score) of stories related to a cluster without belonging to it, best first."""
        rows = self.conn.execute(
            select(CR.c.story_id, CR.c.score)
            .where(CR.c.cluster_id == cluster_id)
            .order_by(CR.c.score.desc(), CR.c.story_id)
        )
        return [(r.story_id, r.score) for r in rows]

    def related_to_story(self, story_id: int) -> list[int]:
        """Ids of the clusters a story mentions in passing, best first."""
        rows = self.conn.execute(
            select(CR.c.cluster_id).where(CR.c.story_id == story_id).order_by(CR.c.score.desc(), CR.c.cluster_id)
        )
        return [r.cluster_id for r in rows]

    def forget_before(self, day: int) -> int:
        """Drop the index entries of stories published before ``day``; returns how many stories.

        Placement and the near-copy check look only a few days around a story, so the index
        is a working set: older entries only take room. Stories keep their clusters and
        related links; a story arriving later with such an old date starts its own cluster.
        """
        for table in (CK, SB):
            self.conn.execute(delete(table).where(table.c.day < day))
        return self.conn.execute(delete(CS).where(CS.c.day < day)).rowcount

    def replace_copy(
        self,
        entry: IndexedStory,
        story: Story,
        *,
        folded: str,
        bands: Sequence[int],
        old_bands: Sequence[int],
        now: datetime,
    ) -> str:
        """Show a stored story from a better copy: same id, the copy's text; returns the address replaced.

        The replaced address becomes a copy of the story; its look-up keys stay (near-copies
        share them), its signature and bands are the new text's (``old_bands``: the stored
        text's, whose postings go).
        """
        old = self.conn.execute(
            select(S.c.url, S.c.site, S.c.added_at, S.c.sort_at).where(S.c.id == entry.story_id)
        ).one()
        added_at: datetime = old.added_at
        row = story_row(story, utc(added_at))
        row.pop("cluster_id")
        self.conn.execute(S.update().where(S.c.id == entry.story_id).values(**row))
        self._reindex_story(entry.story_id, story, folded, old_sort_at=old.sort_at, sort_at=row["sort_at"])
        copies = schema.story_copies
        self.conn.execute(delete(copies).where(copies.c.story_id == entry.story_id, copies.c.url == story.url))
        insert_ignoring_conflicts(
            self.conn,
            copies,
            {"story_id": entry.story_id, "url": old.url, "site": old.site, "seen_at": now},
            keys=["story_id", "url"],
        )
        self.conn.execute(
            CS.update()
            .where(CS.c.story_id == entry.story_id)
            .values(
                site=entry.site,
                length=entry.length,
                published=entry.published,
                signature=entry.signature,
                credit=entry.credit,
            )
        )
        if old_bands:
            self.conn.execute(delete(SB).where(SB.c.band.in_(list(set(old_bands))), SB.c.story_id == entry.story_id))
        if bands:
            self.conn.execute(SB.insert(), _band_rows(entry, bands))
        replaced: str = old.url
        return replaced

    def _reindex_story(
        self, story_id: int, story: Story, folded: str, *, old_sort_at: datetime, sort_at: datetime
    ) -> None:
        """Countries, topics and the search index of a story whose text was replaced."""
        for table in (schema.story_countries, schema.story_topics):
            self.conn.execute(delete(table).where(table.c.story_id == story_id))
        for rank, country in enumerate(dict.fromkeys(story.countries)):
            self.conn.execute(schema.story_countries.insert().values(story_id=story_id, country=country, rank=rank))
        for topic in dict.fromkeys(story.topics):
            self.conn.execute(schema.story_topics.insert().values(story_id=story_id, topic=topic))
        search_index.reindex(self.conn, story_id, utc(old_sort_at), sort_at, story.headline, story.text, folded)
