"""The quotes table's bulk path (pack_rows, QuoteLoader) and a pair's history read through its key.

Run against SQLite always and PostgreSQL when STEPPE_TEST_PG is set (the ``store`` fixture).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import inspect, text

from steppe.models import Quote
from steppe.store.engine import sqlite_pragmas
from steppe.store.quotes import QuoteLoader, pack_rows

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
DAY = date(2026, 11, 27)


def test_rows_stored_by_the_loader_read_back_as_the_quotes_they_stand_for(store):
    rows = [("USD", "KZT", DAY, Decimal("478.7700"), 1, Decimal("-1.20")),
            ("UZS", "KZT", DAY, Decimal("3.91"), 100, None)]
    loader = QuoteLoader(store, NOW)
    try:
        added = loader.add({"NBK": pack_rows("NBK", rows, "https://nationalbank.kz/x", loader.fetched),
                            "CBT": pack_rows("CBT", [("USD", "TMT", DAY, Decimal("3.5"), 1, None)], "peg: 3.5",
                                             loader.fetched, "peg")})
        again = loader.add({"NBK": pack_rows("NBK", rows, "https://nationalbank.kz/x", loader.fetched)})
    finally:
        loader.close()
    assert added == {"NBK": 2, "CBT": 1} and again == {"NBK": 0}
    with store.read() as session:
        back = session.quotes.between(DAY, DAY)
    assert sorted(back, key=repr) == sorted([
        Quote("NBK", DAY, "USD", "KZT", Decimal("478.7700"), 1, provenance="https://nationalbank.kz/x",
              change=Decimal("-1.20")),
        Quote("NBK", DAY, "UZS", "KZT", Decimal("3.91"), 100, provenance="https://nationalbank.kz/x"),
        Quote("CBT", DAY, "USD", "TMT", Decimal("3.5"), 1, kind="peg", provenance="peg: 3.5"),
    ], key=repr)
    assert str(next(q for q in back if q.base == "USD" and q.bank == "NBK").amount) == "478.7700"


def test_each_loader_batch_counts_as_a_commit_of_the_store(store):
    before = store.commits
    loader = QuoteLoader(store, NOW)
    try:
        loader.add({"NBK": pack_rows("NBK", [("USD", "KZT", DAY, Decimal(1), 1, None)], None, loader.fetched)})
        loader.add({"NBK": pack_rows("NBK", [("EUR", "KZT", DAY, Decimal(2), 1, None)], None, loader.fetched)})
    finally:
        loader.close()
    assert store.commits == before + 2


def test_pragmas_set_for_a_block_are_put_back_after_it(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        mapped = conn.exec_driver_sql("PRAGMA mmap_size").scalar()
        with sqlite_pragmas(conn, mmap_size=0, wal_autocheckpoint=5000):
            assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == 0
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA mmap_size").scalar() == mapped > 0
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000


def test_migration_9_drops_the_second_quotes_index_of_an_older_database(store):
    with store.write() as session:
        session.quotes.add([Quote("NBK", DAY, "USD", "KZT", Decimal("478.77"))], now=NOW)
    with store.engine.begin() as conn:  # the quotes indexes as migration 8 left them
        conn.execute(text("CREATE INDEX ix_quotes_lookup ON quotes (quote, base, effective_date)"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 9"))
    assert store.upgrade() == ["009_quotes_without_lookup_index"]
    with store.engine.connect() as conn:
        assert "ix_quotes_lookup" not in {index["name"] for index in inspect(conn).get_indexes("quotes")}
    with store.read() as session:
        assert [q.amount for q in session.quotes.series("NBK", "USD", "KZT", DAY, DAY)] == [Decimal("478.77")]
