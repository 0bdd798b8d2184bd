"""Property tests: whatever bytes arrive, a bank parser returns quotes or raises a RatesError."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Context, Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from steppe.errors import RatesError
from steppe.models import Quote
from steppe.rates import banks as rates
from steppe.rates.banks.payload import parse_day, parse_decimal
from steppe.rates.convert import convert

BANKS = sorted(rates.BANKS)

# Fragments of real formats, so the fuzzer reaches past the first check.
FRAGMENTS = [
    b'<?xml version="1.0" encoding="utf-8"?>',
    b'<?xml version="1.0" encoding="windows-1251"?>',
    b"<rates>",
    b"</rates>",
    b"<date>01.04.2026</date>",
    b"<item>",
    b"</item>",
    b"<title>USD</title>",
    b"<description>478.77</description>",
    b"<quant>1</quant>",
    b"<quant>0</quant>",
    b"<change>+1.80</change>",
    b"<rss><channel>",
    b"<pubDate>18.04.16</pubDate>",
    b'<CurrencyRates Name="Daily" Date="24.05.2026">',
    b'<Currency ISOCode="USD">',
    b"<Nominal>1</Nominal>",
    b"<Value>87,4500</Value>",
    b"<Value>1e999</Value>",
    b'<ValCurs Date="2026-05-18">',
    b'<ValCurs ID="R01235" DateRange1="x">',
    b"<Valute>",
    b"<CharCode>USD</CharCode>",
    b'<Record Date="03.03.2026">',
    b"<cbt_currency_rate>",
    b'<rate code="USD">',
    b"<rate_tmt>3.5</rate_tmt>",
    b"<multiplier>1000</multiplier>",
    b"<gesmes:Envelope>",
    b"<Cube time='2022-07-08'>",
    b"<Cube currency='USD' rate='1.0163'/>",
    b"FREQ,CURRENCY,TIME_PERIOD,OBS_VALUE\n",
    b"D,USD,2026-02-17,1.1826\n",
    b"D,USD,x,NaN\n",
    b'[{"Ccy":"USD","Rate":"12194.21","Nominal":"1","Date":"01.04.2026","Diff":"-1"}]',
    b'[{"Ccy":"USD","Rate":null}]',
    b"[",
    b"{",
    b"<!--date-->01.01.2026<!--date-->",
    b"<!--value-->87,45<!--value-->",
    b"<table>",
    b"<html>",
    b"\xef\xbb\xbf",
    b"\x00",
    b"\xff\xfe",
]
payloads = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=20)), max_size=30).map(b"".join),
)


@pytest.mark.parametrize("bank", BANKS)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=payloads)
def test_random_bytes_give_quotes_or_a_rates_error_never_anything_else(bank, payload):
    try:
        quotes = rates.parse(bank, payload)
    except RatesError:
        return
    assert quotes and all(isinstance(q, Quote) and q.amount > 0 for q in quotes)


@pytest.mark.parametrize("bank", BANKS)
@settings(max_examples=100, deadline=None)
@given(payload=payloads)
def test_format_sniffing_never_raises_anything_but_a_rates_error(bank, payload):
    try:
        assert rates.detect_format(bank, payload) in rates.BANKS[bank].FORMATS
    except RatesError:
        pass


amounts = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(100000), places=4)


@settings(max_examples=200, deadline=None)
@given(usd_kzt=amounts, usd_kgs=amounts, money=amounts)
def test_converting_there_and_back_returns_the_amount(usd_kzt, usd_kgs, money):
    day = date(2026, 4, 1)
    quotes = [
        Quote(bank="NBK", date=day, base="USD", quote="KZT", amount=usd_kzt),
        Quote(bank="NBKR", date=day, base="USD", quote="KGS", amount=usd_kgs),
    ]
    there = convert(money, "KZT", "KGS", day, quotes)
    # an amount asked for is bounded (1e-6 to 1e15, 20 significant digits): the exact result is rounded
    # to what a reader could ask for, and the way back may differ by that rounding only
    asked = Context(prec=20).plus(there.value)
    assume(Decimal("1e-6") <= asked <= Decimal("1e15"))
    back = convert(asked, "KGS", "KZT", day, quotes)
    assert abs(back.value - money) <= money * Decimal("1e-18")


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet="0123456789.,+- \u00a0e\u0661", max_size=10), comma=st.booleans())
def test_a_published_number_is_read_exactly_when_it_is_plain_decimal_notation(text, comma):
    raw = text.strip().replace(",", ".") if comma else text.strip()
    raw = raw.replace("\u00a0", "").replace(" ", "")
    plain = re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw)
    try:
        value = parse_decimal(text, "a number", comma=comma)
    except RatesError:
        assert plain is None
    else:
        assert plain is not None and value == Decimal(raw) and str(value) == str(Decimal(raw))


@settings(max_examples=500, deadline=None)
@given(
    text=st.one_of(
        st.builds(date.strftime, st.dates(), st.sampled_from(["%d.%m.%Y", "%Y-%m-%d", "%-d.%-m.%Y"])),
        st.builds("{0:02d}.{1:02d}.{2:04d}".format, st.integers(0, 39), st.integers(0, 19), st.integers(0, 9999)),
        st.builds("{2:04d}-{1:02d}-{0:02d}".format, st.integers(0, 39), st.integers(0, 19), st.integers(0, 9999)),
        st.text(alphabet="0123456789.-", min_size=8, max_size=11),
    ),
    fmt=st.sampled_from(["%d.%m.%Y", "%Y-%m-%d"]),
)
def test_a_published_date_is_read_as_strptime_reads_it(text, fmt):
    try:
        expected = datetime.strptime(text, fmt).date()
    except ValueError:
        expected = None
    try:
        assert parse_day(text, (fmt,), "a date") == expected
    except RatesError:
        assert expected is None
