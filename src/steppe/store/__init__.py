"""The store: every SQL statement Steppe runs lives in this package.

``open_store(target)`` gives a ``Store``; ``store.write()`` is one transaction,
``store.read()`` one read-only connection, each exposing the per-entity tables
(pages, stories, quotes, sources, templates, clusters).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from steppe.errors import MigrationError, StoreError
from steppe.store import migrations
from steppe.store.clusters import Clusters
from steppe.store.engine import make_engine
from steppe.store.pages import Pages
from steppe.store.quotes import Quotes
from steppe.store.sources import Sources
from steppe.store.stories import Stories, StoryFilter, StoryPage
from steppe.store.templates import Templates

__all__ = ["Store", "Session", "StoryFilter", "StoryPage", "open_store"]


class Session:
    """The per-entity tables bound to one connection (one transaction when writing)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.pages = Pages(conn)
        self.stories = Stories(conn)
        self.quotes = Quotes(conn)
        self.sources = Sources(conn)
        self.templates = Templates(conn)
        self.clusters = Clusters(conn)


class Store:
    """A database holding Steppe's data, SQLite or PostgreSQL."""

    def __init__(self, target: str):
        self.target = target
        self.engine = make_engine(target)
        self.commits = 0  # writes committed through this object: in-process caches compare it

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any error."""
        try:
            with self.engine.begin() as conn:
                yield Session(conn)
            self.commits += 1
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        """One connection for reading."""
        try:
            with self.engine.connect() as conn:
                yield Session(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"database read failed: {exc.__class__.__name__}: {exc}") from exc

    def upgrade(self) -> list[str]:
        """Apply pending migrations; returns their names."""
        with self.write() as session:
            return migrations.upgrade(session.conn)

    def status(self) -> list[migrations.MigrationStatus]:
        with self.read() as session:
            return migrations.status(session.conn)

    def ensure_current(self) -> None:
        """Raise MigrationError when migrations are pending."""
        pending = [m for m in self.status() if m.applied_at is None]
        if pending:
            names = ", ".join(f"{m.id:03d}_{m.name}" for m in pending)
            raise MigrationError(f"database {self.target} needs migrations ({names}): run `steppe db upgrade`")

    def integrity_ok(self) -> bool:
        """SQLite's integrity check (always true on other engines, which check themselves)."""
        if self.dialect != "sqlite":
            return True
        with self.read() as session:
            return session.conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    def close(self) -> None:
        self.engine.dispose()


def open_store(target: str, *, upgrade: bool = True) -> Store:
    """Open (and by default migrate) the database at a path or URL."""
    store = Store(target)
    if upgrade:
        store.upgrade()
    return store
