"""National Bank of the Kyrgyz Republic (KGS): daily.xml, weekly.xml and the HTML history.

* ``XML/daily.xml`` (5 currencies) and ``XML/weekly.xml`` (~40): windows-1251 XML,
  ``<CurrencyRates Date="DD.MM.YYYY">`` with ``<Currency ISOCode>`` children holding
  ``Nominal`` and a comma-decimal ``Value`` (KGS per Nominal). ``Date`` is the day the
  rate takes effect, one day after publication; the weekly file adds ``ValidFor``.
* ``index1.jsp?item=1562&valuta_id=..``: an HTML table of one currency, newest first,
  each cell wrapped in ``<!--date-->`` / ``<!--value-->`` markers. It names neither the
  currency nor the nominal, so both come from ``valuta_id`` (read from the URL).

The XML files have no date parameter: only the history pages reach the past.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from steppe.errors import RatesPayloadError
from steppe.models import Quote
from steppe.rates.banks import payload as rates_payload

HOME = "KGS"
NAME = "National Bank of the Kyrgyz Republic"
CODE = "NBKR"
DAILY_URL = "https://www.nbkr.kg/XML/daily.xml"
WEEKLY_URL = "https://www.nbkr.kg/XML/weekly.xml"
FORMATS = ("daily", "weekly", "history")
# valuta_id of the history pages -> (ISO code, nominal); the page itself names neither.
VALUTA_IDS: dict[int, tuple[str, int]] = {
    15: ("USD", 1),
    20: ("EUR", 1),
    24: ("CNY", 1),
    36: ("JPY", 10),
    40: ("KZT", 1),
    44: ("RUB", 1),
    45: ("TJS", 1),
    46: ("UZS", 1),
    108: ("TMT", 1),
}
_ROW = re.compile(r"<!--date-->\s*([^<]*?)\s*<!--date-->.*?<!--value-->\s*([^<]*?)\s*<!--value-->", re.DOTALL)


def url_for(day: date) -> str:
    """The daily XML: NBKR serves only the latest file, whatever ``day`` is (see history_url)."""
    return DAILY_URL


def history_url(currency: str, start: date, end: date) -> str:
    """The HTML history page of one currency between two dates (at most ~366 rows)."""
    ids = {code: valuta for valuta, (code, _) in VALUTA_IDS.items()}
    if currency not in ids:
        raise RatesPayloadError(f"{CODE}: no known history page for {currency}")
    return (
        f"https://www.nbkr.kg/index1.jsp?item=1562&lang=ENG&valuta_id={ids[currency]}"
        f"&beg_day={start:%d}&beg_month={start:%m}&beg_year={start:%Y}"
        f"&end_day={end:%d}&end_month={end:%m}&end_year={end:%Y}"
    )


def sniff(payload: bytes) -> str:
    """Which NBKR format the payload is: 'daily', 'weekly' or 'history'."""
    body = _body(payload)
    if b"<!--date-->" in body or body[:64].lstrip().lower().startswith(b"<table"):
        return "history"
    root = rates_payload.parse_xml(body, CODE)
    return _xml_format(root)


def parse(
    payload: bytes,
    *,
    provenance: str | None = None,
    currency: str | None = None,
    nominal: int | None = None,
) -> list[Quote]:
    """Parse daily.xml, weekly.xml or a history page (``currency`` or a provenance URL names it)."""
    return rates_payload.to_quotes(
        CODE, parse_rows(payload, provenance=provenance, currency=currency, nominal=nominal), provenance
    )


def parse_rows(
    payload: bytes,
    *,
    provenance: str | None = None,
    currency: str | None = None,
    nominal: int | None = None,
) -> list[rates_payload.Row]:
    """``parse`` as rows (rates_payload.Row)."""
    body = _body(payload)
    if b"<!--date-->" in body or body[:64].lstrip().lower().startswith(b"<table"):
        return _parse_history(body, provenance, currency, nominal)
    root = rates_payload.parse_xml(body, CODE)
    _xml_format(root)
    day = rates_payload.parse_day(root.get("Date"), ("%d.%m.%Y",), f"{CODE} Date")
    rows: list[rates_payload.Row] = []
    for element in (el for el in root if rates_payload.local(el.tag) == "Currency"):
        code = (element.get("ISOCode") or "").strip()
        if not rates_payload.is_code(code):
            continue
        amount = rates_payload.parse_decimal(rates_payload.child_text(element, "Value"), f"{CODE} {code}", comma=True)
        if amount <= 0:
            continue
        rows.append(
            (
                code,
                HOME,
                day,
                amount,
                rates_payload.parse_nominal(rates_payload.child_text(element, "Nominal"), f"{CODE} {code}"),
                None,
            )
        )
    return rates_payload.require_quotes(rows, CODE, f"file for {day:%d.%m.%Y}")


def _body(payload: bytes) -> bytes:
    """The stripped bytes; the history page is HTML, so only a full HTML document is alien."""
    if isinstance(payload, (bytes, bytearray)) and b"<!--date-->" in payload:
        return bytes(payload).strip()
    return rates_payload.reject_alien(payload, CODE)


def _xml_format(root: etree._Element) -> str:
    if rates_payload.local(root.tag) != "CurrencyRates":
        raise RatesPayloadError(f"{CODE}: unexpected root <{rates_payload.local(root.tag)}>: not NBKR rates")
    return "weekly" if "weekly" in (root.get("Name") or "").lower() else "daily"


def _parse_history(
    body: bytes, provenance: str | None, currency: str | None, nominal: int | None
) -> list[rates_payload.Row]:
    code, per = _history_currency(provenance, currency, nominal)
    text = body.decode("utf-8", "replace")
    what = f"{CODE} {code} history"
    rows: list[rates_payload.Row] = []
    for raw_day, raw_value in _ROW.findall(text):
        amount = rates_payload.parse_decimal(raw_value, what, comma=True)
        if amount <= 0:
            continue
        day = rates_payload.parse_day(raw_day, ("%d.%m.%Y",), f"{CODE} history row")
        rows.append((code, HOME, day, amount, per, None))
    return rates_payload.require_quotes(rows, CODE, "history page")


def _history_currency(provenance: str | None, currency: str | None, nominal: int | None) -> tuple[str, int]:
    """The currency and nominal of a history page: given, or looked up from valuta_id."""
    if currency:
        if not rates_payload.is_code(currency):
            raise RatesPayloadError(f"{CODE}: bad currency code {currency!r}")
        known = {code: per for code, per in VALUTA_IDS.values()}
        return currency, nominal or known.get(currency, 1)
    query = parse_qs(urlsplit(provenance or "").query)
    raw = (query.get("valuta_id") or [""])[0]
    if not raw.isdigit() or int(raw) not in VALUTA_IDS:
        raise RatesPayloadError(
            f"{CODE}: a history page names no currency; pass currency= or its URL "
            f"(valuta_id {raw or 'missing'} is not known)"
        )
    code, per = VALUTA_IDS[int(raw)]
    return code, nominal or per
