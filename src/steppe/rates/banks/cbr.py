"""Bank of Russia (RUB): XML_daily, XML_dynamic and the precious-metals file.

* ``XML_daily.asp?date_req=DD/MM/YYYY``: windows-1251 ``<ValCurs Date="DD.MM.YYYY">`` with
  ``<Valute>`` entries (``CharCode``, ``Nominal``, comma-decimal ``Value`` = RUB per Nominal).
* ``XML_dynamic.asp?VAL_NM_RQ=R01235&date_req1=..&date_req2=..``: one currency over a range;
  ``<Record Date>`` entries name no currency, so the root ``ID`` (R01235) is looked up in
  ``CBR_IDS``.
* ``xml_metall.asp``: RUB per *gram* of gold, silver, platinum, palladium, returned under the
  non-ISO codes XAU-G, XAG-G, XPT-G, XPD-G so nobody mistakes them for troy ounces.

``Date`` is the day the rate takes effect (set the business day before); Friday's rate
is dated Saturday and covers Sunday and Monday too.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from steppe.errors import RatesPayloadError
from steppe.models import Quote
from steppe.rates.banks import payload as rates_payload

HOME = "RUB"
NAME = "Bank of Russia"
CODE = "CBR"
LATEST_URL = "https://www.cbr.ru/scripts/XML_daily.asp"
FORMATS = ("daily", "dynamic", "metals")
METALS = {"1": "XAU-G", "2": "XAG-G", "3": "XPT-G", "4": "XPD-G"}
# CBR's own currency ids (as XML_daily lists them in 2026) -> ISO codes.
CBR_IDS = {
    "R01010": "AUD",
    "R01020A": "AZN",
    "R01030": "DZD",
    "R01035": "GBP",
    "R01060": "AMD",
    "R01080": "BHD",
    "R01090B": "BYN",
    "R01105": "BOB",
    "R01115": "BRL",
    "R01135": "HUF",
    "R01150": "VND",
    "R01200": "HKD",
    "R01210": "GEL",
    "R01215": "DKK",
    "R01230": "AED",
    "R01235": "USD",
    "R01239": "EUR",
    "R01240": "EGP",
    "R01270": "INR",
    "R01280": "IDR",
    "R01300": "IRR",
    "R01335": "KZT",
    "R01350": "CAD",
    "R01355": "QAR",
    "R01370": "KGS",
    "R01375": "CNY",
    "R01395": "CUP",
    "R01500": "MDL",
    "R01503": "MNT",
    "R01520": "NGN",
    "R01530": "NZD",
    "R01535": "NOK",
    "R01540": "OMR",
    "R01565": "PLN",
    "R01580": "SAR",
    "R01585F": "RON",
    "R01589": "XDR",
    "R01625": "SGD",
    "R01670": "TJS",
    "R01675": "THB",
    "R01685": "BDT",
    "R01700J": "TRY",
    "R01710A": "TMT",
    "R01717": "UZS",
    "R01720": "UAH",
    "R01760": "CZK",
    "R01770": "SEK",
    "R01775": "CHF",
    "R01800": "ETB",
    "R01805F": "RSD",
    "R01810": "ZAR",
    "R01815": "KRW",
    "R01820": "JPY",
    "R02005": "MMK",
}


def url_for(day: date) -> str:
    """XML_daily for the rates in force on ``day``."""
    return f"https://www.cbr.ru/scripts/XML_daily.asp?date_req={day:%d/%m/%Y}"


def dynamic_url(currency: str, start: date, end: date) -> str:
    """XML_dynamic for one currency between two dates."""
    ids = {code: cbr_id for cbr_id, code in CBR_IDS.items()}
    if currency not in ids:
        raise RatesPayloadError(f"{CODE}: no known CBR id for {currency}")
    return (
        f"https://www.cbr.ru/scripts/XML_dynamic.asp?VAL_NM_RQ={ids[currency]}"
        f"&date_req1={start:%d/%m/%Y}&date_req2={end:%d/%m/%Y}"
    )


def sniff(payload: bytes) -> str:
    """Which CBR format the payload is: 'daily', 'dynamic' or 'metals'."""
    return _format_of(_root(payload))


def parse(payload: bytes, *, provenance: str | None = None, currency: str | None = None) -> list[Quote]:
    """Parse XML_daily, XML_dynamic (``currency`` overrides the id lookup) or metals."""
    return rates_payload.to_quotes(CODE, parse_rows(payload, provenance=provenance, currency=currency), provenance)


def parse_rows(
    payload: bytes, *, provenance: str | None = None, currency: str | None = None
) -> list[rates_payload.Row]:
    """``parse`` as rows (rates_payload.Row)."""
    root = _root(payload)
    kind = _format_of(root)
    if kind == "metals":
        return _parse_metals(root)
    if kind == "dynamic":
        return _parse_dynamic(root, currency)
    day = rates_payload.parse_day(root.get("Date"), ("%d.%m.%Y",), f"{CODE} ValCurs Date")
    rows: list[rates_payload.Row] = []
    for valute in (el for el in root if rates_payload.local(el.tag) == "Valute"):
        code = rates_payload.child_text(valute, "CharCode")
        if rates_payload.is_code(code):
            rows.extend(_row(valute, code, day))
    return rates_payload.require_quotes(rows, CODE, f"file for {day}")


def _row(element: etree._Element, code: str, day: date) -> list[rates_payload.Row]:
    amount = rates_payload.parse_decimal(rates_payload.child_text(element, "Value"), f"{CODE} {code}", comma=True)
    if amount <= 0:
        return []
    nominal = rates_payload.parse_nominal(rates_payload.child_text(element, "Nominal"), f"{CODE} {code}")
    return [(code, HOME, day, amount, nominal, None)]


def _parse_dynamic(root: etree._Element, currency: str | None) -> list[rates_payload.Row]:
    code = currency or CBR_IDS.get((root.get("ID") or "").strip())
    if not rates_payload.is_code(code):
        raise RatesPayloadError(f"{CODE}: XML_dynamic for unknown id {root.get('ID')!r}; pass currency=")
    rows: list[rates_payload.Row] = []
    for record in (el for el in root if rates_payload.local(el.tag) == "Record"):
        day = rates_payload.parse_day(record.get("Date"), ("%d.%m.%Y",), f"{CODE} Record Date")
        rows.extend(_row(record, code, day))
    return rates_payload.require_quotes(rows, CODE, f"XML_dynamic for {code}")


def _parse_metals(root: etree._Element) -> list[rates_payload.Row]:
    rows: list[rates_payload.Row] = []
    for record in (el for el in root if rates_payload.local(el.tag) == "Record"):
        metal = METALS.get((record.get("Code") or "").strip())
        if metal is None:
            continue
        day = rates_payload.parse_day(record.get("Date"), ("%d.%m.%Y",), f"{CODE} metals Date")
        # Buy and Sell are the same accounting price; Buy is the one CBR documents.
        amount = rates_payload.parse_decimal(rates_payload.child_text(record, "Buy"), f"{CODE} {metal}", comma=True)
        if amount > 0:
            rows.append((metal, HOME, day, amount, 1, None))
    return rates_payload.require_quotes(rows, CODE, "metals file")


def _root(payload: bytes) -> etree._Element:
    return rates_payload.parse_xml(rates_payload.reject_alien(payload, CODE), CODE)


def _format_of(root: etree._Element) -> str:
    name = rates_payload.local(root.tag)
    if name == "Metall":
        return "metals"
    if name == "ValCurs":
        return "dynamic" if root.get("DateRange1") is not None or root.get("ID") else "daily"
    raise RatesPayloadError(f"{CODE}: unexpected root <{name}>: not CBR rates")
