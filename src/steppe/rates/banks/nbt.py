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

from steppe.errors import RatesPayloadError, StaleRates
from steppe.models import Quote
from steppe.rates.banks.payload import (
    Row,
    elements,
    fields_text,
    is_code,
    local,
    parse_day,
    parse_decimal,
    parse_nominal,
    parse_xml,
    reject_alien,
    require_quotes,
    to_quotes,
)

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
    return to_quotes(CODE, parse_rows(payload, provenance=provenance, asked=asked), provenance)


def parse_rows(payload: bytes, *, provenance: str | None = None, asked: date | None = None) -> list[Row]:
    """``parse`` as rows (payload.Row)."""
    root = _root(payload)
    day = parse_day(root.get("Date"), ("%Y-%m-%d", "%d.%m.%Y"), f"{CODE} ValCurs Date")
    if asked is not None and day != asked:
        raise StaleRates(f"{CODE}: asked for {asked}, the bank answered with its file for {day}")
    rows = []
    for valute in elements(root, "Valute"):
        fields = fields_text(valute, _VALUTE_FIELDS)
        code = fields.get("CharCode")
        if not is_code(code):
            continue
        what = f"{CODE} {code}"
        amount = parse_decimal(fields.get("Value"), what, comma=True)
        if amount <= 0:
            continue
        rows.append((code, HOME, day, amount, parse_nominal(fields.get("Nominal"), what), None))
    return require_quotes(rows, CODE, f"file for {day}")


def _root(payload: bytes):
    root = parse_xml(reject_alien(payload, CODE), CODE)
    if local(root.tag) != "ValCurs":
        raise RatesPayloadError(f"{CODE}: unexpected root <{local(root.tag)}>: not NBT rates")
    return root
