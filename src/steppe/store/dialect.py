"""The few statements that differ between SQLite and PostgreSQL, in one place."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, bindparam, func, text
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


MARK_START = "\ue000"  # private-use characters: cannot clash with markup, escaped safely later
MARK_END = "\ue001"
SNIPPET_WORDS = 28
_PG_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords={SNIPPET_WORDS}, MinWords=12, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)
_PG_TITLE_OPTIONS = f'StartSel="{MARK_START}", StopSel="{MARK_END}", HighlightAll=true'


def _pg_tsquery(terms: list[tuple[str, str]]) -> str:
    """A to_tsquery() text: every term a prefix, raw or folded (words are \\w+ tokens already)."""
    def lexeme(token: str) -> str:
        return "'" + token.replace("\\", "").replace("'", "''") + "':*"

    return " & ".join(f"({lexeme(raw)} | {lexeme(folded or raw)})" for raw, folded in terms)


def snippet_rows(conn: Connection, ids: list[int], terms: list[tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """(headline, excerpt) per story id, matched words wrapped in MARK_START/MARK_END.

    SQLite uses FTS5 highlight() and snippet(); PostgreSQL uses ts_headline().
    """
    if not ids or not terms:
        return {}
    if conn.dialect.name == "sqlite":
        statement = text(
            "SELECT rowid AS id, highlight(stories_fts, 0, :a, :b) AS headline, "
            f"snippet(stories_fts, 1, :a, :b, '…', {SNIPPET_WORDS}) AS excerpt "
            "FROM stories_fts WHERE stories_fts MATCH :match AND rowid IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        params = {"a": MARK_START, "b": MARK_END, "ids": ids,
                  "match": " AND ".join(fts_term(raw, folded) for raw, folded in terms)}
        return {row.id: (row.headline, row.excerpt) for row in conn.execute(statement, params)}
    statement = text(
        "SELECT s.id, ts_headline('simple', s.headline, q.query, :title_options) AS headline, "
        "ts_headline('simple', s.text, q.query, :options) AS excerpt "
        "FROM stories s, to_tsquery('simple', :query) AS q(query) WHERE s.id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    params = {"query": _pg_tsquery(terms), "ids": ids, "options": _PG_HEADLINE_OPTIONS,
              "title_options": _PG_TITLE_OPTIONS}
    return {row.id: (row.headline, row.excerpt) for row in conn.execute(statement, params)}


def day_expression(conn: Connection, column):
    """An SQL expression giving the UTC day of a timestamp column as YYYY-MM-DD text."""
    if conn.dialect.name == "sqlite":
        return func.substr(column, 1, 10)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD")
