"""Quotes: exchange rates as published, one row per bank, pair, day and kind, each naming its fetch.

A quote's provenance and fetch time live once per answer in ``quote_fetches``; the quote
carries the fetch's id. Besides the ``Quotes`` table API, the bulk path of backfills:
parser rows packed as tuples (``pack_rows``), answers (``Answer``) and a ``QuoteLoader``
that stores batches of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from steppe.errors import StoreError
from steppe.models import Quote, RateRow
from steppe.store import schema
from steppe.store.codec import quote_from_row
from steppe.store.engine import sqlite_pragmas

if TYPE_CHECKING:
    from steppe.store import Store

Q = schema.quotes
F = schema.quote_fetches
KEYS = ["bank", "base", "quote", "effective_date", "kind"]
_ROW_ORDER = [*KEYS, "date", "amount", "nominal", "change", "fetch_id"]
# A quote with its fetch's provenance: the read path of every query that returns Quotes.
_SELECT = select(Q, F.c.provenance).join_from(Q, F, F.c.id == Q.c.fetch_id)
# The loader's connection (SQLite) maps no file: a bulk write reads little, and the mapped pages
# it touched would count as the process's memory (a 10-year backfill peaked at 235 MB with them).
# Checkpointing the WAL less often (every 8,192 pages, or once at the end) was measured too and
# gained nothing once batches were 100,000 quotes, so the loader keeps the checkpoint setting.
LOADER_PRAGMAS = {"mmap_size": 0}
_IN_CHUNK = 500  # ids per "IN (...)" when dropping fetches that added nothing

# A quote as a row of the quotes table, values in _ROW_ORDER: bank, base, quote, effective date
# (ISO), kind, date (ISO), amount (text), nominal, change (text), fetch id.
PackedRow = tuple[str, str, str, str, str, str, str, int, str | None, int]
Pair = tuple[str, str, str]  # bank, base, quote


@dataclass(frozen=True)
class Answer:
    """One answer of a bank as its parser read it: rows (rates.Row), where they were read, their kind."""

    bank: str
    rows: list[RateRow]
    provenance: str | None
    kind: str = "official"


class _IsoDays(dict[date, str]):
    """date -> ISO text, each day written out once (the quotes of one payload share one or a few)."""

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


def pack(quotes: Iterable[Quote], fetch_id: int) -> list[PackedRow]:
    """Quotes as rows of the quotes table, values in _ROW_ORDER, all naming fetch ``fetch_id``."""
    iso = _IsoDays()
    return [
        (
            q.bank,
            q.base,
            q.quote,
            iso[q.effective_date or q.date],
            q.kind,
            iso[q.date],
            str(q.amount),
            q.nominal,
            None if q.change is None else str(q.change),
            fetch_id,
        )
        for q in quotes
    ]


def pack_rows(bank: str, rows: Iterable[RateRow], fetch_id: int, kind: str = "official") -> list[PackedRow]:
    """A bank parser's rows (rates.payload.Row) packed as ``pack`` packs the Quotes they stand for.

    Plain tuples of text and numbers, built only when their batch is stored.
    """
    iso = _IsoDays()
    return [
        (
            bank,
            base,
            quote,
            iso[day],
            kind,
            iso[day],
            str(amount),
            nominal,
            None if change is None else str(change),
            fetch_id,
        )
        for base, quote, day, amount, nominal, change in rows
    ]


# The key walks of ``on_or_before`` and ``previous`` run a few hundred one-row look-ups a call;
# as plain parameterised SQL through the driver they cost microseconds each, where a SQLAlchemy
# statement costs a quarter of a millisecond. Written with "?" (SQLite's style; "%s" elsewhere).
_FIRST_PAIR = "SELECT bank, base, quote FROM quotes ORDER BY bank, base, quote LIMIT 1"
# The next pair after (bank, base, quote): sought past every day of that pair (no ISO date sorts
# after 9999-12-31, in any collation), so the seek lands on the next pair instead of stepping
# through the days.
_NEXT_PAIR = (
    "SELECT bank, base, quote FROM quotes WHERE (bank, base, quote, effective_date) > (?, ?, ?, '9999-12-31') "
    "ORDER BY bank, base, quote LIMIT 1"
)
# The last quote of a pair and kind before (or on) a day; its provenance read for that one row.
_LAST = (
    "SELECT q.bank, q.base, q.quote, q.effective_date, q.kind, q.date, q.amount, q.nominal, q.change, "
    "(SELECT f.provenance FROM quote_fetches f WHERE f.id = q.fetch_id) AS provenance "
    "FROM quotes q WHERE q.bank = ? AND q.base = ? AND q.quote = ? AND q.kind = ? AND q.effective_date {} ? "
    "ORDER BY q.effective_date DESC LIMIT 1"
)
# The pairs with quotes of another kind than 'official', read from the partial index that holds only
# those (the condition is written as the index's, word for word, so that SQLite sees it applies).
_UNOFFICIAL = "SELECT DISTINCT bank, base, quote, kind FROM quotes WHERE kind != 'official'"


class Quotes:
    """The quotes table on one connection."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def add(self, quotes: Iterable[Quote], *, now: datetime) -> int:
        """Store quotes not yet stored, fetched at ``now``; returns how many were new.

        Quotes read from one provenance are stored as one fetch.
        """
        by_source: dict[str | None, list[Quote]] = {}
        for quote in quotes:
            by_source.setdefault(quote.provenance, []).append(quote)
        return sum(self._add_answers([(source, partial(pack, held)) for source, held in by_source.items()], now))

    def add_answers(self, answers: Sequence[Answer], now: datetime) -> list[int]:
        """Store the rows of parsed answers, each answer one fetch; how many were new, answer by answer."""
        return self._add_answers(
            [(a.provenance, partial(pack_rows, a.bank, a.rows, kind=a.kind)) for a in answers], now
        )

    def _add_answers(
        self, answers: Sequence[tuple[str | None, Callable[[int], list[PackedRow]]]], now: datetime
    ) -> list[int]:
        """One fetch row per answer, then its packed rows; a fetch that added no quote is dropped again.

        On SQLite each answer's rows go in as one executemany on the driver's cursor (which
        counts the rows really inserted); elsewhere one INSERT ... RETURNING counts them by fetch.
        """
        if not answers:
            return []
        fetches = insert(F).returning(F.c.id, sort_by_parameter_order=True)
        ids = list(
            self.conn.execute(fetches, [{"provenance": source, "fetched_at": now} for source, _ in answers]).scalars()
        )
        if self.conn.dialect.name == "sqlite":
            cursor = self.conn.connection.cursor()
            try:
                statement = _sqlite_insert(self.conn)
                added = [
                    max(cursor.executemany(statement, packer(fetch_id)).rowcount, 0)
                    for (_, packer), fetch_id in zip(answers, ids, strict=True)
                ]
            finally:
                cursor.close()
        else:
            rows = [
                dict(zip(_ROW_ORDER, row, strict=True))
                for (_, packer), fetch_id in zip(answers, ids, strict=True)
                for row in packer(fetch_id)
            ]
            stmt = postgresql.insert(Q).on_conflict_do_nothing(index_elements=KEYS).returning(Q.c.fetch_id)
            by_fetch = Counter(self.conn.execute(stmt, rows).scalars()) if rows else Counter()
            added = [by_fetch[fetch_id] for fetch_id in ids]
        idle = [fetch_id for fetch_id, count in zip(ids, added, strict=True) if count == 0]
        for start in range(0, len(idle), _IN_CHUNK):
            self.conn.execute(delete(F).where(F.c.id.in_(idle[start : start + _IN_CHUNK])))
        return added

    def on_or_before(self, day: date, *, kinds: tuple[str, ...] = ("official", "peg")) -> list[Quote]:
        """For every bank and pair, the last quote in force on ``day``.

        Walks the pair-and-day key instead of grouping every stored row: one seek finds each
        (bank, base, quote) in turn, one more its last quote of each kind on or before the day
        (ten years of five banks, 550k rows: ~600 ms grouped, ~65 ms walked). Other kinds than
        'official' are asked only of the pairs that have them (a pair without would be walked
        back through its whole history): ~20 ms.
        """
        on = day.isoformat()
        present = {tuple(row) for row in self.conn.exec_driver_sql(_UNOFFICIAL)}  # a peg on a few days, if any
        return self._found(
            [
                (*pair, kind, on)
                for pair in self._pairs()
                for kind in kinds
                if kind == "official" or (*pair, kind) in present
            ],
            "<=",
        )

    def previous(self, quotes: Sequence[Quote]) -> list[Quote]:
        """For each quote, the same bank's last quote of the same pair and kind before it (where there is one)."""
        return self._found([(q.bank, q.base, q.quote, q.kind, q.applies_on.isoformat()) for q in quotes], "<")

    def _pairs(self) -> list[Pair]:
        """Every stored (bank, base, quote), each found by one seek past the one before (a loose index scan)."""
        step = self._sql(_NEXT_PAIR)
        pairs: list[Pair] = []
        row = self.conn.exec_driver_sql(_FIRST_PAIR).first()
        while row is not None:
            pairs.append(tuple(row))
            row = self.conn.exec_driver_sql(step, tuple(row)).first()
        return pairs

    def _sql(self, statement: str) -> str:
        return statement if self.conn.dialect.paramstyle == "qmark" else statement.replace("?", "%s")

    def _found(self, asked: list[tuple[str, str, str, str, str]], before: str) -> list[Quote]:
        """The last quotes (bank, base, quote, kind) ``before`` ("<" or "<=") a day, in the order asked.

        Look-ups that found nothing are skipped.
        """
        last = self._sql(_LAST.format(before))
        rows = (self.conn.exec_driver_sql(last, params).first() for params in asked)
        return [quote_from_row(row) for row in rows if row is not None]

    def latest_day(self, *, kinds: tuple[str, ...] = ("official",)) -> date | None:
        """The most recent effective date of any stored quote."""
        value = self.conn.execute(select(func.max(Q.c.effective_date)).where(Q.c.kind.in_(kinds))).scalar()
        return date.fromisoformat(value) if value else None

    def count(self) -> int:
        return self.conn.execute(select(func.count()).select_from(Q)).scalar_one()

    def days_stored(
        self,
        bank: str,
        since: date,
        until: date,
        *,
        base: str | None = None,
        kinds: tuple[str, ...] = ("official",),
    ) -> set[date]:
        """The effective dates between two days on which ``bank`` has stored quotes (of ``base``)."""
        query = (
            select(Q.c.effective_date)
            .distinct()
            .where(Q.c.bank == bank, Q.c.kind.in_(kinds))
            .where(Q.c.effective_date >= since.isoformat(), Q.c.effective_date <= until.isoformat())
        )
        if base is not None:
            query = query.where(Q.c.base == base)
        return {date.fromisoformat(value) for value in self.conn.execute(query).scalars()}

    def between(
        self,
        since: date,
        until: date,
        *,
        kinds: tuple[str, ...] = ("official", "peg"),
        currencies: Iterable[str] | None = None,
    ) -> list[Quote]:
        """Quotes in force from ``since`` to ``until``, oldest first (both sides in ``currencies``)."""
        query = (
            _SELECT.where(Q.c.effective_date >= since.isoformat(), Q.c.effective_date <= until.isoformat())
            .where(Q.c.kind.in_(kinds))
            .order_by(Q.c.effective_date, *[Q.c[key] for key in KEYS])
        )
        if currencies is not None:
            wanted = sorted(set(currencies))
            query = query.where(Q.c.base.in_(wanted), Q.c.quote.in_(wanted))
        return [quote_from_row(r) for r in self.conn.execute(query)]

    def series(
        self,
        bank: str,
        base: str,
        quote: str,
        since: date,
        until: date,
        *,
        kinds: tuple[str, ...] = ("official",),
    ) -> list[Quote]:
        """One bank's quotes of one pair between two dates, oldest first (chart data)."""
        query = (
            _SELECT.where(Q.c.bank == bank, Q.c.base == base, Q.c.quote == quote, Q.c.kind.in_(kinds))
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
        query = select(func.max(Q.c.effective_date)).where(Q.c.kind.in_(kinds), Q.c.effective_date <= day.isoformat())
        value = self.conn.execute(query).scalar()
        return date.fromisoformat(value) if value else None

    def stamp(self) -> int:
        """A number that grows whenever quotes are added: the last fetch's id (0 when none).

        Every stored fetch added quotes (one that added none is dropped in its transaction).
        """
        return self.conn.execute(select(func.max(F.c.id))).scalar() or 0


def _sqlite_insert(conn: Connection) -> str:
    """The INSERT of packed rows (values in _ROW_ORDER) skipping stored keys, as SQLite's driver takes it."""
    stmt = sqlite.insert(Q).on_conflict_do_nothing(index_elements=KEYS)
    compiled = stmt.compile(dialect=conn.dialect, column_keys=_ROW_ORDER)
    if list(compiled.positiontup or []) != _ROW_ORDER:
        raise AssertionError(f"quotes columns changed: {compiled.positiontup}")  # keep pack in step
    return str(compiled)


class QuoteLoader:
    """A backfill's writes: batches of answers, one transaction each, on one held connection.

    A batch is stored whole or not at all, so a killed backfill keeps every batch committed
    before it and a rerun asks again only for what the lost batch held. On SQLite the
    connection runs with ``LOADER_PRAGMAS``, set back when the loader closes.
    """

    def __init__(self, store: Store, now: datetime):
        self.store, self.now = store, now
        self._stack = ExitStack()
        try:
            self.conn = self._stack.enter_context(store.engine.connect())
            self._stack.enter_context(sqlite_pragmas(self.conn, **LOADER_PRAGMAS))
        except SQLAlchemyError as exc:
            self._stack.close()
            raise StoreError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc

    def add(self, answers: Sequence[Answer]) -> dict[str, int]:
        """Store answers (of several banks) in one transaction; returns how many quotes were new per bank."""
        try:
            with self.conn.begin():
                counts = Quotes(self.conn).add_answers(answers, self.now)
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc
        self.store.commits += 1
        added: dict[str, int] = {}
        for answer, count in zip(answers, counts, strict=True):
            added[answer.bank] = added.get(answer.bank, 0) + count
        return added

    def close(self) -> None:
        """Set the connection back as it was and return it to the pool."""
        try:
            self._stack.close()
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed: {exc.__class__.__name__}: {exc}") from exc
