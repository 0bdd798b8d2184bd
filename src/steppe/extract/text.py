"""Plain-text pages: tell text from markup, and split text into clean lines.

Also the per-page cleaning every page goes through, whatever its form: ticker lines
out (kept as quotes), blocks repeated inside the page collapsed to their first copy,
and the site's template blocks removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from steppe.extract.template import SiteTemplate, remove_template_lines
from steppe.extract.ticker import TickerItem, is_ticker_label, ticker_items

_TAG = re.compile(r"<\s*(html|head|body|div|p|article|br|span|a|table|h[1-6]|meta|title|!doctype)\b", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\r\f\v]+")
MIN_COLLAPSED_CHARS = 80
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^\s*(?:[•·▪►▶◦*]|-(?=\s))\s*")


def looks_like_html(text: str, content_type: str) -> bool:
    """Whether the page is markup: by declared type, confirmed by tags near the start."""
    if "plain" in content_type.lower():
        return False
    return bool(_TAG.search(text[:65536]))


def plain_lines(text: str) -> list[str]:
    """Non-empty lines of a text page, spaces squeezed and list bullets dropped."""
    lines = (_BULLET.sub("", _SPACES.sub(" ", line)).strip() for line in text.splitlines())
    return [line for line in lines if line]


@dataclass
class Cleaned:
    """A page's lines after cleaning, and the ticker figures taken out of them."""

    lines: list[str]
    items: list[TickerItem] = field(default_factory=list)


def take_tickers(lines: list[str]) -> Cleaned:
    """Remove ticker lines (and the captions and table rules around them), keeping their figures."""
    found = [ticker_items(_BULLET.sub("", line)) if _DIGIT.search(line) else None for line in lines]
    items = [item for row in found if row for item in row]
    drop = [bool(row) for row in found]
    # Captions spread outwards from the ticker: "Курсы валют", then "| Валюта | Курс |", then "|---|".
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in order:
            if not drop[i] and is_ticker_label(lines[i]) and _next_to_dropped(drop, i):
                drop[i] = True
    return Cleaned([line for line, gone in zip(lines, drop) if not gone], items)


def _next_to_dropped(drop: list[bool], i: int) -> bool:
    return (i > 0 and drop[i - 1]) or (i + 1 < len(drop) and drop[i + 1])


def collapse_repeats(lines: list[str]) -> list[str]:
    """Keep only the first copy of each paragraph the page repeats.

    Short lines may repeat for good reasons (the same question put to several people,
    a recipe's steps day after day); a repeated paragraph is a capture artefact.
    """
    seen: set[str] = set()
    kept = []
    for line in lines:
        if len(line) < MIN_COLLAPSED_CHARS:
            kept.append(line)
            continue
        key = " ".join(line.casefold().split())  # digits kept: two date lines are two dates
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return kept


def clean_lines(lines: list[str], template: SiteTemplate | None) -> Cleaned:
    """Tickers out, in-page repeats collapsed, template blocks removed."""
    cleaned = take_tickers(lines)
    cleaned.lines = remove_template_lines(collapse_repeats(cleaned.lines), template)
    return cleaned
