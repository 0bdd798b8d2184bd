"""Conversion: home bank first, exact Decimals, disagreements flagged, weekends carried forward."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from steppe.errors import BadQuery, RateNotFound
from steppe.models import Quote
from steppe.rates.convert import Conversion, convert, quotes_on

WED, THU, FRI, SAT, SUN = (date(2026, 4, d) for d in (1, 2, 3, 4, 5))


def q(bank: str, day: date, base: str, quote: str, amount: str, nominal: int = 1, **kw) -> Quote:
    return Quote(bank=bank, date=day, base=base, quote=quote, amount=Decimal(amount), nominal=nominal, **kw)


DESK = [
    q("NBK", WED, "USD", "KZT", "478.77"),
    q("NBK", WED, "KGS", "KZT", "5.47"),
    q("NBK", WED, "UZS", "KZT", "3.93", 100),
    q("NBK", WED, "CNY", "KZT", "66.12"),
    q("NBKR", WED, "USD", "KGS", "87.4500"),
    q("NBKR", WED, "KZT", "KGS", "0.1827"),
    q("CBU", WED, "USD", "UZS", "12194.21"),
    q("CBU", WED, "TMT", "UZS", "4037.68"),
    q("CBT", WED, "USD", "TMT", "3.5"),
    q("ECB", WED, "EUR", "USD", "1.0800"),
    q("ECB", WED, "EUR", "CNY", "7.8300"),
    q("ECB", WED, "EUR", "JPY", "162.40"),
]


def test_home_bank_figure_is_used_for_its_own_currency():
    result = convert(Decimal("100"), "USD", "KZT", WED, DESK)
    assert result.value == Decimal("47877.00")
    assert result.banks == ("NBK",) and result.route == ("USD", "KZT")
    assert result.sources == (DESK[0],)


def test_conversion_is_exact_decimal_without_float_drift():
    result = convert(Decimal("0.1"), "USD", "TMT", WED, DESK)
    assert result.value == Decimal("0.35") and isinstance(result.value, Decimal)
    tenth = convert("0.3", "TMT", "USD", WED, DESK)
    assert tenth.value == Decimal("0.08571428571428571428571428571")  # 0.3 / 3.5, 28 digits


def test_nominal_is_divided_only_at_the_end():
    result = convert(Decimal("1"), "UZS", "KZT", WED, [DESK[2]], peg_fallback=False)
    assert result.rate == Decimal("0.0393")


def test_two_home_currencies_go_through_usd_each_from_its_own_bank():
    result = convert(Decimal("1000"), "KGS", "UZS", WED, DESK)
    assert result.route == ("KGS", "USD", "UZS") and result.banks == ("NBKR", "CBU")
    assert result.value == Decimal("12194210") / Decimal("87.45")


def test_both_publishers_of_a_pair_that_disagree_are_flagged_but_home_banks_win():
    quotes = DESK + [q("NBK", WED, "TMT", "KZT", "150.00")]  # 136.79 through USD
    result = convert(Decimal(1), "TMT", "KZT", WED, quotes)
    assert result.banks == ("CBT", "NBK")
    assert result.rate == Decimal("478.77") / Decimal("3.5")
    (flag,) = result.disagreements
    assert (flag.bank, flag.frm, flag.to, flag.theirs) == ("NBK", "TMT", "KZT", Decimal("150"))
    assert flag.diff_pct == Decimal("9.6560")


def test_small_differences_within_half_a_percent_are_not_flagged():
    result = convert(Decimal(1), "KGS", "KZT", WED, DESK)
    # Through USD 478.77 / 87.45 = 5.4748; NBK says 5.47 (-0.09 %), NBKR 1/0.1827 (-0.03 %).
    assert result.disagreements == ()


def test_a_disagreement_just_beyond_the_tolerance_is_flagged():
    quotes = DESK + [q("CBR", WED, "USD", "KZT", "481.19")]  # +0.5055 % against NBK
    result = convert(Decimal(1), "USD", "KZT", WED, quotes)
    assert [d.bank for d in result.disagreements] == ["CBR"]
    assert result.rate == Decimal("478.77")


def test_cbu_tmt_figure_is_flagged_against_the_turkmen_peg():
    result = convert(Decimal(1), "TMT", "UZS", WED, DESK)
    assert result.banks == ("CBT", "CBU")
    assert [(d.bank, d.frm, d.to) for d in result.disagreements] == [("CBU", "TMT", "UZS")]


def test_currencies_without_home_bank_cross_inside_one_reference_bank():
    result = convert(Decimal(1), "CNY", "JPY", WED, DESK)
    assert result.banks == ("ECB",) and result.legs[0].via == "EUR"
    assert result.rate == Decimal("162.40") / Decimal("7.8300")


def test_a_home_bank_direct_figure_wins_over_a_cross_elsewhere():
    result = convert(Decimal(1), "CNY", "KZT", WED, DESK)
    assert result.banks == ("NBK",) and result.rate == Decimal("66.12")


def test_weekend_takes_the_last_rate_at_or_before_and_says_carried_forward():
    result = convert(Decimal(1), "USD", "KZT", SUN, DESK)
    assert result.rate == Decimal("478.77")
    assert result.carried_forward and result.effective_date == WED


def test_a_rate_for_the_day_itself_is_not_carried_forward():
    quotes = DESK + [q("NBK", FRI, "USD", "KZT", "480.00")]
    result = convert(Decimal(1), "USD", "KZT", FRI, quotes)
    assert result.rate == Decimal("480.00") and not result.carried_forward


def test_a_rate_published_after_the_date_is_never_used():
    quotes = [q("NBK", FRI, "USD", "KZT", "480.00")]
    with pytest.raises(RateNotFound, match="USD to KZT"):
        convert(Decimal(1), "USD", "KZT", THU, quotes)


def test_carry_forward_stops_after_the_lookback():
    with pytest.raises(RateNotFound):
        convert(Decimal(1), "USD", "KZT", date(2026, 4, 30), DESK, max_carry_days=14)


def test_tmt_falls_back_to_the_labelled_peg_when_cbt_gave_nothing():
    quotes = [x for x in DESK if x.bank != "CBT"]
    result = convert(Decimal(7), "TMT", "USD", SAT, quotes)
    assert result.value == Decimal(2) and result.uses_peg
    assert result.sources[0].kind == "peg"


def test_peg_is_not_used_without_the_fallback():
    quotes = [x for x in DESK if x.bank != "CBT"]
    with pytest.raises(RateNotFound):
        convert(Decimal(1), "USD", "TMT", WED, quotes, peg_fallback=False)


def test_scraped_ticker_figures_are_never_used():
    quotes = [q("page", WED, "USD", "KZT", "520.8", kind="page-ticker")]
    with pytest.raises(RateNotFound):
        convert(Decimal(1), "USD", "KZT", WED, quotes)


def test_same_currency_is_one_without_quotes():
    result = convert(Decimal("5"), "kzt", "KZT", WED, [])
    assert isinstance(result, Conversion) and result.value == Decimal(5) and result.legs == ()


@pytest.mark.parametrize("amount", [1.5, "abc", "NaN", True])
def test_amount_must_be_an_exact_number(amount):
    with pytest.raises(BadQuery):
        convert(amount, "USD", "KZT", WED, DESK)


def test_quotes_on_keeps_the_latest_per_bank_and_pair():
    quotes = DESK + [q("NBK", THU, "USD", "KZT", "475.09"), q("NBK", SAT, "USD", "KZT", "1")]
    chosen = quotes_on(quotes, FRI)
    usd = [x for x in chosen if x.bank == "NBK" and x.base == "USD"]
    assert [x.amount for x in usd] == [Decimal("475.09")]


def test_effective_date_is_used_when_the_bank_dates_differently():
    quote = q("NBK", WED, "USD", "KZT", "478.77", effective_date=FRI)
    with pytest.raises(RateNotFound):
        convert(Decimal(1), "USD", "KZT", THU, [quote])
    assert convert(Decimal(1), "USD", "KZT", FRI, [quote]).effective_date == FRI
