"""The quotes table's bulk path (answers, QuoteLoader), its fetches, and a pair's history read through its key.

Run against SQLite always and PostgreSQL when STEPPE_TEST_PG is set (the ``store`` fixture).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import inspect, text

from steppe.models import Quote
from steppe.store.engine import sqlite_pragmas
from steppe.store.quotes import Answer, QuoteLoader

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
DAY = date(2026, 11, 27)


def test_rows_stored_by_the_loader_read_back_as_the_quotes_they_stand_for(store):
    rows = [
        ("USD", "KZT", DAY, Decimal("478.7700"), 1, Decimal("-1.20")),
        ("UZS", "KZT", DAY, Decimal("3.91"), 100, None),
    ]
    loader = QuoteLoader(store, NOW)
    try:
        added = loader.add(
            [
                Answer("NBK", rows, "https://nationalbank.kz/x"),
                Answer("CBT", [("USD", "TMT", DAY, Decimal("3.5"), 1, None)], "peg: 3.5", "peg"),
            ]
        )
        again = loader.add([Answer("NBK", rows, "https://nationalbank.kz/x")])
    finally:
        loader.close()
    assert added == {"NBK": 2, "CBT": 1} and again == {"NBK": 0}
    with store.read() as session:
        back = session.quotes.between(DAY, DAY)
    assert sorted(back, key=repr) == sorted(
        [
            Quote(
                "NBK",
                DAY,
                "USD",
                "KZT",
                Decimal("478.7700"),
                1,
                provenance="https://nationalbank.kz/x",
                change=Decimal("-1.20"),
            ),
            Quote("NBK", DAY, "UZS", "KZT", Decimal("3.91"), 100, provenance="https://nationalbank.kz/x"),
            Quote("CBT", DAY, "USD", "TMT", Decimal("3.5"), 1, kind="peg", provenance="peg: 3.5"),
        ],
        key=repr,
    )
    assert str(next(q for q in back if q.base == "USD" and q.bank == "NBK").amount) == "478.7700"


def test_each_loader_batch_counts_as_a_commit_of_the_store(store):
    before = store.commits
    loader = QuoteLoader(store, NOW)
    try:
        loader.add([Answer("NBK", [("USD", "KZT", DAY, Decimal(1), 1, None)], None)])
        loader.add([Answer("NBK", [("EUR", "KZT", DAY, Decimal(2), 1, None)], None)])
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


def _fetches(store) -> list[tuple]:
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text("SELECT id, provenance FROM quote_fetches ORDER BY id"))]


def test_each_answer_is_one_fetch_and_an_answer_that_added_nothing_leaves_none(store):
    usd = ("USD", "KZT", DAY, Decimal("478.77"), 1, None)
    eur = ("EUR", "KZT", DAY, Decimal("560.10"), 1, None)
    loader = QuoteLoader(store, NOW)
    try:
        assert loader.add([Answer("NBK", [usd], "https://nationalbank.kz/a")]) == {"NBK": 1}
        with store.read() as session:
            stamp = session.quotes.stamp()
        # a rerun: the first answer is all stored, the second brings one new quote
        assert loader.add(
            [Answer("NBK", [usd], "https://nationalbank.kz/a"), Answer("NBK", [usd, eur], "https://nationalbank.kz/b")]
        ) == {"NBK": 1}
        assert loader.add([Answer("NBK", [usd, eur], "https://nationalbank.kz/c")]) == {"NBK": 0}
    finally:
        loader.close()
    assert [source for _, source in _fetches(store)] == ["https://nationalbank.kz/a", "https://nationalbank.kz/b"]
    with store.read() as session:
        assert session.quotes.stamp() > stamp
        by_pair = {q.base: q.provenance for q in session.quotes.between(DAY, DAY)}
    assert by_pair == {"USD": "https://nationalbank.kz/a", "EUR": "https://nationalbank.kz/b"}


def test_the_stamp_stays_when_a_write_adds_nothing_and_grows_when_it_adds(store):
    quote = Quote("NBK", DAY, "USD", "KZT", Decimal("478.77"), provenance="https://nationalbank.kz/a")
    with store.write() as session:
        assert session.quotes.add([quote], now=NOW) == 1
    with store.read() as session:
        first = session.quotes.stamp()
    with store.write() as session:
        assert session.quotes.add([quote], now=NOW) == 0
    with store.read() as session:
        assert session.quotes.stamp() == first
    with store.write() as session:
        assert session.quotes.add([Quote("NBK", DAY, "EUR", "KZT", Decimal("560.1"))], now=NOW) == 1
    with store.read() as session:
        assert session.quotes.stamp() > first


OLD_QUOTES = """CREATE TABLE quotes (
    id {id} PRIMARY KEY, bank VARCHAR(64) NOT NULL, base VARCHAR(8) NOT NULL, quote VARCHAR(8) NOT NULL,
    date VARCHAR(10) NOT NULL, effective_date VARCHAR(10) NOT NULL, amount VARCHAR(40) NOT NULL,
    nominal INTEGER NOT NULL, kind VARCHAR(20) NOT NULL, change VARCHAR(40), provenance TEXT,
    fetched_at {stamp} NOT NULL,
    CONSTRAINT uq_quotes_pair_day UNIQUE (bank, base, quote, effective_date, kind))"""


def test_migration_10_moves_provenance_and_fetch_time_of_an_older_database_into_fetches(store):
    postgres = store.engine.dialect.name == "postgresql"
    with store.engine.begin() as conn:  # the quotes table as migration 9 left it
        conn.execute(text("DROP TABLE quotes"))
        conn.execute(text("DROP TABLE quote_fetches"))
        conn.execute(
            text(
                OLD_QUOTES.format(
                    id="SERIAL" if postgres else "INTEGER", stamp="TIMESTAMP WITH TIME ZONE" if postgres else "DATETIME"
                )
            )
        )
        rows = [
            ("NBK", "USD", "KZT", "2026-11-26", "2026-11-26", "478.7700", 1, "official", "-1.20", "https://a"),
            ("NBK", "EUR", "KZT", "2026-11-26", "2026-11-26", "560.10", 1, "official", None, "https://a"),
            ("NBK", "USD", "KZT", "2026-11-27", "2026-11-27", "479.01", 1, "official", "0.24", "https://b"),
            ("CBT", "USD", "TMT", "2026-11-27", "2026-11-27", "3.5", 1, "peg", None, None),
        ]
        for row in rows:
            conn.execute(
                text(
                    "INSERT INTO quotes (bank, base, quote, date, effective_date, amount, nominal, kind, "
                    "change, provenance, fetched_at) VALUES (:b, :ba, :q, :d, :e, :a, :n, :k, :c, :p, :f)"
                ),
                dict(
                    zip(["b", "ba", "q", "d", "e", "a", "n", "k", "c", "p"], row, strict=True),
                    f=NOW if postgres else "2026-11-28 12:00:00.000000",
                ),
            )
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 10"))
    assert store.upgrade() == ["010_quote_fetches"]
    assert sorted(source or "" for _, source in _fetches(store)) == ["", "https://a", "https://b"]
    with store.read() as session:
        back = session.quotes.between(date(2026, 11, 26), DAY)
        assert session.quotes.count() == 4
    assert sorted(back, key=repr) == sorted(
        [
            Quote(
                "NBK",
                date(2026, 11, 26),
                "USD",
                "KZT",
                Decimal("478.7700"),
                provenance="https://a",
                change=Decimal("-1.20"),
            ),
            Quote("NBK", date(2026, 11, 26), "EUR", "KZT", Decimal("560.10"), provenance="https://a"),
            Quote("NBK", DAY, "USD", "KZT", Decimal("479.01"), provenance="https://b", change=Decimal("0.24")),
            Quote("CBT", DAY, "USD", "TMT", Decimal("3.5"), kind="peg"),
        ],
        key=repr,
    )
    with store.engine.connect() as conn:
        assert "id" not in {column["name"] for column in inspect(conn).get_columns("quotes")}
        assert "ix_quotes_unofficial" in {index["name"] for index in inspect(conn).get_indexes("quotes")}
    with store.read() as session:  # the peg is found through the partial index's pairs
        assert {(q.bank, q.kind) for q in session.quotes.on_or_before(DAY)} == {("NBK", "official"), ("CBT", "peg")}
