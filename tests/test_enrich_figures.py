"""Money amounts with currency, scale and year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from steppe.enrich.figures import find_figures, parse_number


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("Exports reached $120.5 million.", "120500000", "USD"),
        ("A US$2bn loan.", "2000000000", "USD"),
        ("Бюджет 1,5 млрд тенге.", "1500000000", "KZT"),
        ("A €2 billion plan.", "2000000000", "EUR"),
        ("Бюджет 300 трлн сумов.", "300000000000000", "UZS"),
        ("Кредит 12 млн долларов.", "12000000", "USD"),
        ("Spending of 2.3 billion tenge.", "2300000000", "KZT"),
        ("KZT 2.3 billion was allocated.", "2300000000", "KZT"),
        ("It costs 1,500 tenge.", "1500", "KZT"),
        ("A grant of 5 million US dollars.", "5000000", "USD"),
        ("Штраф 50 000 сомов.", "50000", "KGS"),
        ("Выделено 120 тыс. долларов.", "120000", "USD"),
        ("Бюджет 500 млрд сомов.", "500000000000", "KGS"),
        ("Оценка 10 млрд рублей.", "10000000000", "RUB"),
        ("Investment of 2 billion euros.", "2000000000", "EUR"),
        ("Raised USD 15 million.", "15000000", "USD"),
        ("Выручка 4,5 трлн тенге.", "4500000000000", "KZT"),
        ("A $5m grant.", "5000000", "USD"),
        ("Salary of 3 million somoni.", "3000000", "TJS"),
    ],
)
def test_money_figures_with_scale_words(text: str, value: str, currency: str) -> None:
    (figure,) = find_figures(text)
    assert figure.value == Decimal(value)
    assert figure.currency == currency


@pytest.mark.parametrize(
    "text, year",
    [
        ("Trade hit $1.2 bn in 2025.", 2025),
        ("В 2024 году товарооборот составил 1,5 млрд долларов.", 2024),
        ("The fund will invest $300 million.", None),
    ],
)
def test_year_stated_next_to_a_figure(text: str, year: int | None) -> None:
    (figure,) = find_figures(text)
    assert figure.year == year


def test_figures_keep_their_text_and_order() -> None:
    figures = find_figures("Turnover hit $1.2bn, up from $1bn in 2024, and 3 млрд тенге.")
    assert [f.text for f in figures] == ["$1.2bn", "$1bn", "3 млрд тенге"]
    assert figures[1].year == 2024


@pytest.mark.parametrize(
    "text",
    [
        "He will try 5 times.",
        "A 5 km road.",
        "5m people live there.",
        "In 2025 the plan began.",
        "The 15% rate.",
        "Он набрал 90 голосов.",
    ],
)
def test_numbers_without_money_are_not_figures(text: str) -> None:
    assert find_figures(text) == ()


@pytest.mark.parametrize(
    "raw, cyrillic, expected",
    [
        ("1,5", True, "1.5"),
        ("1,500", False, "1500"),
        ("1 200 000", False, "1200000"),
        ("1.200.000", False, "1200000"),
        ("1,234.5", False, "1234.5"),
        ("1.234,5", True, "1234.5"),
    ],
)
def test_number_formats_of_both_traditions(raw: str, cyrillic: bool, expected: str) -> None:
    assert parse_number(raw, cyrillic) == Decimal(expected)
