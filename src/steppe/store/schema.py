"""Table definitions shared by every engine (SQLite and PostgreSQL).

Values that must stay exact (rates) are stored as text; lists on stories are
stored as JSON text for display, with side tables for what is filtered on.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False, default="feed"),
    Column("language", String(8)),
    Column("country", String(2)),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("error_count", Integer, nullable=False, default=0),
    Column("next_check_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("body_hash", String(64), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("site", Text, nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("origin", String(20), nullable=False),
    Column("source_url", Text),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("status", String(20), nullable=False),  # ok | rejected
    Column("reason", Text),
    Column("story_count", Integer, nullable=False, default=0),
    Column("kind", String(20)),  # article | digest | list | other (migration 11; NULL on pages stored before)
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("headline", Text, nullable=False),
    Column("lead_story_id", Integer),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("canonical_url", Text),
    Column("site", Text, nullable=False),
    Column("headline", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published", DateTime(timezone=True)),
    Column("language", String(8)),
    Column("primary_country", String(2)),
    Column("countries", Text, nullable=False, default="[]"),
    Column("entities", Text, nullable=False, default="[]"),
    Column("figures", Text, nullable=False, default="[]"),
    Column("topics", Text, nullable=False, default="[]"),
    Column("position", Integer, nullable=False, default=0),
    Column("page_hash", String(64)),
    Column("cluster_id", Integer, ForeignKey("clusters.id")),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("sort_at", DateTime(timezone=True), nullable=False),  # published, else added_at
    Index("ix_stories_sort", "sort_at", "id"),
    Index("ix_stories_primary", "primary_country", "sort_at"),
    Index("ix_stories_cluster", "cluster_id"),
)

story_countries = Table(
    "story_countries",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("country", String(2), nullable=False),
    Column("rank", Integer, nullable=False),
    UniqueConstraint("story_id", "country"),
    Index("ix_story_countries_country", "country", "story_id"),
)

story_topics = Table(
    "story_topics",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("topic", String(40), nullable=False),
    UniqueConstraint("story_id", "topic"),
    Index("ix_story_topics_topic", "topic", "story_id"),
)

story_copies = Table(
    "story_copies",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("site", Text, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("story_id", "url"),
)

# Where quotes were read from, and when: one row per answer stored (a bank's file for a day, a
# history page, a saved payload, a page's ticker). Each quote names its fetch by id instead of
# repeating a URL and a timestamp: a third of the bytes of a stored quote, and of its writing.
quote_fetches = Table(
    "quote_fetches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("provenance", Text),  # URL or file the quotes were read from
    Column("fetched_at", DateTime(timezone=True), nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("bank", String(64), nullable=False),  # a bank code, or the site of a page ticker
    Column("base", String(8), nullable=False),
    Column("quote", String(8), nullable=False),
    Column("effective_date", String(10), nullable=False),  # ISO date it applies on
    Column("kind", String(20), nullable=False),
    Column("date", String(10), nullable=False),  # ISO date the publisher put on it
    Column("amount", String(40), nullable=False),  # Decimal as text: exact
    Column("nominal", Integer, nullable=False),
    Column("change", String(40)),
    # quote_fetches.id, written in the same transaction as the quote. Not a declared foreign key:
    # SQLite would check it on every insert, and dropping a fetch that added nothing would scan
    # every quote for a reference.
    Column("fetch_id", Integer, nullable=False),
    # The pair-and-day key is the table itself on SQLite (no rowid, no second b-tree) and the
    # look-up path of a bank's pair over time (series, previous, on_or_before).
    PrimaryKeyConstraint("bank", "base", "quote", "effective_date", "kind", name="pk_quotes_pair_day"),
    # The few quotes that are not official (CBT's peg standing in, page tickers), by pair and kind:
    # "the last peg on or before a day" finds none at once instead of walking a pair's history.
    Index(
        "ix_quotes_unofficial",
        "bank",
        "base",
        "quote",
        "kind",
        "effective_date",
        sqlite_where=text("kind != 'official'"),
        postgresql_where=text("kind != 'official'"),
    ),
    sqlite_with_rowid=False,
)

site_templates = Table(
    "site_templates",
    metadata,
    Column("site", Text, primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# --- migration 3: fetch state per source and the feed entries already taken ---

source_state = Table(
    "source_state",
    metadata,
    Column("source_id", Integer, primary_key=True, autoincrement=False),
    Column("check_interval", Integer),  # seconds, adapted to the publishing rate
    Column("feed_hash", String(64)),  # SHA-256 of the last feed body parsed
    Column("last_checked_at", DateTime(timezone=True)),
    Column("last_status", String(20)),  # ok | not_modified | unchanged | failed | refused
)
source_entries = Table(
    "source_entries",
    metadata,
    Column("source_id", Integer, nullable=False),
    Column("entry_key", String(64), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("source_id", "entry_key"),
)

# --- migration 4: the cluster index (story features, look-up keys, near-copy bands, related links) ---

cluster_stories = Table(
    "cluster_stories",
    metadata,
    Column("story_id", Integer, primary_key=True, autoincrement=False),
    Column("cluster_id", Integer, nullable=False),
    Column("day", Integer, nullable=False),  # date ordinal of publication (or arrival)
    Column("language", String(8)),
    Column("site", Text, nullable=False),
    Column("length", Integer, nullable=False),
    Column("published", DateTime(timezone=True)),
    Column("keys", Text, nullable=False),  # JSON {key: weight given when placed}
    Column("signature", LargeBinary),  # MinHash values as little-endian uint32
    Column("credit", Text, nullable=False, default=""),  # folded end of the text (credit lines)
    Index("ix_cluster_stories_day", "day"),
)
# Postings are their own primary key, in tables without a rowid on SQLite (migration 8): one
# b-tree each instead of a table and an index holding the same three columns.
cluster_keys = Table(
    "cluster_keys",
    metadata,
    Column("key", String(160), nullable=False),
    Column("day", Integer, nullable=False),
    Column("story_id", Integer, nullable=False),
    PrimaryKeyConstraint("key", "day", "story_id"),
    sqlite_with_rowid=False,
)
story_bands = Table(
    "story_bands",
    metadata,
    Column("band", BigInteger, nullable=False),  # LSH band hash, signed 64-bit
    Column("day", Integer, nullable=False),  # the story's day, as in cluster_stories (migration 7)
    Column("story_id", Integer, nullable=False),
    PrimaryKeyConstraint("band", "day", "story_id"),
    sqlite_with_rowid=False,
)
cluster_related = Table(
    "cluster_related",
    metadata,
    Column("story_id", Integer, nullable=False),
    Column("cluster_id", Integer, nullable=False),
    Column("score", Float, nullable=False),
    UniqueConstraint("story_id", "cluster_id"),
    Index("ix_cluster_related_cluster", "cluster_id"),
)
