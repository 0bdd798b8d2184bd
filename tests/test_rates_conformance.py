"""Every recorded bank payload in ../shared/corpora/rates parses, with the real published values.

The corpus lives outside the repository; a fresh clone has no ../shared, so these tests
skip with a message then (set STEPPE_SHARED to point at a copy).
"""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from steppe.errors import StaleRates
from steppe.rates import banks as rates
from steppe.rates.banks import cbt, cbu, nbk, nbt
from steppe.rates.convert import convert

SHARED = Path(os.environ.get("STEPPE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
CORPUS = SHARED / "corpora" / "rates"
MANIFEST = CORPUS / "manifest.json"
ENTRIES = json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.is_file() else []
BY_FILE = {entry["file"]: entry for entry in ENTRIES}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not ENTRIES,
        reason=f"rates corpus not found at {CORPUS} (a fresh clone has no ../shared; "
        "set STEPPE_SHARED to run the conformance tests)",
    ),
]


def bank_of(entry: dict) -> str:
    return entry["file"].split("/")[0].upper()


def expected_format(entry: dict) -> str:
    url = entry["url"]
    for needle, fmt in (
        ("get_rates.cfm", "by-date"),
        ("rates_all.xml", "rss"),
        ("daily.xml", "daily"),
        ("weekly.xml", "weekly"),
        ("index1.jsp", "history"),
        ("/json/", "json"),
        ("export_xml.php", "daily"),
        ("cbt.tm/kurs", "daily"),
        ("XML_daily", "daily"),
        ("XML_dynamic", "dynamic"),
        ("xml_metall", "metals"),
        ("format=csvdata", "csv"),
    ):
        if needle in url:
            return fmt
    raise AssertionError(f"no known format for {url}")


def load(name: str) -> list:
    entry = BY_FILE[name]
    return rates.parse(bank_of(entry), (CORPUS / name).read_bytes(), provenance=entry["url"])


def find(quotes: list, base: str, quote: str | None = None):
    found = [q for q in quotes if q.base == base and (quote is None or q.quote == quote)]
    assert len(found) == 1, f"expected one {base} quote, got {found}"
    return found[0]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_every_recorded_payload_parses_to_sane_quotes(entry):
    bank = bank_of(entry)
    payload = (CORPUS / entry["file"]).read_bytes()
    assert rates.detect_format(bank, payload) == expected_format(entry)
    quotes = rates.parse(bank, payload, provenance=entry["url"])
    assert quotes
    home = rates.BANKS[bank].HOME
    for q in quotes:
        assert q.bank == bank and q.provenance == entry["url"]
        assert isinstance(q.amount, Decimal) and q.amount > 0 and q.nominal >= 1
        assert (q.base if bank == "ECB" else q.quote) == home
        assert q.kind == "official"


def test_nbk_by_date_keeps_the_published_figures():
    quotes = load("nbk/000.xml")
    assert len(quotes) == 39 and not [q for q in quotes if q.base == "TMT"]
    usd = find(quotes, "USD")
    assert (usd.amount, usd.nominal, usd.date, usd.change) == (Decimal("478.77"), 1, date(2026, 4, 1), Decimal("-2.77"))
    assert find(quotes, "KGS").amount == Decimal("5.47")
    assert find(quotes, "TJS").amount == Decimal("50.19")
    assert find(quotes, "RUB").amount == Decimal("5.87")
    uzs = find(quotes, "UZS")
    assert (uzs.amount, uzs.nominal, uzs.rate) == (Decimal("3.93"), 100, Decimal("0.0393"))
    assert {find(quotes, c).nominal for c in ("AMD", "HUF")} == {10}
    assert find(quotes, "IRR").nominal == 1000


@pytest.mark.parametrize("name", ["nbk/000.xml", "nbk/001.xml", "nbk/002.xml"])
def test_nbk_date_is_the_asked_fdate(name):
    asked = BY_FILE[name]["url"].rsplit("fdate=", 1)[1]
    assert {q.date.strftime("%d.%m.%Y") for q in load(name)} == {asked}


def test_nbkr_daily_is_dated_the_day_it_takes_effect():
    quotes = load("nbkr/002.xml")
    assert [q.base for q in quotes] == ["USD", "EUR", "CNY", "KZT", "RUB"]
    assert {q.date for q in quotes} == {date(2026, 5, 24)}  # recorded Saturday 23 May
    assert find(quotes, "USD").amount == Decimal("87.4500")
    assert find(quotes, "KZT").amount == Decimal("0.1859")


