"""European Central Bank (EUR): eurofxref daily/hist XML and the data API CSV.

* ``eurofxref-daily.xml`` / ``-hist-90d.xml`` / ``-hist.xml``: a ``gesmes:Envelope`` whose
  ``Cube time='YYYY-MM-DD'`` holds ``Cube currency='USD' rate='1.0163'`` entries.
* data API: ``EXR/D..EUR.SP00.A?format=csvdata``: CSV with at least CURRENCY,
  TIME_PERIOD and OBS_VALUE columns (CURRENCY_DENOM is EUR when present).

The ECB quotes units of a currency per 1 EUR, so unlike the other banks its quotes
are kept as published with ``base='EUR'`` and the foreign currency as ``quote``.
There are no rates on weekends and TARGET holidays, and none for the Central Asian
currencies; RUB is suspended since March 2022.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from steppe.errors import RatesPayloadError
from steppe.models import Quote
from steppe.rates.banks import payload as rates_payload

HOME = "EUR"
NAME = "European Central Bank"
CODE = "ECB"
DAILY_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"
HIST_90D_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml"
HIST_URL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.xml"
FORMATS = ("xml", "csv")
_API = "https://data-api.ecb.europa.eu/service/data/EXR/D..EUR.SP00.A?format=csvdata"


def url_for(day: date) -> str:
    """The data API CSV of all currencies on ``day``."""
    return f"{_API}&startPeriod={day:%Y-%m-%d}&endPeriod={day:%Y-%m-%d}"


def sniff(payload: bytes) -> str:
    """Which ECB format the payload is: 'xml' or 'csv'."""
    body = rates_payload.reject_alien(payload, CODE)
    return "xml" if body[:1] == b"<" else "csv"


def parse(payload: bytes, *, provenance: str | None = None) -> list[Quote]:
    """Parse eurofxref XML or the data API CSV into EUR-based quotes."""
    return rates_payload.to_quotes(CODE, parse_rows(payload, provenance=provenance), provenance)


def parse_rows(payload: bytes, *, provenance: str | None = None) -> list[rates_payload.Row]:
    """``parse`` as rows (rates_payload.Row)."""
    body = rates_payload.reject_alien(payload, CODE)
    if body[:1] == b"<":
        return _parse_xml(body)
    return _parse_csv(body)


def _row(code: str, day: date, raw: str) -> rates_payload.Row | None:
    amount = rates_payload.parse_decimal(raw, f"{CODE} {code} {day}")
    if amount <= 0:
        return None
    return HOME, code, day, amount, 1, None


def _parse_xml(body: bytes) -> list[rates_payload.Row]:
    root = rates_payload.parse_xml(body, CODE)
    if rates_payload.local(root.tag) != "Envelope":
        raise RatesPayloadError(f"{CODE}: unexpected root <{rates_payload.local(root.tag)}>: not eurofxref")
    rows: list[rates_payload.Row] = []
    for cube in root.iter():
        if rates_payload.local(cube.tag) != "Cube" or cube.get("time") is None:
            continue
        day = rates_payload.parse_day(cube.get("time"), ("%Y-%m-%d",), f"{CODE} Cube time")
        for entry in cube:
            code = entry.get("currency")
            if rates_payload.local(entry.tag) == "Cube" and rates_payload.is_code(code):
                row = _row(code, day, entry.get("rate") or "")
                if row is not None:
                    rows.append(row)
    return rates_payload.require_quotes(rows, CODE, "eurofxref file")


def _parse_csv(body: bytes) -> list[rates_payload.Row]:
    try:
        reader = csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""))
        header = set(reader.fieldnames or ())
        entries = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise RatesPayloadError(f"{CODE}: malformed CSV: {exc}") from exc
    missing = {"CURRENCY", "TIME_PERIOD", "OBS_VALUE"} - header
    if missing:
        raise RatesPayloadError(f"{CODE}: CSV lacks columns {sorted(missing)}: not ECB data")
    rows: list[rates_payload.Row] = []
    for entry in entries:
        code, raw_day, value = entry.get("CURRENCY"), entry.get("TIME_PERIOD"), entry.get("OBS_VALUE")
        if not (code or raw_day or value) or value is None or value.strip().lower() in ("", "nan"):
            continue  # a blank trailer line, or a day the series has no observation
        if (entry.get("CURRENCY_DENOM") or HOME) != HOME or not rates_payload.is_code(code):
            continue
        day = rates_payload.parse_day(raw_day, ("%Y-%m-%d",), f"{CODE} TIME_PERIOD")
        row = _row(code, day, value)
        if row is not None:
            rows.append(row)
    return rates_payload.require_quotes(rows, CODE, "CSV")
