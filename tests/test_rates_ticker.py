"""Ticker: four significant digits at least, changes from unrounded values, never '-0%'."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steppe.errors import BadQuery
from steppe.models import Quote
from steppe.rates.ticker_view import (
    TickerLine,
    change_pct,
    format_change,
    format_value,
    ticker_lines,
)

WED, THU = date(2026, 4, 1), date(2026, 4, 2)


def q(bank: str, day: date, base: str, quote: str, amount: str, nominal: int = 1) -> Quote:
    return Quote(bank=bank, date=day, base=base, quote=quote, amount=Decimal(amount), nominal=nominal)


PREVIOUS = [
    q("NBK", WED, "USD", "KZT", "478.77"),
    q("NBKR", WED, "USD", "KGS", "87.4500"),
    q("CBU", WED, "USD", "UZS", "12194.21"),
    q("NBT", WED, "USD", "TJS", "9.3450"),
    q("CBT", WED, "USD", "TMT", "3.5"),
]
TODAY = [
    q("NBK", THU, "USD", "KZT", "475.09"),
    q("NBKR", THU, "USD", "KGS", "87.4501"),  # +0.0001 %: rounds to zero
    q("CBU", THU, "USD", "UZS", "12142.10"),
    q("NBT", THU, "USD", "TJS", "9.3450"),
    q("CBT", THU, "USD", "TMT", "3.5"),
]


def by_currency(lines: list[TickerLine]) -> dict[str, TickerLine]:
    return {line.currency: line for line in lines}


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("478.77", "478.77"),
        ("12194.21", "12,194.21"),
        ("87.45", "87.45"),
        ("9.345", "9.345"),
        ("3.5", "3.500"),
        ("0.0000825403", "0.00008254"),
        ("0.000082", "0.00008200"),
        ("0.285714285714", "0.2857"),
        ("0.0020887", "0.002089"),
        ("1000000", "1,000,000.00"),
        ("0", "0.00"),
    ],
)
def test_values_keep_at_least_four_significant_digits(value, text):
    assert format_value(Decimal(value)) == text


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=Decimal("1e-12"), max_value=Decimal("1e9"), places=14))
def test_no_value_ever_prints_with_fewer_than_four_significant_digits(value):
    shown = format_value(value)
    digits = shown.replace(",", "").replace(".", "").lstrip("0")
    assert len(digits) >= 4, (value, shown)


def test_non_numbers_cannot_be_formatted():
    with pytest.raises(BadQuery):
        format_value(Decimal("NaN"))


def test_usd_per_uzs_shows_a_real_change_where_five_decimals_showed_none():
    lines = by_currency(ticker_lines(TODAY, PREVIOUS, orientation="usd_per_unit"))
    uzs = lines["UZS"]
    assert uzs.text.startswith("UZS/USD 0.00008236 ▲ +0.43%")
    assert uzs.direction == "up" and uzs.change_pct == Decimal("0.43")


def test_per_usd_orientation_prints_units_per_dollar_with_date_and_bank():
    kzt = by_currency(ticker_lines(TODAY, PREVIOUS))["KZT"]
    assert kzt.text == "USD/KZT 475.09 ▼ -0.77% 2026-04-02 NBK"
    assert (kzt.value, kzt.bank, kzt.effective_date) == (Decimal("475.09"), "NBK", THU)


def test_a_change_that_rounds_to_zero_prints_flat_never_minus_zero():
    today = [q("NBKR", THU, "USD", "KGS", "87.4499")]  # -0.0001 %
    (line,) = ticker_lines(today, PREVIOUS, currencies=("KGS",))
    assert "-0%" not in line.text and "-0.00%" not in line.text and "▬ 0.00%" in line.text
    assert line.direction == "flat" and str(line.change_pct) == "0.00"


def test_change_comes_from_unrounded_values_not_printed_ones():
    # Both days print 0.00008 at five decimals; unrounded they differ by 0.43 %.
    assert change_pct(Decimal(1) / Decimal("12142.10"), Decimal(1) / Decimal("12194.21")) == (Decimal("0.43"))
    # Both print 87.45; the change is real but below 0.005 %: flat, and not -0.00.
    assert str(change_pct(Decimal("87.4499"), Decimal("87.4500"))) == "0.00"


def test_direction_flips_with_orientation():
    per_usd = by_currency(ticker_lines(TODAY, PREVIOUS))
    per_unit = by_currency(ticker_lines(TODAY, PREVIOUS, orientation="usd_per_unit"))
    assert per_usd["KZT"].direction == "down" and per_unit["KZT"].direction == "up"
    assert per_unit["KZT"].change_pct == Decimal("0.77")


def test_tmt_shows_the_peg_exactly():
    lines = by_currency(ticker_lines(TODAY, PREVIOUS, orientation="usd_per_unit"))
    assert lines["TMT"].value == Decimal(1) / Decimal("3.5")
    assert lines["TMT"].text.startswith("TMT/USD 0.2857 ▬ 0.00%")


def test_tmt_without_cbt_says_it_is_the_peg():
    today = [x for x in TODAY if x.bank != "CBT"]
    tmt = by_currency(ticker_lines(today, PREVIOUS))["TMT"]
    assert tmt.kind == "peg" and tmt.text.endswith("CBT peg")


def test_no_previous_day_means_no_change_shown():
    lines = ticker_lines(TODAY, [])
    assert all(line.change_pct is None and line.direction == "flat" for line in lines)
    assert "%" not in by_currency(lines)["KZT"].text


def test_a_currency_nobody_priced_is_left_out_not_invented():
    lines = ticker_lines([q("NBK", THU, "USD", "KZT", "475.09")], [], currencies=("KZT", "UZS"))
    assert [line.currency for line in lines] == ["KZT"]


def test_weekend_ticker_says_carried_forward():
    today = [q("NBK", WED, "USD", "KZT", "478.77"), q("NBT", date(2026, 4, 4), "USD", "TJS", "9.3")]
    kzt = by_currency(ticker_lines(today, []))["KZT"]
    assert kzt.carried_forward and kzt.effective_date == WED


def test_unknown_orientation_is_refused():
    with pytest.raises(BadQuery, match="orientation"):
        ticker_lines(TODAY, PREVIOUS, orientation="sideways")


@pytest.mark.parametrize(
    ("change", "text"),
    [(Decimal("0.57"), "▲ +0.57%"), (Decimal("-0.57"), "▼ -0.57%"), (Decimal("0.00"), "▬ 0.00%"), (None, "")],
)
def test_change_marker_and_sign(change, text):
    assert format_change(change) == text
