"""The full-text index of stories: written with each story, read newest first.

SQLite: a contentless FTS5 table ``story_search`` (one column; no positions, no stored
copy of the text) whose rowid is a *search key* — the hour of the story's ``sort_at`` in the
high bits and its id in the low 32 — so FTS5 hands back matches already in newest-first
order and a page of results reads only the rows it shows, however many stories match.
Within one hour, later-stored stories come first. An hour rather than a minute or a
second: FTS5 stores rowid deltas as varints, and coarser buckets keep neighbouring
postings close (on a 100,000-story corpus the index is 87 MB keyed by hour, 112 MB by
minute, 20 MB by plain id — which could not be read newest first).
The index holds the story's distinct *folded keys* (text.fold: every word of any script
as a plain Latin key, Токаев and Tokayev both ``tokaev``), and a query is folded the same
way, so a Latin query finds Cyrillic text of the same name and back. The keys ever indexed
are also listed in ``story_search_words``: a term is a prefix, and it is matched as the OR
of the indexed keys it begins (at most MAX_EXPANSIONS), which keeps the newest-first walk
lazy — FTS5's own prefix query merges every posting of every such key first.

A contentless table cannot delete a row, so when a story's text is replaced its old key
is *retired* (``story_search_retired``) and skipped by every search, and the story is
indexed again under a fresh key. Keys are assigned by walking from the story's hour
past retired keys, so the live key of a story is found again the same way.

PostgreSQL: a weighted ``tsvector`` column on ``stories`` with a GIN index, searched as a
WHERE condition of the ordinary story list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, Integer, TextClause, column, select, table, text

from steppe.store.codec import utc

BUCKET_SECONDS = 3600
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

SEARCH = table("story_search", column("rowid", Integer))
RETIRED = table("story_search_retired", column("key", Integer))

SQLITE_TABLES = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS story_search USING fts5("
    "body, content='', detail=none, columnsize=0, tokenize='ascii')",
    "CREATE TABLE IF NOT EXISTS story_search_retired (key INTEGER PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS story_search_words (word TEXT PRIMARY KEY) WITHOUT ROWID",
)
MAX_EXPANSIONS = 64  # a term matches at most this many distinct words beginning with it


def key_floor(moment: datetime) -> int:
    """The smallest search key of a story in the hour of ``moment``."""
    bucket = int((utc(moment) - _EPOCH).total_seconds() // BUCKET_SECONDS)
    return bucket << ID_BITS


def _retired(conn: Connection, key: int) -> bool:
    return conn.execute(select(RETIRED.c.key).where(RETIRED.c.key == key)).first() is not None


def live_key(conn: Connection, story_id: int, sort_at: datetime) -> int:
    """The search key a story with this id and time has (or gets): the first one not retired."""
    if not 0 < story_id <= ID_MASK:
        raise ValueError(f"story id {story_id} does not fit a search key")
    key = key_floor(sort_at) | story_id
    while _retired(conn, key):
        key += 1 << ID_BITS  # the next hour: a retired key is never used again
    return key


def index(conn: Connection, story_id: int, sort_at: datetime, headline: str, story_text: str, folded: str) -> None:
    """Add one story to this engine's full-text index (``folded``: text.fold of headline and text)."""
    if conn.dialect.name == "sqlite":
        words = list(dict.fromkeys(folded.split()))
        conn.execute(
            text("INSERT INTO story_search(rowid, body) VALUES (:key, :body)"),
            {"key": live_key(conn, story_id, sort_at), "body": " ".join(words)},
        )
        if words:
            conn.execute(
                text("INSERT OR IGNORE INTO story_search_words(word) VALUES (:word)"), [{"word": w} for w in words]
            )
        return
    conn.execute(
        text(
            "UPDATE stories SET search = setweight(to_tsvector('simple', :h), 'A') || "
            "to_tsvector('simple', :t) || to_tsvector('simple', :f) WHERE id = :id"
        ),
        {"id": story_id, "h": headline, "t": story_text, "f": folded},
    )


def reindex(
    conn: Connection,
    story_id: int,
    old_sort_at: datetime,
    sort_at: datetime,
    headline: str,
    story_text: str,
    folded: str,
) -> None:
    """Index a story whose text (and maybe time) changed; its old entry stops matching."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT OR IGNORE INTO story_search_retired(key) VALUES (:key)"),
            {"key": live_key(conn, story_id, old_sort_at)},
        )
    index(conn, story_id, sort_at, headline, story_text, folded)


def _expansions(conn: Connection, key: str) -> list[str]:
    """The indexed keys beginning with ``key``; just the key itself when there are too many."""
    found: Sequence[str] = (
        conn.execute(
            text("SELECT word FROM story_search_words WHERE word >= :low AND word < :high LIMIT :cap"),
            {"low": key, "high": key + "\x7f", "cap": MAX_EXPANSIONS + 1},
        )
        .scalars()
        .all()
    )
    return [key] if len(found) > MAX_EXPANSIONS else list(found)


def fts_match(conn: Connection, terms: list[tuple[str, str]]) -> str | None:
    """An FTS5 MATCH expression: each term's folded key as a prefix of indexed keys, all terms.

    None when some term matches no indexed key at all (or folds to nothing).
    """
    keys = [key for _raw, folded in terms for key in folded.split()]
    if len(keys) < len(terms):
        return None
    clauses = []
    for key in keys:
        words = _expansions(conn, key)
        if not words:
            return None
        clauses.append("(" + " OR ".join(f'"{w}"' for w in words) + ")")
    return " AND ".join(clauses)


def pg_condition(terms: list[tuple[str, str]]) -> TextClause:
    """A PostgreSQL WHERE clause selecting stories that match every (raw, folded) term."""
    pieces: list[str] = []
    params: dict[str, str] = {}
    for n, (raw, folded) in enumerate(terms):
        params[f"r{n}"] = raw
        params[f"f{n}"] = folded or raw
        pieces.append(
            f"(stories.search @@ to_tsquery('simple', quote_literal(:r{n}) || ':*') OR "
            f"stories.search @@ to_tsquery('simple', quote_literal(:f{n}) || ':*'))"
        )
    return text(" AND ".join(pieces)).bindparams(**params)


def create_sqlite_tables(conn: Connection) -> None:
    """The SQLite search tables (a migration step)."""
    for statement in SQLITE_TABLES:
        conn.execute(text(statement))
