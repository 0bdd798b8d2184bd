"""Rates tickers become quotes, once each, and leave the story text."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steppe.extract import extract
from steppe.extract.patterns import APOSTROPHES, CURRENCY_CODES, CURRENCY_NAME_FORMS, CURRENCY_NAMES, CURRENCY_SYMBOLS
from steppe.extract.ticker import may_hold_ticker, ticker_items
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


# --- tickers generated from the currency tables -------------------------------------------
# Every currency x every name form (as printed: lower, Title, UPPER case) x separator x decimal
# mark x change figure. Generated from the parser's own tables, so a name added there is tested.
SEPARATORS = (" / ", " | ", " · ", "\n", "  •  ")
CHANGES = ("", " +0.12%", " -1,25", " ▲ 0.3%", " (−0,05%)")


def name_forms() -> list[tuple[str, str, str]]:
    """(code, language, name form) for every form of the tables, apostrophes as the table spells them."""
    return [
        (code, language, form)
        for code, by_language in CURRENCY_NAME_FORMS.items()
        for language, forms in by_language.items()
        for form in forms.split("|")
    ]


def amount_text(amount: Decimal, comma: bool) -> str:
    text = f"{amount:.2f}"
    return text.replace(".", ",") if comma else text


def ticker_block(labels: list[str], separator: str, comma: bool, change: str) -> tuple[str, list[Decimal]]:
    amounts = [Decimal(478 + 41 * i) + Decimal(i + 7) / 100 for i in range(len(labels))]
    items = [
        f"{label} {amount_text(a, comma)}{change.replace('.', ',') if comma else change}"
        for label, a in zip(labels, amounts)
    ]
    return separator.join(items), amounts


def read_block(block: str) -> list[tuple[str, Decimal]]:
    found = []
    for line in block.splitlines():
        items = ticker_items(line)
        assert items is not None, line
        found += [(i.base, i.amount) for i in items]
    return found


@pytest.mark.parametrize(("code", "language"), sorted({(c, lang) for c, lang, _ in name_forms()}))
def test_every_name_form_of_every_currency_is_read_in_every_ticker_shape(code: str, language: str) -> None:
    forms = [form for c, lang, form in name_forms() if (c, lang) == (code, language)]
    for form in forms:
        for printed in (form, form[:1].upper() + form[1:], form.upper()):
            labels = [printed, "USD" if code != "USD" else "EUR", "ЕВРО" if code != "EUR" else "Рубль"]
            for separator in SEPARATORS:
                for comma in (False, True):
                    for change in CHANGES:
                        alone, _ = ticker_block(labels[:1], separator, comma, change)
                        assert may_hold_ticker(alone), alone  # the prefilter alone, no code beside it
                        block, amounts = ticker_block(labels, separator, comma, change)
                        assert read_block(block)[0] == (code, amounts[0]), block


@pytest.mark.parametrize("code", sorted(CURRENCY_CODES))
def test_every_code_and_pair_is_read_in_lower_and_upper_case(code: str) -> None:
    other = "KZT" if code != "KZT" else "USD"
    for printed in (code, code.lower()):
        for block in (f"{printed} 12.34 | {other} 5,6", f"{printed}/{other} = 12.34 -0%"):
            assert may_hold_ticker(block), block
            assert ticker_items(block.split(" | ")[0])[0].base == code


@pytest.mark.parametrize("symbol", sorted(CURRENCY_SYMBOLS))
def test_every_symbol_is_read(symbol: str) -> None:
    block = f"{symbol} 12.34 · {symbol}5,60"
    assert may_hold_ticker(block)
    assert [(i.base, i.amount) for i in ticker_items(block)] == [
        (CURRENCY_SYMBOLS[symbol], Decimal("12.34")),
        (CURRENCY_SYMBOLS[symbol], Decimal("5.60")),
    ]


def test_uzbek_names_are_read_with_every_apostrophe() -> None:
    for apostrophe in APOSTROPHES:
        line = f"So{apostrophe}m 0,0782 | O{apostrophe}zbekiston so{apostrophe}mi 0,0782"
        assert may_hold_ticker(line)
        assert [i.base for i in ticker_items(line)] == ["UZS", "UZS"]


@pytest.mark.parametrize(
    ("locale", "codes"),
    [
        ("en", "USD EUR RUB CNY KZT KGS UZS TJS TMT GBP JPY CHF TRY"),
        ("ru", "USD EUR RUB CNY KZT KGS UZS TJS TMT GBP JPY CHF TRY"),
        ("kk", "USD EUR RUB CNY KZT KGS UZS TJS TMT GBP JPY CHF TRY"),
        ("ky", "USD EUR RUB CNY KZT KGS UZS TJS TMT GBP JPY CHF TRY"),
        ("uz", "USD EUR RUB CNY KZT KGS UZS TJS TMT GBP JPY CHF TRY"),
        ("uz_Cyrl", "USD EUR RUB CNY UZS GBP JPY"),
        ("tg", "USD EUR RUB KGS UZS TJS TMT GBP JPY CHF TRY"),
        ("tk", "USD EUR RUB CNY KZT KGS UZS TJS TMT GBP JPY CHF TRY"),
    ],
)
def test_cldr_display_names_of_the_regions_currencies_are_read(locale: str, codes: str) -> None:
    """Names from a maintained source nobody here wrote (Unicode CLDR through Babel)."""
    babel = pytest.importorskip("babel")
    names = babel.Locale.parse(locale).currencies
    for code in codes.split():
        line = f"{names[code]} 12,34 / {names['USD' if code != 'USD' else 'EUR']} 478,77"
        items = ticker_items(line)
        assert items is not None and items[0].base == code, (locale, code, names[code])
        assert may_hold_ticker(line)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Dollar 478.77 / Euro 520.11 / Yuan 66.2", {"USD": "478.77", "EUR": "520.11", "CNY": "66.2"}),
        ("Юань 68,50 / Сомони 11,20 / Манат 3,50", {"CNY": "68.50", "TJS": "11.20", "TMT": "3.50"}),
        ("GBP 600.10 | CHF 530.20 | JPY 3.10", {"GBP": "600.10", "CHF": "530.20", "JPY": "3.10"}),
        ("Доллары 478,77 ▲ | Еуро 520,11 ▼ | Ресей рублі 5,91", {"USD": "478.77", "EUR": "520.11", "RUB": "5.91"}),
    ],
)
def test_name_tickers_in_a_page_header_give_rates(body: str, expected: dict[str, str]) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY.splitlines()[2:]) * 2
    html = (
        f"<html><head><title>Satellite deal</title></head><body><header><div class='rates'>{body}</div></header>"
        f"<article><h1>Satellite deal</h1>{paragraphs}</article></body></html>"
    )
    page = Page(url="https://example.kz/a", site="example.kz", body=html.encode(), fetched_at=FETCHED)
    result = extract(page)
    assert {q.base: q.amount for q in result.rates} == {k: Decimal(v) for k, v in expected.items()}
    assert {q.quote for q in result.rates} == {"KZT"}


@pytest.mark.parametrize(
    "text",
    [
        "In 2025 the economy grew 5% and the dollar fell against the tenge.",
        "Цены на хлеб выросли на 3,5 процента, сообщил Минэкономики 14 декабря.",
        "Some 40 countries and 12 regions took part in the 2026 Expo.",
    ],
)
def test_prefilter_passes_over_pages_with_no_currency_next_to_a_figure(text: str) -> None:
    assert not may_hold_ticker(text)


TOKENS = sorted({*CURRENCY_CODES, *CURRENCY_NAMES, *CURRENCY_SYMBOLS})
token_texts = st.lists(
    st.one_of(
        st.sampled_from(TOKENS).map(lambda t: t.upper() if len(t) % 2 else t.title()),
        st.from_regex(r"[+-]?\d{1,4}([.,]\d{1,4})?%?", fullmatch=True),
        st.sampled_from([" ", " / ", " | ", "·", "\n", "=", ":", "(", ")", "▲", "word", "Ақш"]),
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(token_texts, st.text(max_size=80)))
def test_prefilter_never_hides_a_line_the_parser_reads_as_a_ticker(text: str) -> None:
    if any(ticker_items(line) for line in text.splitlines()):
        assert may_hold_ticker(text)
