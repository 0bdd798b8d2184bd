"""Dates of pages and stories: metadata, htmldate, and date lines in the text.

Whatever the source, a date later than the page's fetch time is a mistake (a
template's "today", a typo, a future event) and is dropped.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from steppe.extract.patterns import DATE_LINE_PATTERNS, MONTHS

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date_line(line: str) -> date | None:
    """The date a line stands for, when the whole line is a date ("14 декабря 2025")."""
    stripped = line.strip().strip("—–-•*").strip()
    if len(stripped) > 48:
        return None
    for pattern in DATE_LINE_PATTERNS:
        match = pattern.match(stripped)
        if match:
            return _date_from_match(match)
    return None


def _date_from_match(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = MONTHS.get(parts["m"].lower().rstrip(".")) if parts.get("m") else int(parts["mn"])
    try:
        return date(int(parts["y"]), month or 0, int(parts["d"]))
    except ValueError:
        return None


def parse_iso_date(value: str | None) -> date | None:
    """A date from 'YYYY-MM-DD...' metadata, or None."""
    if not value:
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def as_published(day: date | None, fetched_at: datetime) -> datetime | None:
    """A day as a datetime in the fetch's time zone, or None when it is after the fetch."""
    if day is None:
        return None
    zone = fetched_at.tzinfo if fetched_at.tzinfo else None
    moment = datetime.combine(day, time(0, 0), tzinfo=zone)
    if moment > fetched_at or day.year < 1990:
        return None
    return moment


def htmldate_of(tree: HtmlElement, fetched_at: datetime) -> date | None:
    """The original publication date htmldate finds in a parsed page, or None."""
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            original_date=True,
            extensive_search=False,
            max_date=fetched_at.strftime("%Y-%m-%d"),
        )
    except Exception:  # htmldate raises assorted errors on odd trees: a missing date is the answer
        return None
    return parse_iso_date(found)
