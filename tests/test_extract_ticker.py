"""Rates tickers become quotes, once each, and leave the story text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from steppe.extract import extract
from steppe.extract.ticker import ticker_items
from steppe.models import Page

FETCHED = datetime(2025, 12, 15, 8, 0, tzinfo=UTC)
DESIGN_TICKER = """  • KGS/USD = 0.01143 -0%
  • KZT/USD = 0.00192 -0%
  • TJS/USD = 0.10820 0.19%
  • UZS/USD = 0.00008 0%
  • TMT/USD = 0.28575 0%
"""
STORY = """14 December 2025
Kazakhstan and Mongolia Agree on a Joint Communications Satellite
ASTANA — The presidents of Kazakhstan and Mongolia signed an agreement on Sunday to build a joint satellite.
The satellite will carry television and internet traffic for remote districts of both countries, officials said.
"""


@pytest.mark.parametrize(
    ("line", "base", "quote", "amount"),
    [
        ("KGS/USD = 0.01143 -0%", "KGS", "USD", "0.01143"),
        ("USD/KZT 478,77", "USD", "KZT", "478.77"),
        ("USD 478.77 ▼", "USD", None, "478.77"),
        ("Доллар 478,77", "USD", None, "478.77"),
        ("Евро 520,11 ▲", "EUR", None, "520.11"),
        ("USD | 478.77 | +1.25", "USD", None, "478.77"),
        ("€ 520.11", "EUR", None, "520.11"),
    ],
)
def test_ticker_line_shapes_are_recognised(line: str, base: str, quote: str | None, amount: str) -> None:
    items = ticker_items(line)
    assert items is not None and len(items) == 1
    assert (items[0].base, items[0].quote, items[0].amount) == (base, quote, Decimal(amount))


@pytest.mark.parametrize(
    "line",
    [
        "USD 500 million was paid for the satellite",
        "The rate was 478.77 tenge",
        "In 2025 the economy grew 5%",
        "Kazakhstan 2025",
    ],
)
def test_sentences_with_figures_are_not_tickers(line: str) -> None:
    assert ticker_items(line) is None


def test_ticker_repeated_eight_times_gives_each_quote_once_and_leaves_no_copy() -> None:
    page = Page(
        url="file:///d.txt",
        site="dump",
        body=(DESIGN_TICKER * 8 + STORY).encode(),
        fetched_at=FETCHED,
        content_type="text/plain",
    )
    result = extract(page)
    assert [(q.base, q.quote, q.amount) for q in result.rates] == [
        ("KGS", "USD", Decimal("0.01143")),
        ("KZT", "USD", Decimal("0.00192")),
        ("TJS", "USD", Decimal("0.10820")),
        ("UZS", "USD", Decimal("0.00008")),
        ("TMT", "USD", Decimal("0.28575")),
    ]
    quote = result.rates[0]
    assert (quote.bank, quote.kind, quote.provenance, quote.date) == (
        "page",
        "page-ticker",
        "file:///d.txt",
        date(2025, 12, 14),
    )
    assert all("/USD" not in s.text and "/USD" not in s.headline for s in result.stories)


def test_bare_currency_is_quoted_in_the_sites_home_currency() -> None:
    body = "USD 478.77 ▼\nEUR 520.11 ▲\n" + STORY
    page = Page(
        url="https://news.example.kz/a",
        site="news.example.kz",
        body=body.encode(),
        fetched_at=FETCHED,
        content_type="text/plain",
    )
    assert {(q.base, q.quote) for q in extract(page).rates} == {("USD", "KZT"), ("EUR", "KZT")}


def test_ticker_in_an_html_table_is_parsed_and_removed() -> None:
    rows = "".join(
        f"<tr><td>{c}</td><td>{v}</td></tr>" for c, v in (("USD", "87,45"), ("EUR", "95,10"), ("RUB", "1,08"))
    )
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY.splitlines()[2:]) * 2
    body = (
        f"<html><head><title>Satellite deal</title></head><body><article><h1>Satellite deal</h1>"
        f"<table><tr><th>Валюта</th><th>Курс</th></tr>{rows}</table>{paragraphs}</article></body></html>"
    )
    page = Page(url="https://example.kg/a", site="example.kg", body=body.encode(), fetched_at=FETCHED)
    result = extract(page)
    assert {(q.base, q.quote, q.amount) for q in result.rates} == {
        ("USD", "KGS", Decimal("87.45")),
        ("EUR", "KGS", Decimal("95.10")),
        ("RUB", "KGS", Decimal("1.08")),
    }
    text = result.stories[0].text
    assert "87,45" not in text and "USD" not in text and "Курс" not in text


def test_percent_changes_are_not_stored_as_amounts() -> None:
    items = ticker_items("TJS/USD = 0.10820 0.19%")
    assert items is not None and items[0].change is None
