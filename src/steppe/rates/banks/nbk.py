"""National Bank of Kazakhstan (KZT): the by-date XML and the latest RSS, parsed to quotes.

Two formats answer at nationalbank.kz:

* ``get_rates.cfm?fdate=DD.MM.YYYY``: root ``<rates>`` with one ``<date>`` and ``<item>``s
  (``title`` code, ``description`` KZT per ``quant`` units, ``change`` with a sign).
* ``rss/rates_all.xml``: RSS 2.0 whose items carry their own ``pubDate``, with a 2- or
  4-digit year; it still lists retired currencies with old dates, which are skipped.

The date is the day the rate is in force (set on the previous KASE trading day).
A missing ``<date>`` means alien content, never a holiday; ``<info>`` or ``<error>``
is the bank saying it has nothing for that date.
"""

from __future__ import annotations

from datetime import date, timedelta

import pycountry
from lxml import etree

from steppe.errors import NoRatesForDate, RatesPayloadError
from steppe.models import Quote
from steppe.rates.banks import payload as rates_payload

HOME = "KZT"
NAME = "National Bank of Kazakhstan"
CODE = "NBK"
LATEST_URL = "https://nationalbank.kz/rss/rates_all.xml"
FORMATS = ("by-date", "rss")
# An RSS item older than the newest one by more than this is a stale, retired entry.
STALE_AFTER = timedelta(days=7)
# The children of an <item> that make its row.
_ITEM_FIELDS = frozenset(("title", "description", "quant", "change"))


def url_for(day: date) -> str:
    """The by-date XML (all currencies) for ``day``."""
    return f"https://nationalbank.kz/rss/get_rates.cfm?fdate={day:%d.%m.%Y}"


def sniff(payload: bytes) -> str:
    """Which NBK format the payload is: 'by-date' or 'rss'."""
    root = rates_payload.parse_xml(rates_payload.reject_alien(payload, CODE), CODE)
    return _format_of(root)


def parse(payload: bytes, *, provenance: str | None = None) -> list[Quote]:
    """Parse either NBK format into quotes of KZT per ``quant`` units."""
    return rates_payload.to_quotes(CODE, parse_rows(payload, provenance=provenance), provenance)


def parse_rows(payload: bytes, *, provenance: str | None = None) -> list[rates_payload.Row]:
    """``parse`` as rows (rates_payload.Row)."""
    root = rates_payload.parse_xml(rates_payload.reject_alien(payload, CODE), CODE)
    if _format_of(root) == "rss":
        return _parse_rss(root)
    return _parse_by_date(root)


def _format_of(root: etree._Element) -> str:
    name = rates_payload.local(root.tag)
    if name == "rss":
        return "rss"
    if name == "rates":
        return "by-date"
    raise RatesPayloadError(f"{CODE}: unexpected root <{name}>: not an NBK rates payload")


def _parse_by_date(root: etree._Element) -> list[rates_payload.Row]:
    fields = rates_payload.children_text(root)
    for name in ("info", "error"):
        said = fields.get(name)
        if said is not None:
            raise NoRatesForDate(f"{CODE}: the bank has no rates for this date: {said!r}")
    raw_date = fields.get("date")
    if raw_date is None:
        raise RatesPayloadError(f"{CODE}: <rates> without <date>: alien content, not a holiday")
    day = rates_payload.parse_day(raw_date, ("%d.%m.%Y",), f"{CODE} <date>")
    items = rates_payload.elements(root, "item")
    rows = [row for el in items if (row := _item_row(el, day)) is not None]
    return rates_payload.require_quotes(rows, CODE, f"answer for {day:%d.%m.%Y}")


def _parse_rss(root: etree._Element) -> list[rates_payload.Row]:
    channel = next((el for el in root if rates_payload.local(el.tag) == "channel"), None)
    if channel is None:
        raise RatesPayloadError(f"{CODE}: RSS without <channel>")
    dated = []
    for item in rates_payload.elements(channel, "item"):
        raw = rates_payload.child_text(item, "pubDate")
        if raw is None:
            raise RatesPayloadError(f"{CODE}: RSS item without <pubDate>")
        dated.append((rates_payload.parse_day(raw, ("%d.%m.%Y", "%d.%m.%y"), f"{CODE} pubDate"), item))
    if not dated:
        raise RatesPayloadError(f"{CODE}: empty answer: the RSS holds no items")
    newest = max(day for day, _ in dated)
    rows: list[rates_payload.Row] = []
    for day, item in dated:
        if newest - day > STALE_AFTER:
            continue  # a retired currency still listed with its last date (LVL 31.12.13)
        row = _item_row(item, day)
        if row is not None and pycountry.currencies.get(alpha_3=row[0]) is not None:
            rows.append(row)
    return rates_payload.require_quotes(rows, CODE, "RSS")


def _item_row(item: etree._Element, day: date) -> rates_payload.Row | None:
    fields = rates_payload.fields_text(item, _ITEM_FIELDS)
    code = fields.get("title")
    if not rates_payload.is_code(code):
        return None
    what = f"{CODE} {code}"
    amount = rates_payload.parse_decimal(fields.get("description"), what)
    if amount <= 0:
        return None
    raw_change = fields.get("change")
    change = rates_payload.parse_decimal(raw_change, f"{what} change") if raw_change else None
    return code, HOME, day, amount, rates_payload.parse_nominal(fields.get("quant"), what), change
