"""Stories: adding them once, their copies, and reading them back with filters."""

from __future__ import annotations

import base64
import builtins
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Connection, TextClause, and_, func, or_, select, text
from sqlalchemy.exc import OperationalError

from steppe.errors import BadQuery, NotFound
from steppe.models import Story
from steppe.store import schema, search_index
from steppe.store.codec import story_from_row, story_row, utc
from steppe.store.dialect import day_expression, insert_ignoring_conflicts, insert_returning_id

S = schema.stories
# A WHERE condition: a column expression, or a text() one (FTS5's MATCH, PostgreSQL's tsquery).
Condition = ColumnElement[bool] | TextClause


@dataclass(frozen=True)
class StoryFilter:
    """What a list of stories is narrowed to; every field is optional."""

    country: str | None = None  # any story mentioning the country
    primary_country: str | None = None  # stories mainly about it
    topic: str | None = None
    language: str | None = None
    site: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    cluster_id: int | None = None
    terms: tuple[tuple[str, str], ...] = ()  # search terms as (raw, folded)


@dataclass(frozen=True)
class StoryPage:
    """One page of a story list and the cursor for the next, if any."""

    stories: tuple[Story, ...]
    next_cursor: str | None


def encode_cursor(sort_at: datetime, story_id: int) -> str:
    raw = f"{utc(sort_at).isoformat()}|{story_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The (sort_at, id) position a cursor points after; BadQuery when it is not ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        moment, story_id = base64.urlsafe_b64decode(padded).decode().split("|")
        return utc(datetime.fromisoformat(moment)), _bounded(int(story_id))
    except (ValueError, UnicodeDecodeError, OverflowError):  # OverflowError: a moment past year 9999 in UTC
        raise BadQuery(f"cursor {cursor!r} is not valid: use the next_cursor of a previous page") from None


def _bounded(number: int) -> int:
    """A cursor's integer when a database column can hold it (0 <= n < 2**63); ValueError otherwise."""
    if not 0 <= number < 2**63:
        raise ValueError(number)
    return number


def encode_search_cursor(key: int) -> str:
    return base64.urlsafe_b64encode(f"k|{key}".encode()).decode().rstrip("=")


