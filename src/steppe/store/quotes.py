"""Quotes: exchange rates as published, one row per bank, pair, day and kind.

Besides the ``Quotes`` table API, the bulk path of backfills: rows packed as tuples
(``pack``, ``pack_rows``) and a ``QuoteLoader`` that stores batches of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..errors import StoreError
from ..models import Quote
from . import schema
from .codec import quote_from_row, quote_row
from .dialect import insert_ignoring_conflicts
from .engine import sqlite_pragmas

if TYPE_CHECKING:
    from . import Store

Q = schema.quotes
KEYS = ["bank", "base", "quote", "effective_date", "kind"]


_ROW_ORDER = ["bank", "base", "quote", "date", "effective_date", "amount", "nominal", "kind", "change",
              "provenance", "fetched_at"]
# The loader's connection (SQLite) maps no file: a bulk write reads little, and the mapped pages
# it touched would count as the process's memory (a 10-year backfill peaked at 235 MB with them).
# Checkpointing the WAL less often (every 8,192 pages, or once at the end) was measured too and
# gained nothing once batches were 100,000 quotes, so the loader keeps the checkpoint setting.
LOADER_PRAGMAS = {"mmap_size": 0}


class _IsoDays(dict):
    """date -> ISO text, each day written out once (the quotes of one payload share one or a few)."""

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


def pack(quotes: Iterable[Quote], fetched: Any) -> list[tuple]:
    """Quotes as compact rows for ``Quotes.add_packed``: codec.quote_row's values in _ROW_ORDER.

    ``fetched`` is ``Quotes.fetched_param(now)``. Plain tuples of text and numbers: a backfill
    holding a batch of them keeps less memory than Quote objects, and gives the garbage
    collector nothing to scan.
    """
    iso = _IsoDays()
    return [(q.bank, q.base, q.quote, iso[q.date], iso[q.effective_date or q.date], str(q.amount), q.nominal,
             q.kind, None if q.change is None else str(q.change), q.provenance, fetched) for q in quotes]


def pack_rows(
    bank: str, rows: Iterable[tuple], provenance: str | None, fetched: Any, kind: str = "official",
) -> list[tuple]:
    """A bank parser's rows (rates.payload.Row) packed as ``pack`` packs the Quotes they stand for."""
    iso = _IsoDays()
    return [(bank, base, quote, iso[day], iso[day], str(amount), nominal, kind,
             None if change is None else str(change), provenance, fetched)
            for base, quote, day, amount, nominal, change in rows]


# The key walks of ``on_or_before`` and ``previous`` run a few hundred one-row look-ups a call;
# as plain parameterised SQL through the driver they cost microseconds each, where a SQLAlchemy
# statement costs a quarter of a millisecond. Written with "?" (SQLite's style; "%s" elsewhere).
_FIRST_PAIR = "SELECT bank, base, quote FROM quotes ORDER BY bank, base, quote LIMIT 1"
# The next pair after (bank, base, quote): sought past every day of that pair (no ISO date sorts
# after 9999-12-31, in any collation), so the seek lands on the next pair instead of stepping
# through the days.
_NEXT_PAIR = ("SELECT bank, base, quote FROM quotes WHERE (bank, base, quote, effective_date) > (?, ?, ?, '9999-12-31') "
              "ORDER BY bank, base, quote LIMIT 1")
_LAST_ID = ("SELECT id FROM quotes WHERE bank = ? AND base = ? AND quote = ? AND kind = ? AND effective_date {} ? "
            "ORDER BY effective_date DESC LIMIT 1")


