"""Official exchange rates: one pure adapter per bank (the ``BankAdapter`` contract), a registry, format sniffing.

Nothing here touches the network or a database: bytes in, quotes out. A new bank is a module
that satisfies ``BankAdapter``, registered in ``BANKS`` with its weekdays in ``PUBLISHES``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, runtime_checkable

from steppe.errors import RatesError
from steppe.models import Quote
from steppe.rates.banks import cbr, cbt, cbu, ecb, nbk, nbkr, nbt
from steppe.rates.banks.payload import Row


@runtime_checkable
class BankAdapter(Protocol):
    """What each bank module offers (a module satisfies it through its top-level names)."""

    # Read-only members, so that a module's plain constants (``FORMATS = ("xml", "csv")``) satisfy them.
    @property
    def HOME(self) -> str:
        """The bank's own currency, the pivot of its quotes."""
        ...

    @property
    def NAME(self) -> str:
        """The bank's name."""
        ...

    @property
    def FORMATS(self) -> tuple[str, ...]:
        """The payload formats ``sniff`` tells apart."""
        ...

    def url_for(self, day: date) -> str:
        """Where the bank publishes the rates in force on ``day``."""
        ...

    def sniff(self, payload: bytes) -> str:
        """Which of ``FORMATS`` the payload is (RatesPayloadError when none)."""
        ...

    def parse(self, payload: bytes, *args: Any, **kw: Any) -> list[Quote]:
        """The payload's quotes, as published."""
        ...

    def parse_rows(self, payload: bytes, *args: Any, **kw: Any) -> list[Row]:
        """``parse`` as plain rows, for bulk storing."""
        ...


BANKS: dict[str, BankAdapter] = {
    "NBK": nbk,
    "NBKR": nbkr,
    "CBU": cbu,
    "NBT": nbt,
    "CBT": cbt,
    "CBR": cbr,
    "ECB": ecb,
}
# Weekdays (Monday = 0) on which each bank publishes a dated file. NBT files every day;
# CBR's effective dates run Tuesday to Saturday; CBT answers 404 on Sundays.
PUBLISHES: dict[str, frozenset[int]] = {
    "NBK": frozenset(range(5)),
    "NBKR": frozenset(range(5)),
    "CBU": frozenset(range(5)),
    "NBT": frozenset(range(7)),
    "CBT": frozenset(range(6)),
    "CBR": frozenset(range(1, 6)),
    "ECB": frozenset(range(5)),
}
# The bank that issues each currency: the home bank wins for its own currency.
HOME_BANKS: dict[str, str] = {module.HOME: code for code, module in BANKS.items()}

__all__ = [
    "BANKS",
    "PUBLISHES",
    "BankAdapter",
    "HOME_BANKS",
    "Row",
    "bank_module",
    "detect_format",
    "parse",
    "parse_rows",
]


def bank_module(bank: str) -> BankAdapter:
    """The parser module of a bank code (case-insensitive), or RatesError if unknown."""
    module = BANKS.get(bank.strip().upper()) if isinstance(bank, str) else None
    if module is None:
        raise RatesError(f"unknown bank {bank!r}; known: {', '.join(BANKS)}")
    return module


def detect_format(bank: str, payload: bytes) -> str:
    """Which of the bank's formats the payload is (e.g. NBK 'rss' or 'by-date')."""
    return bank_module(bank).sniff(payload)


def parse(bank: str, payload: bytes, **kw: object) -> list[Quote]:
    """Parse a payload of ``bank``, whichever of its formats it is."""
    return bank_module(bank).parse(payload, **kw)


def parse_rows(bank: str, payload: bytes, **kw: object) -> list[Row]:
    """``parse`` as rows (payload.Row): what a backfill stores, without a Quote for each."""
    return bank_module(bank).parse_rows(payload, **kw)