def test_nbkr_weekly_keeps_nominals_and_few_digits_as_published():
    quotes = load("nbkr/003.xml")
    assert len(quotes) == 40 and {q.date for q in quotes} == {date(2026, 5, 23)}
    assert find(quotes, "TJS").amount == Decimal("9.4148")
    assert (find(quotes, "UZS").amount, find(quotes, "UZS").nominal) == (Decimal("0.0073"), 1)
    assert find(quotes, "TMT").amount == Decimal("24.9857")
    assert find(quotes, "BYR").nominal == 100 and find(quotes, "JPY").nominal == 10


def test_nbkr_history_page_takes_currency_from_valuta_id():
    usd, eur = load("nbkr/000.html"), load("nbkr/001.html")
    assert {q.base for q in usd} == {"USD"} and {q.base for q in eur} == {"EUR"}
    assert [q.date.day for q in usd] == [25, 18, 11, 4]  # weekly rows, newest first
    assert usd[0].amount == Decimal("40.9614") and eur[0].amount == Decimal("49.4425")


def test_cbu_json_keeps_string_values_and_diff():
    quotes = load("cbu/000.json")
    assert len(quotes) == 75 and {q.date for q in quotes} == {date(2026, 4, 1)}
    usd = find(quotes, "USD")
    assert (usd.amount, usd.change) == (Decimal("12194.21"), Decimal("-16.5"))
    for code, value in (
        ("KZT", "25.53"),
        ("KGS", "139.40"),
        ("TJS", "1272.88"),
        ("TMT", "4037.68"),
    ):
        assert find(quotes, code).amount == Decimal(value)
    assert find(quotes, "IDR").nominal == 10


@pytest.mark.parametrize("name", ["cbu/000.json", "cbu/001.json", "cbu/002.json"])
def test_cbu_answer_matches_the_asked_date(name):
    asked = date.fromisoformat(BY_FILE[name]["url"].rstrip("/").rsplit("/", 1)[1])
    quotes = cbu.parse((CORPUS / name).read_bytes(), asked=asked)
    assert {q.date for q in quotes} == {asked}


def test_nbt_keeps_values_and_nominals():
    quotes = load("nbt/000.xml")
    assert len(quotes) == 36 and {q.date for q in quotes} == {date(2026, 5, 18)}
    for code, value, nominal in (
        ("USD", "9.3450", 1),
        ("KZT", "0.1971", 10),
        ("KGS", "1.0686", 10),
        ("UZS", "0.0780", 100),
        ("TMT", "2.6700", 1),
    ):
        q = find(quotes, code)
        assert (q.amount, q.nominal) == (Decimal(value), nominal)


@pytest.mark.parametrize("name", ["nbt/000.xml", "nbt/001.xml", "nbt/002.xml"])
def test_nbt_answer_for_the_asked_date_passes_and_another_is_stale(name):
    payload = (CORPUS / name).read_bytes()
    asked = date.fromisoformat(BY_FILE[name]["url"].split("date=")[1].split("&")[0])
    assert nbt.parse(payload, asked=asked)
    with pytest.raises(StaleRates, match="asked for 2001-01-01"):
        nbt.parse(payload, asked=date(2001, 1, 1))


def test_cbt_keeps_rate_tmt_per_multiplier():
    quotes = load("cbt/000.xml")
    assert len(quotes) == 48 and {q.date for q in quotes} == {date(2026, 5, 20)}
    for code, value, nominal in (
        ("USD", "3.5", 1),
        ("KZT", "0.7424", 100),
        ("KGS", "4.0023", 100),
        ("UZS", "0.2913", 1000),
        ("TJS", "0.3788", 1),
        ("RUB", "4.9088", 100),
        ("EUR", "4.0649", 1),
        ("IRR", "0.0265", 10000),
    ):
        q = find(quotes, code)
        assert (q.amount, q.nominal) == (Decimal(value), nominal)


