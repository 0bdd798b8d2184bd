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
from steppe.rates.banks.payload import (
    Row,
    child_text,
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
    body = reject_alien(payload, CODE)
    return "json" if body[:1] in (b"[", b"{") else "xml"


def parse(payload: bytes, *, provenance: str | None = None, asked: date | None = None) -> list[Quote]:
    """Parse the JSON or XML archive into quotes of UZS per Nominal units."""
    return to_quotes(CODE, parse_rows(payload, provenance=provenance, asked=asked), provenance)


def parse_rows(payload: bytes, *, provenance: str | None = None, asked: date | None = None) -> list[Row]:
    """``parse`` as rows (payload.Row)."""
    body = reject_alien(payload, CODE)
    rows = require_quotes(_parse_json(body) if body[:1] in (b"[", b"{") else _parse_xml(body), CODE)
    if asked is not None:
        later = sorted({row[2] for row in rows if row[2] > asked})
        if later:
            raise StaleRates(f"{CODE}: asked for {asked}, the bank answered for {later[0]}")
    return rows


def _parse_json(body: bytes) -> list[Row]:
    try:
        entries = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise RatesPayloadError(f"{CODE}: malformed JSON: {exc}") from exc
    if not isinstance(entries, list):
        raise RatesPayloadError(f"{CODE}: JSON is a {type(entries).__name__}, not a list of rates")
    rows = []
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


def _parse_xml(body: bytes) -> list[Row]:
    root = parse_xml(body, CODE)
    if local(root.tag) != "CBU_Curr":
        raise RatesPayloadError(f"{CODE}: unexpected root <{local(root.tag)}>: not CBU rates")
    rows = []
    days: dict[str, date] = {}
    for entry in (el for el in root if local(el.tag) == "CcyNtry"):
        row = _row(
            child_text(entry, "Ccy"),
            child_text(entry, "Rate"),
            child_text(entry, "Nominal"),
            child_text(entry, "date", fold=True),
            days,
        )
        if row is not None:
            rows.append(row)
    return rows


def _row(code, rate, nominal, day, days: dict[str, date], diff: object = None) -> Row | None:
    """One entry's row; ``diff`` (the JSON's signed change) is read when it is a non-blank string.

    ``days`` holds the dates already read in this payload: its entries share one Date.
    """
    code = code.strip() if isinstance(code, str) else None
    if not is_code(code):
        return None
    if not (isinstance(rate, str) and isinstance(nominal, str) and isinstance(day, str)):
        for name, value in (("Rate", rate), ("Nominal", nominal), ("Date", day)):
            if not isinstance(value, str):
                raise RatesPayloadError(f"{CODE}: {code} has no string {name} (got {value!r})")
    what = f"{CODE} {code}"
    amount = parse_decimal(rate, what)
    if amount <= 0:
        return None
    effective = days.get(day)
    if effective is None:
        effective = days[day] = parse_day(day, _DAY_FORMATS, f"{what} Date")
    per = parse_nominal(nominal, what)
    has_change = isinstance(diff, str) and diff.strip()
    change = parse_decimal(diff, f"{what} Diff") if has_change else None
    return code, HOME, effective, amount, per, change