class Quotes:
    """The quotes table on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def add(self, quotes: Iterable[Quote], *, now: datetime) -> int:
        """Store quotes not yet stored; returns how many were new."""
        added = 0
        keys = ["bank", "base", "quote", "effective_date", "kind"]
        for quote in quotes:
            added += insert_ignoring_conflicts(self.conn, Q, quote_row(quote, now), keys=keys)
        return added

    def on_or_before(self, day: date, *, kinds: tuple[str, ...] = ("official", "peg")) -> list[Quote]:
        """For every bank and pair, the last quote in force on ``day``.

        Walks the pair-and-day key instead of grouping every stored row: one seek finds each
        (bank, base, quote) in turn, one more its last quote of each kind on or before the day
        (ten years of five banks, 550k rows: ~600 ms grouped, a few ms walked).
        """
        last = self._sql(_LAST_ID.format("<="))
        ids = [self._one(last, (*pair, kind, day.isoformat())) for pair in self._pairs() for kind in kinds]
        return self._by_ids(ids)

    def previous(self, quotes: Sequence[Quote]) -> list[Quote]:
        """For each quote, the same bank's last quote of the same pair and kind before it (where there is one)."""
        last = self._sql(_LAST_ID.format("<"))
        return self._by_ids([self._one(last, (q.bank, q.base, q.quote, q.kind, q.applies_on.isoformat()))
                             for q in quotes])

    def _pairs(self) -> list[tuple]:
        """Every stored (bank, base, quote), each found by one seek past the one before (a loose index scan)."""
        step = self._sql(_NEXT_PAIR)
        pairs: list[tuple] = []
        row = self.conn.exec_driver_sql(_FIRST_PAIR).first()
        while row is not None:
            pairs.append(tuple(row))
            row = self.conn.exec_driver_sql(step, tuple(row)).first()
        return pairs

    def _sql(self, statement: str) -> str:
        return statement if self.conn.dialect.paramstyle == "qmark" else statement.replace("?", "%s")

    def _one(self, statement: str, params: tuple) -> int | None:
        return self.conn.exec_driver_sql(statement, params).scalar()

    def _by_ids(self, ids: Iterable[int | None]) -> list[Quote]:
        """The quotes with these ids, in this order (None: skipped)."""
        wanted = [i for i in ids if i is not None]
        if not wanted:
            return []
        by_id = {row.id: quote_from_row(row) for row in self.conn.execute(select(Q).where(Q.c.id.in_(wanted)))}
        return [by_id[i] for i in wanted]

    def latest_day(self, *, kinds: tuple[str, ...] = ("official",)) -> date | None:
        """The most recent effective date of any stored quote."""
        value = self.conn.execute(select(func.max(Q.c.effective_date)).where(Q.c.kind.in_(kinds))).scalar()
        return date.fromisoformat(value) if value else None

    def count(self) -> int:
        return self.conn.execute(select(func.count()).select_from(Q)).scalar_one()

    def add_many(self, quotes: Iterable[Quote], *, now: datetime) -> int:
        """Store a batch of quotes in one statement, skipping stored ones; returns how many were new."""
        return self.add_packed(pack(quotes, self.fetched_param(now)))

    def fetched_param(self, now: datetime) -> Any:
        """``now`` as the driver takes it for fetched_at: converted once, not on every packed row.

        On SQLite, as SQLAlchemy and then the driver would convert it (their adapters would
        otherwise run on every row); elsewhere the datetime itself.
        """
        if self.conn.dialect.name != "sqlite":
            return now
        stamp = Q.c.fetched_at.type.bind_processor(self.conn.dialect)
        value = stamp(now) if stamp else now
        driver = self.conn.dialect.loaded_dbapi
        return driver.adapt(value, driver.PrepareProtocol, value) if hasattr(driver, "adapt") else value

    def add_packed(self, rows: Sequence[tuple]) -> int:
        """``add_many`` for rows packed by ``pack`` or ``pack_rows``: the bulk path of backfills.

        On SQLite the compiled INSERT runs as one executemany (the driver then counts the
        rows really inserted); elsewhere RETURNING counts them.
        """
        if not rows:
            return 0
        if self.conn.dialect.name != "sqlite":
            stmt = postgresql.insert(Q).on_conflict_do_nothing(index_elements=KEYS)
            values = [dict(zip(_ROW_ORDER, row, strict=True)) for row in rows]
            return len(self.conn.execute(stmt.returning(Q.c.id), values).all())
        stmt = sqlite.insert(Q).on_conflict_do_nothing(index_elements=KEYS)
        compiled = stmt.compile(dialect=self.conn.dialect, column_keys=_ROW_ORDER)
        if list(compiled.positiontup or []) != _ROW_ORDER:
            raise AssertionError(f"quotes columns changed: {compiled.positiontup}")  # keep pack in step
        rows = rows if isinstance(rows, list) else list(rows)
        result = self.conn.exec_driver_sql(str(compiled), rows)
        return max(result.rowcount, 0)

    def days_stored(
        self, bank: str, since: date, until: date, *, base: str | None = None,
        kinds: tuple[str, ...] = ("official",),
    ) -> set[date]:
        """The effective dates between two days on which ``bank`` has stored quotes (of ``base``)."""
        query = (
            select(Q.c.effective_date).distinct()
            .where(Q.c.bank == bank, Q.c.kind.in_(kinds))
            .where(Q.c.effective_date >= since.isoformat(), Q.c.effective_date <= until.isoformat())
        )
        if base is not None:
            query = query.where(Q.c.base == base)
        return {date.fromisoformat(value) for value in self.conn.execute(query).scalars()}

    def between(
        self, since: date, until: date, *, kinds: tuple[str, ...] = ("official", "peg"),
        currencies: Iterable[str] | None = None,
    ) -> list[Quote]:
        """Quotes in force from ``since`` to ``until``, oldest first (both sides in ``currencies``)."""
        query = (
            select(Q)
            .where(Q.c.effective_date >= since.isoformat(), Q.c.effective_date <= until.isoformat())
            .where(Q.c.kind.in_(kinds))
            .order_by(Q.c.effective_date, Q.c.id)
        )
        if currencies is not None:
            wanted = sorted(set(currencies))
            query = query.where(Q.c.base.in_(wanted), Q.c.quote.in_(wanted))
        return [quote_from_row(r) for r in self.conn.execute(query)]

    def series(
        self, bank: str, base: str, quote: str, since: date, until: date,
        *, kinds: tuple[str, ...] = ("official",),
    ) -> list[Quote]:
        """One bank's quotes of one pair between two dates, oldest first (chart data)."""
        query = (
            select(Q)
            .where(Q.c.bank == bank, Q.c.base == base, Q.c.quote == quote, Q.c.kind.in_(kinds))
            .where(Q.c.effective_date >= since.isoformat(), Q.c.effective_date <= until.isoformat())
            .order_by(Q.c.effective_date)
        )
        return [quote_from_row(r) for r in self.conn.execute(query)]

    def currencies(self, *, kinds: tuple[str, ...] = ("official", "peg")) -> set[str]:
        """Every currency code that appears in a stored quote of these kinds."""
        bases = select(Q.c.base).where(Q.c.kind.in_(kinds)).distinct()
        quoted = select(Q.c.quote).where(Q.c.kind.in_(kinds)).distinct()
        return set(self.conn.execute(bases).scalars()) | set(self.conn.execute(quoted).scalars())

    def latest_on_or_before(self, day: date, *, kinds: tuple[str, ...] = ("official",)) -> date | None:
        """The most recent effective date at or before ``day`` of any stored quote."""
        query = select(func.max(Q.c.effective_date)).where(
            Q.c.kind.in_(kinds), Q.c.effective_date <= day.isoformat()
        )
        value = self.conn.execute(query).scalar()
        return date.fromisoformat(value) if value else None

    def stamp(self) -> int:
        """A number that grows whenever quotes are added (the largest row id; 0 when empty)."""
        return self.conn.execute(select(func.max(Q.c.id))).scalar() or 0


class QuoteLoader:
    """A backfill's writes: batches of packed rows, one transaction each, on one held connection.

    A batch is stored whole or not at all, so a killed backfill keeps every batch committed
    before it and a rerun asks again only for what the lost batch held. On SQLite the
    connection runs with ``LOADER_PRAGMAS``, set back when the loader closes.
    """

    def __init__(self, store: Store, now: datetime):
        self.store = store
        self._stack = ExitStack()
        try:
            self.conn = self._stack.enter_context(store.engine.connect())
            self._stack.enter_context(sqlite_pragmas(self.conn, **LOADER_PRAGMAS))
            self.fetched = Quotes(self.conn).fetched_param(now)
        except SQLAlchemyError as exc:
            self._stack.close()
            raise StoreError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc

    def add(self, batches: dict[str, list[tuple]]) -> dict[str, int]:
        """Store packed rows of several banks in one transaction; returns how many were new per bank."""
        try:
            with self.conn.begin():
                quotes = Quotes(self.conn)
                added = {bank: quotes.add_packed(rows) for bank, rows in batches.items()}
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc
        self.store.commits += 1
        return added

    def close(self) -> None:
        """Set the connection back as it was and return it to the pool."""
        try:
            self._stack.close()
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc
