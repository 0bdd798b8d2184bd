"""National Bank of Tajikistan (TJS): the daily XML export, one file per calendar day.

``export_xml.php?date=YYYY-MM-DD&export=xmlout`` answers ``<ValCurs Date="YYYY-MM-DD">``
with ``<Valute>`` entries (``CharCode``, ``Nominal``, ``Value`` = TJS per Nominal). The
numeric ``ID`` is unreliable (810 for RUB), so ``CharCode`` is the key.

NBT publishes every day, weekends included. For a date out of its range it silently
answers with *today's* file: ``parse(payload, asked=day)`` raises StaleRates then.
Without the ``export`` parameter the server returns an HTML help page, refused here.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from steppe.errors import RatesPayloadError, StaleRates
from steppe.models import Quote
from steppe.rates.banks import payload as rates_payload

HOME = "TJS"
NAME = "National Bank of Tajikistan"
CODE = "NBT"
FORMATS = ("daily",)
# The children of a <Valute> that make its row.
_VALUTE_FIELDS = frozenset(("CharCode", "Nominal", "Value"))


def url_for(day: date) -> str:
    """The XML export of all currencies for ``day``."""
    return f"https://www.nbt.tj/en/kurs/export_xml.php?date={day:%Y-%m-%d}&export=xmlout"


def sniff(payload: bytes) -> str:
    """Which NBT format the payload is (only 'daily' is known)."""
    _root(payload)
    return "daily"


def parse(payload: bytes, *, provenance: str | None = None, asked: date | None = None) -> list[Quote]:
    """Parse the daily export; raise StaleRates when it answers for another date than ``asked``."""
    return rates_payload.to_quotes(CODE, parse_rows(payload, provenance=provenance, asked=asked), provenance)


def parse_rows(payload: bytes, *, provenance: str | None = None, asked: date | None = None) -> list[rates_payload.Row]:
    """``parse`` as rows (rates_payload.Row)."""
    root = _root(payload)
    day = rates_payload.parse_day(root.get("Date"), ("%Y-%m-%d", "%d.%m.%Y"), f"{CODE} ValCurs Date")
    if asked is not None and day != asked:
        raise StaleRates(f"{CODE}: asked for {asked}, the bank answered with its file for {day}")
    rows: list[rates_payload.Row] = []
    for valute in rates_payload.elements(root, "Valute"):
        fields = rates_payload.fields_text(valute, _VALUTE_FIELDS)
        code = fields.get("CharCode")
        if not rates_payload.is_code(code):
            continue
        what = f"{CODE} {code}"
        amount = rates_payload.parse_decimal(fields.get("Value"), what, comma=True)
        if amount <= 0:
            continue
        rows.append((code, HOME, day, amount, rates_payload.parse_nominal(fields.get("Nominal"), what), None))
    return rates_payload.require_quotes(rows, CODE, f"file for {day}")


def _root(payload: bytes) -> etree._Element:
    root = rates_payload.parse_xml(rates_payload.reject_alien(payload, CODE), CODE)
    if rates_payload.local(root.tag) != "ValCurs":
        raise RatesPayloadError(f"{CODE}: unexpected root <{rates_payload.local(root.tag)}>: not NBT rates")
    return root
