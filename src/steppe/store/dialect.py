"""The few statements that differ between SQLite and PostgreSQL, in one place."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, text
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_conflicts(conn: Connection, table: Table, row: dict[str, Any], *, keys: list[str]) -> int:
    """INSERT that does nothing when a unique key already exists; returns 1 if a row was added, else 0.

    RETURNING (not rowcount) tells, because drivers disagree on rowcount after ON CONFLICT.
    """
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = module.insert(table).values(**row).on_conflict_do_nothing(index_elements=keys)
    return len(conn.execute(stmt.returning(*[table.c[k] for k in keys])).all())


def upsert(conn: Connection, table: Table, row: dict[str, Any], *, keys: list[str]) -> None:
    """INSERT or, on a unique-key conflict, UPDATE the other columns."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = module.insert(table).values(**row)
    changes = {k: stmt.excluded[k] for k in row if k not in keys}
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=changes))


def index_for_search(conn: Connection, story_id: int, headline: str, body: str, folded: str) -> None:
    """Add one story to the full-text index of this engine."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT INTO stories_fts(rowid, headline, text, folded) VALUES (:id, :h, :t, :f)"),
            {"id": story_id, "h": headline, "t": body, "f": folded},
        )
    else:
        conn.execute(
            text(
                "UPDATE stories SET search = setweight(to_tsvector('simple', :h), 'A') || "
                "to_tsvector('simple', :t) || to_tsvector('simple', :f) WHERE id = :id"
            ),
            {"id": story_id, "h": headline, "t": body, "f": folded},
        )


def fts_term(raw: str, folded: str) -> str:
    """One search term for FTS5: a prefix match on the text or on its folded key."""
    def quoted(token: str) -> str:
        return '"' + token.replace('"', '""') + '"*'

    if folded and folded != raw.casefold():
        return f"({quoted(raw)} OR folded : {quoted(folded)})"
    return quoted(raw)


def search_condition(conn: Connection, terms: list[tuple[str, str]]):
    """A WHERE clause selecting stories that match every (raw, folded) term."""
    if conn.dialect.name == "sqlite":
        match = " AND ".join(fts_term(raw, folded) for raw, folded in terms)
        return text("stories.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH :match)").bindparams(
            match=match
        )
    pieces = []
    params = {}
    for n, (raw, folded) in enumerate(terms):
        params[f"r{n}"] = raw
        params[f"f{n}"] = folded or raw
        pieces.append(
            f"(stories.search @@ to_tsquery('simple', quote_literal(:r{n}) || ':*') OR "
            f"stories.search @@ to_tsquery('simple', quote_literal(:f{n}) || ':*'))"
        )
    return text(" AND ".join(pieces)).bindparams(**params)