def test_cbt_usd_crosses_follow_the_direction_the_name_gives():
    payload = (CORPUS / "cbt/000.xml").read_bytes()
    crosses = [q for q in cbt.parse(payload, usd_crosses=True) if q.quote != "TMT"]
    assert find(crosses, "EUR", "USD").amount == Decimal("1.1614")  # USD per EUR
    assert find(crosses, "AUD", "USD").amount == Decimal("0.711")
    usd_kzt = [q for q in crosses if q.base == "USD" and q.quote == "KZT"]
    assert usd_kzt[0].amount == Decimal("471.44")  # KZT per USD


def test_cbr_daily_keeps_large_nominals():
    quotes = load("cbr/000.xml")
    assert len(quotes) == 54 and {q.date for q in quotes} == {date(2026, 4, 25)}  # a Saturday
    for code, value, nominal in (
        ("USD", "75.5273", 1),
        ("KZT", "16.3172", 100),
        ("KGS", "86.4125", 100),
        ("UZS", "62.8322", 10000),
        ("TJS", "80.0866", 10),
        ("TMT", "21.5792", 1),
    ):
        q = find(quotes, code)
        assert (q.amount, q.nominal) == (Decimal(value), nominal)


def test_cbr_dynamic_names_the_currency_from_its_id_and_has_no_monday():
    quotes = load("cbr/016.xml")
    assert {q.base for q in quotes} == {"USD"}
    assert [(q.date.day, q.amount) for q in quotes] == [
        (3, Decimal("77.1734")),
        (4, Decimal("77.6093")),
        (5, Decimal("77.8009")),
    ]


def test_cbr_metals_are_per_gram_not_troy_ounce():
    quotes = load("cbr/055.xml")
    assert {q.base for q in quotes} == {"XAU-G", "XAG-G", "XPT-G", "XPD-G"}
    assert find([q for q in quotes if q.date == date(2026, 3, 3)], "XAU-G").amount == Decimal("12957.47")


def test_ecb_csv_skips_the_blank_trailer_and_keeps_eur_as_base():
    quotes = load("ecb/000.csv")
    assert len(quotes) == 8067
    recent = load("ecb/001.csv")
    usd = [q for q in recent if q.quote == "USD" and q.date == date(2026, 2, 17)]
    assert usd[0].base == "EUR" and usd[0].amount == Decimal("1.1826")


@pytest.mark.parametrize(
    ("module", "name", "day"),
    [
        (nbk, "nbk/000.xml", date(2026, 4, 1)),
        (cbu, "cbu/000.json", date(2026, 4, 1)),
        (nbt, "nbt/000.xml", date(2026, 5, 18)),
        (cbt, "cbt/000.xml", date(2026, 5, 20)),
    ],
)
def test_url_for_gives_the_recorded_address(module, name, day):
    assert module.url_for(day) == BY_FILE[name]["url"]


@pytest.mark.parametrize(
    ("names", "on"),
    [
        (["cbr/000.xml"], date(2026, 4, 25)),
        (["nbkr/002.xml", "nbkr/003.xml"], date(2026, 5, 24)),
        (["nbt/000.xml"], date(2026, 5, 18)),
        (["nbt/002.xml"], date(2026, 5, 20)),
        (["cbt/000.xml"], date(2026, 5, 20)),
    ],
)
def test_implied_usd_tmt_is_the_official_peg(names, on):
    quotes = [q for name in names for q in load(name)]
    result = convert(Decimal(1), "USD", "TMT", on, quotes, peg_fallback=False)
    assert not result.uses_peg
    assert result.rate.quantize(Decimal("0.0001")) == Decimal("3.5000")


def test_nbt_implied_usd_tmt_stays_within_its_four_published_decimals_of_the_peg():
    # 19 May: 9.3371 / 2.6677 = 3.50006; TMT's 4th decimal alone moves the ratio 0.00007.
    result = convert(Decimal(1), "USD", "TMT", date(2026, 5, 19), load("nbt/001.xml"), peg_fallback=False)
    assert abs(result.rate - Decimal("3.5")) < Decimal("0.0001")


def test_cbu_tmt_figure_disagrees_with_the_peg_and_is_flagged():
    result = convert(Decimal(1), "TMT", "UZS", date(2026, 4, 1), load("cbu/000.json"))
    assert result.uses_peg and result.banks == ("CBT", "CBU")
    flagged = {(d.bank, d.frm, d.to) for d in result.disagreements}
    assert ("CBU", "TMT", "UZS") in flagged
