"""Bank parsers on hand-written samples: quirks kept, and every bad answer refused with a reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from steppe.errors import NoRatesForDate, RatesError, RatesPayloadError, StaleRates
from steppe.rates import banks as rates
from steppe.rates.banks import cbr, cbt, cbu, ecb, nbk, nbkr, nbt

SAMPLES = Path(__file__).parent / "samples" / "rates"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def only(quotes: list, base: str):
    found = [q for q in quotes if q.base == base]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("bank", sorted(rates.BANKS))
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("maintenance.html", "HTML page.*Технические работы"),
        ("cbt_sunday_404.html", "HTML page.*404 Not Found"),
        ("empty.bin", "empty answer"),
        ("whitespace.bin", "empty answer"),
    ],
)
def test_alien_or_empty_answer_is_refused_by_every_bank(bank, name, reason):
    with pytest.raises(RatesPayloadError, match=reason):
        rates.parse(bank, sample(name))


@pytest.mark.parametrize("bank", ["NBK", "NBKR", "NBT", "CBT", "CBR"])
def test_truncated_xml_is_a_payload_error_with_the_parser_reason(bank):
    with pytest.raises(RatesPayloadError, match="malformed XML"):
        rates.parse(bank, sample("truncated.xml"))


def test_xml_declaring_entities_is_refused_before_parsing():
    with pytest.raises(RatesPayloadError, match="entities"):
        nbk.parse(sample("entities.xml"))


def test_unknown_bank_is_a_rates_error():
    with pytest.raises(RatesError, match="unknown bank 'XYZ'"):
        rates.parse("XYZ", b"<x/>")


def test_bank_codes_are_case_insensitive():
    assert rates.parse("nbk", sample("nbk_unchanged.xml"))


def test_nbk_info_answer_means_no_rates_for_that_date():
    with pytest.raises(NoRatesForDate, match="информации нет"):
        nbk.parse(sample("nbk_no_data.xml"))


def test_nbk_error_element_means_no_rates_for_that_date():
    with pytest.raises(NoRatesForDate, match="Неверный формат"):
        nbk.parse(sample("nbk_error.xml"))


def test_nbk_rates_without_items_is_empty_not_unchanged():
    with pytest.raises(RatesPayloadError, match="empty answer.*06.04.2026"):
        nbk.parse(sample("nbk_empty.xml"))


def test_nbk_rates_without_date_is_alien_content_not_a_holiday():
    with pytest.raises(RatesPayloadError, match="without <date>"):
        nbk.parse(sample("nbk_no_date.xml"))


def test_nbk_unchanged_day_keeps_trimmed_values_signed_changes_and_quant():
    quotes = nbk.parse(sample("nbk_unchanged.xml"), provenance="file:nbk_unchanged.xml")
    assert [q.base for q in quotes] == ["USD", "JPY", "KGS", "UZS"]  # "Au" is no currency code
    assert only(quotes, "USD").change == Decimal("0.00")
    assert only(quotes, "KGS").change == Decimal("1.80")
    assert only(quotes, "JPY").amount == Decimal(3)
    assert only(quotes, "KGS").amount == Decimal("5.4")
    assert (only(quotes, "UZS").nominal, only(quotes, "UZS").rate) == (100, Decimal("0.0393"))
    assert {q.provenance for q in quotes} == {"file:nbk_unchanged.xml"}


def test_nbk_rss_reads_two_digit_years_and_skips_retired_currencies():
    quotes = nbk.parse(sample("nbk_rss_2digit.xml"))
    assert rates.detect_format("NBK", sample("nbk_rss_2digit.xml")) == "rss"
    assert [q.base for q in quotes] == ["USD", "KGS"]
    assert {q.date for q in quotes} == {date(2016, 4, 18)}


def test_nbk_rss_reads_four_digit_years():
    quotes = nbk.parse(sample("nbk_rss_4digit.xml"))
    assert {q.date for q in quotes} == {date(2026, 9, 28)}
    assert only(quotes, "USD").change == Decimal("1.25")


def test_nbkr_weekly_in_windows_1251_reads_comma_decimals_and_nominals():
    quotes = nbkr.parse(sample("nbkr_weekly.xml"))
    assert rates.detect_format("NBKR", sample("nbkr_weekly.xml")) == "weekly"
    assert only(quotes, "JPY").nominal == 10 and only(quotes, "BYR").nominal == 100
    assert only(quotes, "UZS").amount == Decimal("0.0073")
    assert only(quotes, "TMT").amount == Decimal("24.9857")


def test_nbkr_bad_number_names_the_currency_and_the_text():
    with pytest.raises(RatesPayloadError, match="bad number 'н/д' for NBKR USD"):
        nbkr.parse(sample("nbkr_bad_number.xml"))


def test_nbkr_history_needs_to_know_its_currency():
    with pytest.raises(RatesPayloadError, match="names no currency"):
        nbkr.parse(sample("nbkr_history.html"))
    quotes = nbkr.parse(sample("nbkr_history.html"), currency="USD")
    assert [(q.date, q.amount) for q in quotes] == [
        (date(2026, 1, 2), Decimal("87.4412")),
        (date(2026, 1, 1), Decimal("87.4500")),
    ]


def test_nbkr_history_url_reads_back_its_currency():
    url = nbkr.history_url("JPY", date(2026, 1, 1), date(2026, 1, 31))
    quotes = nbkr.parse(sample("nbkr_history.html"), provenance=url)
    assert {(q.base, q.nominal) for q in quotes} == {("JPY", 10)}


def test_cbu_answer_for_an_earlier_date_is_kept_with_its_own_date():
    quotes = cbu.parse(sample("cbu_carried.json"), asked=date(2024, 1, 10))
    assert {q.date for q in quotes} == {date(2024, 1, 9)}
    assert only(quotes, "USD").change == Decimal(0)
    assert only(quotes, "IDR").nominal == 10


def test_cbu_answer_dated_after_the_asked_date_is_stale():
    with pytest.raises(StaleRates, match="asked for 2024-01-08"):
        cbu.parse(sample("cbu_carried.json"), asked=date(2024, 1, 8))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("cbu_empty.json", "empty answer"),
        ("cbu_not_list.json", "not a list"),
        ("cbu_bad_rate.json", "no string Rate"),
    ],
)
def test_cbu_bad_json_is_refused_with_a_reason(name, reason):
    with pytest.raises(RatesPayloadError, match=reason):
        cbu.parse(sample(name))


def test_cbu_xml_matches_the_date_element_in_any_case():
    quotes = cbu.parse(sample("cbu.xml"))
    assert rates.detect_format("CBU", sample("cbu.xml")) == "xml"
    assert [(q.base, q.amount, q.date) for q in quotes] == [
        ("USD", Decimal("12194.21"), date(2026, 4, 1)),
        ("KZT", Decimal("25.53"), date(2026, 4, 1)),
    ]


def test_nbt_today_instead_of_an_out_of_range_date_is_stale():
    with pytest.raises(StaleRates, match="asked for 1999-12-31.*2026-05-22"):
        nbt.parse(sample("nbt_today_instead.xml"), asked=date(1999, 12, 31))
    assert only(nbt.parse(sample("nbt_today_instead.xml")), "AMD").nominal == 100


def test_cbt_reads_iso_dates_of_older_files_and_large_multipliers():
    quotes = cbt.parse(sample("cbt_2022.xml"))
    assert {q.date for q in quotes} == {date(2022, 3, 15)}
    assert (only(quotes, "UZS").amount, only(quotes, "UZS").nominal) == (Decimal("0.3115"), 1000)


def test_cbt_usd_cross_direction_is_mixed():
    crosses = [q for q in cbt.parse(sample("cbt_2022.xml"), usd_crosses=True) if q.quote != "TMT"]
    assert {(q.base, q.quote, q.amount) for q in crosses} == {
        ("EUR", "USD", Decimal("1.0941")),
        ("USD", "UZS", Decimal("11234.5")),
    }


def test_cbt_peg_is_a_labelled_fallback_from_2015():
    peg = cbt.peg_quote(date(2026, 5, 24))
    assert (peg.base, peg.quote, peg.amount, peg.kind) == ("USD", "TMT", Decimal("3.5"), "peg")
    assert "2015-01-01" in peg.provenance
    with pytest.raises(NoRatesForDate, match="2015-01-01"):
        cbt.peg_quote(date(2014, 12, 31))


def test_cbr_without_vunitrate_on_a_saturday_keeps_the_nominal():
    quotes = cbr.parse(sample("cbr_saturday.xml"))
    assert {q.date for q in quotes} == {date(2024, 3, 2)}
    uzs = only(quotes, "UZS")
    assert (uzs.amount, uzs.nominal) == (Decimal("73.4022"), 10000)


def test_cbr_dynamic_of_an_unknown_id_asks_for_the_currency():
    with pytest.raises(RatesPayloadError, match="R09999"):
        cbr.parse(sample("cbr_dynamic_unknown.xml"))
    assert only(cbr.parse(sample("cbr_dynamic_unknown.xml"), currency="XYZ"), "XYZ")


def test_ecb_daily_xml_keeps_trailing_zeros_and_eur_base():
    quotes = ecb.parse(sample("ecb_daily.xml"))
    assert rates.detect_format("ECB", sample("ecb_daily.xml")) == "xml"
    assert {(q.base, q.quote, q.amount) for q in quotes} >= {
        ("EUR", "USD", Decimal("1.0163")),
        ("EUR", "PLN", Decimal("4.7630")),
    }
    assert {q.date for q in quotes} == {date(2022, 7, 8)}


def test_ecb_hist_xml_gives_every_day():
    quotes = ecb.parse(sample("ecb_hist.xml"))
    assert sorted({q.date.day for q in quotes}) == [7, 8] and len(quotes) == 4


def test_ecb_csv_without_the_needed_columns_is_refused():
    with pytest.raises(RatesPayloadError, match="OBS_VALUE"):
        ecb.parse(sample("ecb_wrong.csv"))


@pytest.mark.parametrize("code", sorted(rates.BANKS))
def test_every_bank_module_declares_its_contract(code):
    module = rates.BANKS[code]
    assert {"NBK": "KZT", "NBKR": "KGS", "CBU": "UZS", "NBT": "TJS", "CBT": "TMT", "CBR": "RUB", "ECB": "EUR"}[
        code
    ] == module.HOME
    assert module.NAME and module.FORMATS and module.__doc__
    assert module.url_for(date(2026, 5, 20)).startswith("https://")


def test_by_date_urls_carry_the_date_in_each_bank_style():
    day = date(2026, 5, 4)
    assert nbk.url_for(day).endswith("fdate=04.05.2026")
    assert cbu.url_for(day).endswith("/all/2026-05-04/")
    assert "date=2026-05-04&export=xmlout" in nbt.url_for(day)
    assert cbt.url_for(day) == "https://cbt.tm/kurs/2026/04052026.xml"
    assert cbr.url_for(day).endswith("date_req=04/05/2026")
    assert "startPeriod=2026-05-04&endPeriod=2026-05-04" in ecb.url_for(day)
    assert "VAL_NM_RQ=R01235&date_req1=04/05/2026" in cbr.dynamic_url("USD", day, day)


def test_a_namespaced_payload_gives_the_quotes_of_its_plain_twin():
    plain = sample("nbk_unchanged.xml")
    spaced = plain.replace(b"<rates>", b'<rates xmlns="urn:example:nbk">', 1)
    assert spaced != plain
    assert nbk.parse(spaced, provenance="x") == nbk.parse(plain, provenance="x")


def test_a_field_is_read_from_its_plain_element_before_a_namespaced_one():
    payload = (
        b"<ValCurs Date='2026-05-18'><Valute xmlns:n='urn:x'>"
        b"<n:CharCode>EUR</n:CharCode><CharCode>USD</CharCode><Nominal>1</Nominal>"
        b"<n:Value>1,5</n:Value><Value>10,9500</Value><Value>11,0000</Value>"
        b"<!-- a comment --></Valute></ValCurs>"
    )
    (quote,) = nbt.parse(payload)
    assert (quote.base, quote.amount, quote.nominal) == ("USD", Decimal("10.9500"), 1)


def test_a_parsed_row_becomes_the_quote_whose_fields_it_names():
    from steppe.models import Quote
    from steppe.rates.banks.payload import to_quotes

    row = ("JPY", "KGS", date(2026, 4, 10), Decimal("5.6000"), 10, Decimal("-0.02"))
    assert to_quotes("NBKR", [row], "https://www.nbkr.kg/x") == [
        Quote(
            bank="NBKR",
            date=date(2026, 4, 10),
            base="JPY",
            quote="KGS",
            amount=Decimal("5.6000"),
            nominal=10,
            effective_date=None,
            kind="official",
            provenance="https://www.nbkr.kg/x",
            change=Decimal("-0.02"),
        )
    ]


@pytest.mark.parametrize("bank", sorted(rates.BANKS))
def test_parse_rows_refuses_what_parse_refuses(bank):
    with pytest.raises(RatesPayloadError, match="empty answer"):
        rates.parse_rows(bank, b"")
