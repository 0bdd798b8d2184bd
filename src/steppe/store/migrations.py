"""Numbered, append-only schema migrations, recorded in ``schema_migrations``.

Each migration is a plain function of a connection. ``schema.py`` describes the
tables as they are now; each migration creates the tables it introduced by name,
and a later change to an existing table is a new numbered function (ALTER ...),
never an edit of an old one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, inspect, select, text

from steppe.store import schema, search_index
from steppe.store.codec import utc
from steppe.store.migrations_frozen import fold_0006


def _create(conn: Connection, *names: str) -> None:
    """Create the named tables of schema.py (each migration names its own, so old ones never grow)."""
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[n] for n in names], checkfirst=True)


def _m001_initial(conn: Connection) -> None:
    """Sources, pages, stories with their country/topic/copy tables, clusters, quotes, templates."""
    _create(
        conn,
        "sources",
        "pages",
        "clusters",
        "stories",
        "story_countries",
        "story_topics",
        "story_copies",
        "quotes",
        "site_templates",
    )


def _m002_search_index(conn: Connection) -> None:
    """Full-text index on stories: FTS5 on SQLite, a tsvector with GIN on PostgreSQL."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS stories_fts USING fts5("
                "headline, text, folded, tokenize = 'unicode61 remove_diacritics 2')"
            )
        )
    else:
        conn.execute(text("ALTER TABLE stories ADD COLUMN IF NOT EXISTS search tsvector"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_stories_search ON stories USING GIN (search)"))


def _m003_source_fetch_state(conn: Connection) -> None:
    """Fetch state per source (adaptive interval, last feed hash) and the feed entries already taken."""
    _create(conn, "source_state", "source_entries")


def _m004_cluster_index(conn: Connection) -> None:
    """The cluster index: story features, look-up keys by day, near-copy band hashes, related links."""
    _create(conn, "cluster_stories", "cluster_keys", "story_bands", "cluster_related")


def _m005_story_address_indexes(conn: Connection) -> None:
    """Indexes on story addresses: duplicate detection looks stories up by URL and canonical URL."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_stories_url ON stories (url)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_stories_canonical_url ON stories (canonical_url)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_quotes_effective_date ON quotes (effective_date)"))


def _m006_newest_first_search(conn: Connection) -> None:
    """SQLite: a contentless, time-keyed FTS5 index replaces stories_fts (see search_index).

    Every stored story is indexed again (its folded keys recomputed); the old table, which
    kept a second and third copy of every text, is dropped.
    """
    if conn.dialect.name != "sqlite":
        return
    search_index.create_sqlite_tables(conn)
    stories = schema.stories.c
    rows = conn.execute(select(stories.id, stories.sort_at, stories.headline, stories.text).order_by(stories.id))
    for row in rows.yield_per(2000):
        search_index.index(
            conn, row.id, utc(row.sort_at), row.headline, row.text, fold_0006(row.headline + "\n" + row.text)
        )
    conn.execute(text("DROP TABLE IF EXISTS stories_fts"))


def _m007_band_days(conn: Connection) -> None:
    """Near-copy band postings carry the story's day, so a look-up reads only the copy window."""
    if "day" not in {column["name"] for column in inspect(conn).get_columns("story_bands")}:
        conn.execute(text("ALTER TABLE story_bands ADD COLUMN day INTEGER"))
    conn.execute(
        text(
            "UPDATE story_bands SET day = (SELECT c.day FROM cluster_stories c "
            "WHERE c.story_id = story_bands.story_id) WHERE day IS NULL"
        )
    )
    conn.execute(text("DROP INDEX IF EXISTS ix_story_bands_band"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_story_bands_band_day ON story_bands (band, day, story_id)"))
    # (dropped again by migration 8 on SQLite, where the table becomes its own index)


def _m008_lean_cluster_postings(conn: Connection) -> None:
    """Cluster-key and band postings become their own primary key (SQLite: tables without rowid).

    On SQLite each table is rebuilt into the shape of schema.py and its separate index dropped:
    half the bytes. PostgreSQL tables keep their heap and index, which answer the same queries.
    """
    if conn.dialect.name != "sqlite":
        conn.execute(text("DELETE FROM story_bands WHERE day IS NULL"))
        if inspect(conn).get_pk_constraint("story_bands")["constrained_columns"]:
            conn.execute(text("DROP INDEX IF EXISTS ix_story_bands_band_day"))  # the key does its work
        return
    for table, columns in (("cluster_keys", "key, day, story_id"), ("story_bands", "band, day, story_id")):
        if (
            "WITHOUT ROWID"
            in (conn.execute(text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": table}).scalar_one()).upper()
        ):
            continue  # created in this shape by migration 4 on a new database
        conn.execute(text(f"ALTER TABLE {table} RENAME TO {table}_old"))
        conn.execute(text(f"DROP INDEX IF EXISTS ix_{table}_key_day"))
        conn.execute(text(f"DROP INDEX IF EXISTS ix_{table}_band_day"))
        _create(conn, table)
        conn.execute(
            text(f"INSERT OR IGNORE INTO {table} ({columns}) SELECT {columns} FROM {table}_old WHERE day IS NOT NULL")
        )
        conn.execute(text(f"DROP TABLE {table}_old"))
    conn.execute(text("DROP INDEX IF EXISTS ix_story_bands_band_day"))


def _m009_quotes_without_lookup_index(conn: Connection) -> None:
    """Quotes drop ix_quotes_lookup (quote, base, effective_date): the pair-and-day key does its work.

    Keeping it up cost a bulk backfill a quarter of its writing (~1 s of 10 for 10 years of
    five banks); a bank's pair over time is read through the pair-and-day key.
    """
    conn.execute(text("DROP INDEX IF EXISTS ix_quotes_lookup"))


def _m010_quote_fetches(conn: Connection) -> None:
    """Quotes name their fetch (provenance and time, once per answer in ``quote_fetches``) by id.

    The quotes table is rebuilt in the shape of schema.py: its pair-and-day key as primary
    key (on SQLite the table itself, without rowid), no ``id``, ``fetch_id`` for the
    provenance and fetch time it repeated on every row, and a partial index of the quotes
    that are not official. Ten years of five banks: 112 -> 39 MB.
    """
    _create(conn, "quote_fetches")
    if "fetch_id" in {column["name"] for column in inspect(conn).get_columns("quotes")}:
        return  # created in this shape (and with ix_quotes_unofficial) by migration 1 on a new database
    conn.execute(text("ALTER TABLE quotes RENAME TO quotes_old"))
    if conn.dialect.name != "sqlite":  # constraint names are the schema's on PostgreSQL: free them
        conn.execute(text("ALTER TABLE quotes_old DROP CONSTRAINT IF EXISTS uq_quotes_pair_day"))
    _create(conn, "quotes")
    conn.execute(
        text(
            "INSERT INTO quote_fetches (provenance, fetched_at) SELECT DISTINCT provenance, fetched_at FROM quotes_old"
        )
    )
    conn.execute(text("CREATE INDEX ix_quote_fetches_migrating ON quote_fetches (fetched_at, provenance)"))
    same = "IS" if conn.dialect.name == "sqlite" else "IS NOT DISTINCT FROM"  # a NULL provenance too
    conn.execute(
        text(
            "INSERT INTO quotes (bank, base, quote, effective_date, kind, date, amount, nominal, change, fetch_id) "
            "SELECT q.bank, q.base, q.quote, q.effective_date, q.kind, q.date, q.amount, q.nominal, q.change, f.id "
            f"FROM quotes_old q JOIN quote_fetches f ON f.fetched_at = q.fetched_at AND f.provenance {same} q.provenance "
            "ORDER BY q.bank, q.base, q.quote, q.effective_date, q.kind"
        )
    )
    conn.execute(text("DROP INDEX ix_quote_fetches_migrating"))
    conn.execute(text("DROP TABLE quotes_old"))


def _m011_page_kinds(conn: Connection) -> None:
    """Pages record their kind (article, digest, list, other) as extract decided it."""
    if "kind" not in {column["name"] for column in inspect(conn).get_columns("pages")}:
        conn.execute(text("ALTER TABLE pages ADD COLUMN kind VARCHAR(20)"))


MIGRATIONS: tuple[tuple[int, str, Callable[[Connection], None]], ...] = (
    (1, "initial", _m001_initial),
    (2, "search_index", _m002_search_index),
    (3, "source_fetch_state", _m003_source_fetch_state),
    (4, "cluster_index", _m004_cluster_index),
    (5, "story_address_indexes", _m005_story_address_indexes),
    (6, "newest_first_search", _m006_newest_first_search),
    (7, "band_days", _m007_band_days),
    (8, "lean_cluster_postings", _m008_lean_cluster_postings),
    (9, "quotes_without_lookup_index", _m009_quotes_without_lookup_index),
    (10, "quote_fetches", _m010_quote_fetches),
    (11, "page_kinds", _m011_page_kinds),
)


@dataclass(frozen=True)
class MigrationStatus:
    """One migration and when it was applied (None when pending)."""

    id: int
    name: str
    applied_at: datetime | None


def _applied(conn: Connection) -> dict[int, datetime]:
    if not inspect(conn).has_table("schema_migrations"):
        return {}
    rows = conn.execute(select(schema.schema_migrations.c.id, schema.schema_migrations.c.applied_at))
    return {row.id: row.applied_at for row in rows}


def status(conn: Connection) -> list[MigrationStatus]:
    """Every known migration with its applied time, pending ones last."""
    applied = _applied(conn)
    return [MigrationStatus(num, name, applied.get(num)) for num, name, _ in MIGRATIONS]


def upgrade(conn: Connection) -> list[str]:
    """Apply pending migrations in order; returns the names applied."""
    schema.schema_migrations.create(conn, checkfirst=True)
    applied = _applied(conn)
    done = []
    for num, name, migrate in MIGRATIONS:
        if num in applied:
            continue
        migrate(conn)
        conn.execute(insert(schema.schema_migrations).values(id=num, name=name, applied_at=datetime.now(UTC)))
        done.append(f"{num:03d}_{name}")
    return done
