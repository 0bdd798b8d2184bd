"""Central Bank of Uzbekistan (UZS): the JSON archive by date, and its XML twin.

* JSON: a top-level array of objects whose values are strings: ``Ccy``, ``Nominal``,
  ``Rate`` (UZS per Nominal, dot decimal), ``Diff`` (signed change), ``Date`` (DD.MM.YYYY,
  the date the rate takes effect; it is announced the working day before).
* XML: ``<CBU_Curr>`` with ``<CcyNtry>`` entries holding the same fields; the date
  element is written ``date`` or ``Date``, so it is matched without regard to case.

A by-date request for a day without a new rate answers with the last earlier
``Date``: that is kept as published (the conversion marks it carried forward). An
answer dated *after* the asked day cannot be a carry-forward and is refused.
CBU's own TMT figure does not follow the Turkmen peg; conversion takes TMT from CBT.
"""

from __future__ import annotations

import json
from datetime import date

from steppe.errors import RatesPayloadError, StaleRates
from steppe.models import Quote
from steppe.rates.banks import payload as rates_payload

HOME = "UZS"
NAME = "Central Bank of Uzbekistan"
CODE = "CBU"
LATEST_URL = "https://cbu.uz/en/arkhiv-kursov-valyut/json/"
FORMATS = ("json", "xml")
# How the Date of an entry is written.
_DAY_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


def url_for(day: date) -> str:
    """The JSON of all currencies in force on ``day``."""
    return f"https://cbu.uz/en/arkhiv-kursov-valyut/json/all/{day:%Y-%m-%d}/"


def sniff(payload: bytes) -> str:
    """Which CBU format the payload is: 'json' or 'xml'."""
    body = rates_payload.reject_alien(payload, CODE)
    return "json" if body[:1] in (b"[", b"{") else "xml"


def parse(payload: bytes, *, provenance: str | None = None, asked: date | None = None) -> list[Quote]:
    """Parse the JSON or XML archive into quotes of UZS per Nominal units."""
    return rates_payload.to_quotes(CODE, parse_rows(payload, provenance=provenance, asked=asked), provenance)


def parse_rows(payload: bytes, *, provenance: str | None = None, asked: date | None = None) -> list[rates_payload.Row]:
    """``parse`` as rows (rates_payload.Row)."""
    body = rates_payload.reject_alien(payload, CODE)
    rows = rates_payload.require_quotes(_parse_json(body) if body[:1] in (b"[", b"{") else _parse_xml(body), CODE)
    if asked is not None:
        later = sorted({row[2] for row in rows if row[2] > asked})
        if later:
            raise StaleRates(f"{CODE}: asked for {asked}, the bank answered for {later[0]}")
    return rows


def _parse_json(body: bytes) -> list[rates_payload.Row]:
    try:
        entries = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise RatesPayloadError(f"{CODE}: malformed JSON: {exc}") from exc
    if not isinstance(entries, list):
        raise RatesPayloadError(f"{CODE}: JSON is a {type(entries).__name__}, not a list of rates")
    rows: list[rates_payload.Row] = []
    days: dict[str, date] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise RatesPayloadError(f"{CODE}: JSON row is not an object: {str(entry)[:60]!r}")
        row = _row(
            entry.get("Ccy"), entry.get("Rate"), entry.get("Nominal"), entry.get("Date"), days, diff=entry.get("Diff")
        )
        if row is not None:
            rows.append(row)
    return rows


def _parse_xml(body: bytes) -> list[rates_payload.Row]:
    root = rates_payload.parse_xml(body, CODE)
    if rates_payload.local(root.tag) != "CBU_Curr":
        raise RatesPayloadError(f"{CODE}: unexpected root <{rates_payload.local(root.tag)}>: not CBU rates")
    rows: list[rates_payload.Row] = []
    days: dict[str, date] = {}
    for entry in (el for el in root if rates_payload.local(el.tag) == "CcyNtry"):
        row = _row(
            rates_payload.child_text(entry, "Ccy"),
            rates_payload.child_text(entry, "Rate"),
            rates_payload.child_text(entry, "Nominal"),
            rates_payload.child_text(entry, "date", fold=True),
            days,
        )
        if row is not None:
            rows.append(row)
    return rows


def _row(
    code: object, rate: object, nominal: object, day: object, days: dict[str, date], diff: object = None
) -> rates_payload.Row | None:
    """One entry's row; ``diff`` (the JSON's signed change) is read when it is a non-blank string.

    ``days`` holds the dates already read in this payload: its entries share one Date.
    """
    code = code.strip() if isinstance(code, str) else None
    if not rates_payload.is_code(code):
        return None
    rate, nominal, day = _string(rate, "Rate", code), _string(nominal, "Nominal", code), _string(day, "Date", code)
    what = f"{CODE} {code}"
    amount = rates_payload.parse_decimal(rate, what)
    if amount <= 0:
        return None
    effective = days.get(day)
    if effective is None:
        effective = days[day] = rates_payload.parse_day(day, _DAY_FORMATS, f"{what} Date")
    per = rates_payload.parse_nominal(nominal, what)
    change = rates_payload.parse_decimal(diff, f"{what} Diff") if isinstance(diff, str) and diff.strip() else None
    return code, HOME, effective, amount, per, change


def _string(value: object, name: str, code: str) -> str:
    """``value`` when it is a string, else RatesPayloadError naming the field."""
    if not isinstance(value, str):
        raise RatesPayloadError(f"{CODE}: {code} has no string {name} (got {value!r})")
    return value
