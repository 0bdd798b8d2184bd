"""Every bank module satisfies the BankAdapter contract, and the registry knows each bank's weekdays."""

from __future__ import annotations

from datetime import date

import pytest

from steppe.rates.banks import BANKS, PUBLISHES, BankAdapter


@pytest.mark.parametrize("bank", sorted(BANKS))
def test_each_bank_module_is_a_bank_adapter(bank):
    module = BANKS[bank]
    assert isinstance(module, BankAdapter), f"{bank} misses part of the BankAdapter contract"
    assert module.FORMATS and len(module.HOME) == 3 and module.HOME.isupper()
    assert module.url_for(date(2026, 11, 27)).startswith("https://")
    assert PUBLISHES[bank], f"{bank} has no publication weekdays"


def test_each_currency_has_one_home_bank():
    homes = [module.HOME for module in BANKS.values()]
    assert len(homes) == len(set(homes))
