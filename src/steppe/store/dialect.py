"""The few statements that differ between SQLite and PostgreSQL, in one place."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, func
from sqlalchemy.dialects import postgresql, sqlite


def insert_ignoring_conflicts(conn: Connection, table: Table, row: dict[str, Any], *, keys: list[str]) -> int:
    """INSERT that does nothing when a unique key already exists; returns 1 if a row was added, else 0.

    RETURNING (not rowcount) tells, because drivers disagree on rowcount after ON CONFLICT.
    """
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = module.insert(table).values(**row).on_conflict_do_nothing(index_elements=keys)
    return len(conn.execute(stmt.returning(*[table.c[k] for k in keys])).all())


def insert_returning_id(conn: Connection, table: Table, row: dict[str, Any], *, keys: list[str]) -> int | None:
    """INSERT ignoring a unique-key conflict; the new row's id, or None when the key already existed."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = module.insert(table).values(**row).on_conflict_do_nothing(index_elements=keys)
    return conn.execute(stmt.returning(table.c.id)).scalar()


def upsert(conn: Connection, table: Table, row: dict[str, Any], *, keys: list[str]) -> None:
    """INSERT or, on a unique-key conflict, UPDATE the other columns."""
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = module.insert(table).values(**row)
    changes = {k: stmt.excluded[k] for k in row if k not in keys}
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=changes))


def day_expression(conn: Connection, column: ColumnElement[datetime]) -> ColumnElement[str]:
    """An SQL expression giving the UTC day of a timestamp column as YYYY-MM-DD text."""
    if conn.dialect.name == "sqlite":
        return func.substr(column, 1, 10)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD")
