"""Central Bank of Turkmenistan (TMT): the XML for each effective date, and the USD peg.

``https://cbt.tm/kurs/YYYY/DDMMYYYY.xml`` answers ``<cbt_currency_rate>`` with a
``<date>`` (DD.MM.YYYY since 2024, YYYY-MM-DD in 2020-2023 files) and ``<rate code>``
entries: ``rate_tmt`` is TMT per ``multiplier`` units. ``rate_usd`` is CBT's own USD
cross whose direction is mixed (USD per unit for EUR, GBP, AUD, XDR, whose names end in
"/ ABŞ DOLL."; units per USD otherwise); it is returned only when asked.

The bank is often unreachable from abroad (403, DNS, refused TCP), so ``peg_quote``
gives the official 3.5 TMT per USD in force since 2015-01-01, labelled kind='peg'.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from lxml import etree

from steppe.errors import NoRatesForDate, RatesPayloadError
from steppe.models import Quote
from steppe.rates.banks import payload as rates_payload

HOME = "TMT"
NAME = "Central Bank of Turkmenistan"
CODE = "CBT"
FORMATS = ("daily",)
PEG = Decimal("3.5")
PEG_SINCE = date(2015, 1, 1)
# EUR, GBP, AUD, XDR are quoted in USD per unit, and their names end "/ ABŞ DOLL..".
_PER_USD_NAME = re.compile(r"/\s*ABŞ", re.IGNORECASE)
PEG_PROVENANCE = "peg: 3.5 TMT per USD since 2015-01-01 (Central Bank of Turkmenistan)"
# The children of a <rate> that make its row, and those its USD cross needs too.
_RATE_FIELDS = frozenset(("rate_tmt", "multiplier"))
_CROSS_FIELDS = _RATE_FIELDS | {"rate_usd", "name"}


def url_for(day: date) -> str:
    """The XML of the rates in force on ``day`` (Sundays answer 404)."""
    return f"https://cbt.tm/kurs/{day:%Y}/{day:%d%m%Y}.xml"


def peg_quote(on: date) -> Quote:
    """The official peg, 3.5 TMT per USD, as a kind='peg' quote for ``on`` (from 2015-01-01)."""
    base, quote, day, amount, nominal, _ = peg_row(on)
    return Quote(
        bank=CODE,
        date=day,
        base=base,
        quote=quote,
        amount=amount,
        nominal=nominal,
        kind="peg",
        provenance=PEG_PROVENANCE,
    )


def peg_row(on: date) -> rates_payload.Row:
    """``peg_quote`` as a row (rates_payload.Row), to be stored with kind='peg' and ``PEG_PROVENANCE``."""
    if on < PEG_SINCE:
        raise NoRatesForDate(f"{CODE}: the 3.5 TMT/USD peg applies only from {PEG_SINCE}")
    return "USD", HOME, on, PEG, 1, None


def sniff(payload: bytes) -> str:
    """Which CBT format the payload is (only 'daily' is known)."""
    _root(payload)
    return "daily"


def parse(payload: bytes, *, provenance: str | None = None, usd_crosses: bool = False) -> list[Quote]:
    """Parse the daily XML into TMT per multiplier quotes (plus CBT's USD crosses if asked)."""
    return rates_payload.to_quotes(
        CODE, parse_rows(payload, provenance=provenance, usd_crosses=usd_crosses), provenance
    )


def parse_rows(payload: bytes, *, provenance: str | None = None, usd_crosses: bool = False) -> list[rates_payload.Row]:
    """``parse`` as rows (rates_payload.Row)."""
    root = _root(payload)
    day = rates_payload.parse_day(rates_payload.child_text(root, "date"), ("%d.%m.%Y", "%Y-%m-%d"), f"{CODE} <date>")
    names = _CROSS_FIELDS if usd_crosses else _RATE_FIELDS
    rows: list[rates_payload.Row] = []
    for rate in rates_payload.elements(root, "rate"):
        code = (rate.get("code") or "").strip()
        if not rates_payload.is_code(code):
            continue
        fields = rates_payload.fields_text(rate, names)
        what = f"{CODE} {code}"
        amount = rates_payload.parse_decimal(fields.get("rate_tmt"), what)
        if amount <= 0:
            continue
        rows.append((code, HOME, day, amount, rates_payload.parse_nominal(fields.get("multiplier"), what), None))
        if usd_crosses and code != "USD":
            cross = _usd_cross(fields, code, day)
            if cross is not None:
                rows.append(cross)
    return rates_payload.require_quotes(rows, CODE, f"file for {day}")


def _usd_cross(fields: dict[str, str], code: str, day: date) -> rates_payload.Row | None:
    """CBT's ``rate_usd`` (from the entry's ``fields_text``) as a row oriented the way its name says."""
    raw = fields.get("rate_usd")
    if not raw:
        return None
    value = rates_payload.parse_decimal(raw, f"{CODE} {code} rate_usd")
    if value <= 0:
        return None
    usd_per_unit = _PER_USD_NAME.search(fields.get("name") or "") is not None
    base, quote = (code, "USD") if usd_per_unit else ("USD", code)
    return base, quote, day, value, 1, None


def _root(payload: bytes) -> etree._Element:
    root = rates_payload.parse_xml(rates_payload.reject_alien(payload, CODE), CODE)
    if rates_payload.local(root.tag) != "cbt_currency_rate":
        raise RatesPayloadError(f"{CODE}: unexpected root <{rates_payload.local(root.tag)}>: not CBT rates")
    return root
