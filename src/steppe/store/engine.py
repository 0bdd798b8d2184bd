"""Opening a database: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL.

The only place that knows how a URL or a path becomes an SQLAlchemy engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from steppe.errors import StoreError


def database_url(target: str) -> str:
    """Turn a path or URL into an SQLAlchemy URL; bare paths are SQLite files."""
    if "://" in target:
        if target.startswith("postgres://"):
            return "postgresql+psycopg://" + target[len("postgres://") :]
        if target.startswith("postgresql://"):
            return "postgresql+psycopg://" + target[len("postgresql://") :]
        return target
    if target == ":memory:":
        return "sqlite://"
    path = Path(target).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


PAGE_BYTES = 16384
MMAP_BYTES = 1 << 30  # address space only; pages come from the OS cache as they are read
CACHE_KIB = 32 * 1024


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    # Only a new, empty database takes this: 16 KiB pages hold several 2-4 KB story rows where
    # 4 KiB pages held one (310 -> 240 MB for the stories of the 100,000-story bench corpus).
    cursor.execute(f"PRAGMA page_size={PAGE_BYTES}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Reads of story rows dominate search: map the file (shared OS page cache, not per-connection
    # copies) and keep a modest private cache. Halves a warm 14,000-match search at 100k stories.
    cursor.execute(f"PRAGMA mmap_size={MMAP_BYTES}")
    cursor.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cursor.close()


def make_engine(target: str) -> Engine:
    """An engine for a SQLite path or a database URL, with Steppe's settings applied."""
    url = database_url(target)
    try:
        engine = create_engine(url, future=True, pool_pre_ping=url.startswith("postgresql"))
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open database {target!r}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@contextmanager
def sqlite_pragmas(conn: Connection, **values: int) -> Iterator[None]:
    """Set integer SQLite pragmas on one held connection for a block, then put back what they were.

    For a job that keeps one connection for many transactions (a backfill's bulk writes);
    call it outside any transaction. Other engines: nothing is changed.
    """
    if conn.dialect.name != "sqlite":
        yield
        return
    if not all(name.isidentifier() for name in values):
        raise StoreError(f"not a pragma name: {sorted(values)}")
    before = {name: int(conn.exec_driver_sql(f"PRAGMA {name}").scalar() or 0) for name in values}
    _set_pragmas(conn, values)
    try:
        yield
    finally:
        _set_pragmas(conn, before)


def _set_pragmas(conn: Connection, values: dict[str, int]) -> None:
    if conn.in_transaction():
        conn.rollback()  # SQLAlchemy's autobegun transaction: nothing was written in it
    for name, value in values.items():
        conn.exec_driver_sql(f"PRAGMA {name}={int(value)}")
    conn.commit()
