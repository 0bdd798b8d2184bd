"""What a server says about when to come back: Cache-Control, Expires, Retry-After, <ttl>.

Each function returns seconds from now (never negative) or None when the header is
absent or unreadable; the scheduler takes the largest of them and its own interval.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_MAX_AGE = re.compile(r"(?:^|[,\s])(?:s-maxage|max-age)\s*=\s*\"?(\d+)", re.IGNORECASE)
_TTL = re.compile(rb"<ttl>\s*(\d{1,6})\s*</ttl>", re.IGNORECASE)


def _http_date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _seconds_until(moment: datetime | None, now: datetime) -> float | None:
    if moment is None:
        return None
    return max(0.0, (moment - now).total_seconds())


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks to wait: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    return _seconds_until(_http_date(value), now)


def cache_lifetime(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds the response stays fresh per Cache-Control max-age, else Expires.

    ``Expires: 0`` and other past dates mean nothing (Miniflux ignores them too).
    """
    control = headers.get("cache-control") or ""
    if "no-store" in control.lower() or "no-cache" in control.lower():
        return None
    match = _MAX_AGE.search(control)
    if match:
        return float(match.group(1))
    expires = headers.get("expires")
    if not expires or expires.strip() in {"0", "-1"}:
        return None
    seconds = _seconds_until(_http_date(expires), now)
    return seconds or None


def feed_ttl(body: bytes) -> float | None:
    """Seconds an RSS channel's <ttl> (given in minutes) asks readers to wait."""
    match = _TTL.search(body[:65536])
    return float(match.group(1)) * 60 if match else None