def decode_search_cursor(cursor: str) -> int:
    """The search key a search cursor points after; BadQuery when it is not a search cursor of ours."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        tag, key = base64.urlsafe_b64decode(padded).decode().split("|")
        if tag != "k":
            raise ValueError(tag)
        return _bounded(int(key))
    except (ValueError, UnicodeDecodeError):
        raise BadQuery(f"cursor {cursor!r} is not valid: use the next_cursor of a previous page") from None


class Stories:
    """The stories table and its side tables, on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def id_for_hash(self, content_hash: str) -> int | None:
        """The id of the stored story with this content hash, if any."""
        return self.conn.execute(select(S.c.id).where(S.c.content_hash == content_hash)).scalar()

    def id_for_same(self, story: Story) -> int | None:
        """The stored story this one repeats: same normalised text, or same address and headline.

        The second test catches a page re-rendered with different chrome, or extracted again
        after its site's template was learned.
        """
        found = self.id_for_hash(story.content_hash)
        if found is not None:
            return found
        address = story.canonical_url or story.url
        query = select(S.c.id).where(
            or_(S.c.canonical_url == address, and_(S.c.canonical_url.is_(None), S.c.url == address)),
            S.c.headline == story.headline,
        )
        return self.conn.execute(query.limit(1)).scalar()

    def add(self, story: Story, *, folded: str, now: datetime) -> int | None:
        """Store a new story; returns its id, or None when the same content is already stored."""
        row = story_row(story, now)
        story_id = insert_returning_id(self.conn, S, row, keys=["content_hash"])
        if story_id is None:
            return None
        for rank, country in enumerate(dict.fromkeys(story.countries)):
            self.conn.execute(schema.story_countries.insert().values(story_id=story_id, country=country, rank=rank))
        for topic in dict.fromkeys(story.topics):
            self.conn.execute(schema.story_topics.insert().values(story_id=story_id, topic=topic))
        search_index.index(self.conn, story_id, row["sort_at"], story.headline, story.text, folded)
        return story_id

    def add_copy(self, story_id: int, url: str, site: str, now: datetime) -> bool:
        """Record that ``url`` carries the same story; False when already known."""
        row = {"story_id": story_id, "url": url, "site": site, "seen_at": now}
        return bool(insert_ignoring_conflicts(self.conn, schema.story_copies, row, keys=["story_id", "url"]))

    def copies(self, story_id: int) -> list[tuple[str, str]]:
        """(site, url) of the other places that carried exactly this story."""
        c = schema.story_copies.c
        rows = self.conn.execute(select(c.site, c.url).where(c.story_id == story_id).order_by(c.seen_at))
        return [(r.site, r.url) for r in rows]

    def set_cluster(self, story_id: int, cluster_id: int) -> None:
        self.conn.execute(S.update().where(S.c.id == story_id).values(cluster_id=cluster_id))

    def get(self, story_id: int) -> Story:
        """One story by id; NotFound when there is none."""
        row = self.conn.execute(select(S).where(S.c.id == story_id)).first()
        if row is None:
            raise NotFound(f"no story {story_id}")
        return story_from_row(row)

    def recent_cluster_ids(self, window: int) -> list[int | None]:
        """The cluster id (or None) of each of the latest ``window`` stories, newest first."""
        query = select(S.c.cluster_id).order_by(S.c.sort_at.desc(), S.c.id.desc()).limit(window)
        return list(self.conn.execute(query).scalars())

    def stamp(self) -> int:
        """A number that grows whenever a story is added (the largest id; 0 when empty)."""
        return self.conn.execute(select(func.max(S.c.id))).scalar() or 0

    def count(self) -> int:
        return self.conn.execute(select(func.count()).select_from(S)).scalar_one()

    def list(self, where: StoryFilter, *, limit: int = 50, cursor: str | None = None) -> StoryPage:
        """Stories matching a filter, newest first, with cursor pagination."""
        if where.terms and self.conn.dialect.name == "sqlite":
            return self._search(where, limit=limit, cursor=cursor)
        conditions = self._conditions(where)
        if cursor:
            sort_at, story_id = decode_cursor(cursor)
            conditions.append(or_(S.c.sort_at < sort_at, and_(S.c.sort_at == sort_at, S.c.id < story_id)))
        query = select(S).where(*conditions).order_by(S.c.sort_at.desc(), S.c.id.desc()).limit(limit + 1)
        rows = self.conn.execute(query).all()
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].sort_at, rows[-1].id) if more else None
        return StoryPage(tuple(story_from_row(r) for r in rows), next_cursor)

    def _search(self, where: StoryFilter, *, limit: int, cursor: str | None) -> StoryPage:
        """SQLite search: walk the FTS5 index newest first (see search_index) and stop at a page."""
        key = search_index.SEARCH.c.rowid
        match = search_index.fts_match(self.conn, list(where.terms))
        if match is None:
            return StoryPage((), None)
        conditions: builtins.list[Condition] = [
            text("story_search MATCH :match").bindparams(match=match),
            key.not_in(select(search_index.RETIRED.c.key)),
        ]
        conditions += self._conditions(replace(where, terms=()))  # exact dates; key ranges below narrow
        if where.since:
            conditions.append(key >= search_index.key_floor(where.since))
        if where.until:  # a re-indexed story's key may sit a few hours past its time
            conditions.append(key < search_index.key_floor(where.until + timedelta(days=1)))
        if cursor:
            conditions.append(key < decode_search_cursor(cursor))
        query = (
            select(S, key.label("search_key"))
            .select_from(search_index.SEARCH.join(S, S.c.id == key.op("&")(search_index.ID_MASK)))
            .where(*conditions)
            .order_by(key.desc())
            .limit(limit + 1)
        )
        try:
            rows = self.conn.execute(query).all()
        except OperationalError as error:
            if "fts5" not in str(error.orig):
                raise
            raise BadQuery(
                f"the search index could not read this query ({error.orig}); search for plain words, e.g. q=Tokayev gas"
            ) from None
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_search_cursor(rows[-1].search_key) if more else None
        return StoryPage(tuple(story_from_row(r) for r in rows), next_cursor)

    def _conditions(self, where: StoryFilter) -> builtins.list[Condition]:
        conditions: builtins.list[Condition] = []
        if where.country:
            sc = schema.story_countries.c
            conditions.append(S.c.id.in_(select(sc.story_id).where(sc.country == where.country.upper())))
        if where.primary_country:
            conditions.append(S.c.primary_country == where.primary_country.upper())
        if where.topic:
            st = schema.story_topics.c
            conditions.append(S.c.id.in_(select(st.story_id).where(st.topic == where.topic)))
        if where.language:
            conditions.append(S.c.language == where.language)
        if where.site:
            conditions.append(S.c.site == where.site)
        if where.since:
            conditions.append(S.c.sort_at >= utc(where.since))
        if where.until:
            conditions.append(S.c.sort_at < utc(where.until))
        if where.cluster_id is not None:
            conditions.append(S.c.cluster_id == where.cluster_id)
        if where.terms:
            conditions.append(search_index.pg_condition(list(where.terms)))
        return conditions

    def country_counts(self, *, primary: bool = False) -> dict[str, int]:
        """How many stories each country is tagged on (or, with primary, mainly about)."""
        if primary:
            column = S.c.primary_country
            rows = self.conn.execute(select(column, func.count()).where(column.is_not(None)).group_by(column))
        else:
            sc = schema.story_countries.c
            rows = self.conn.execute(select(sc.country, func.count()).group_by(sc.country))
        return {country: n for country, n in rows}

    def by_ids(self, ids: Sequence[int]) -> builtins.list[Story]:
        rows = self.conn.execute(select(S).where(S.c.id.in_(list(ids))))
        found = {r.id: story_from_row(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def days(self, *, limit: int = 366, before: str | None = None) -> builtins.list[tuple[str, int]]:
        """(YYYY-MM-DD, story count) of the latest days that have stories, newest first."""
        day = day_expression(self.conn, S.c.sort_at).label("day")
        query = select(day, func.count()).group_by(day).order_by(day.desc()).limit(limit)
        if before:
            query = query.having(day < before)
        return [(str(d), n) for d, n in self.conn.execute(query)]

    def topic_counts(self) -> dict[str, int]:
        """How many stories each topic is tagged on."""
        st = schema.story_topics.c
        return {topic: n for topic, n in self.conn.execute(select(st.topic, func.count()).group_by(st.topic))}
