"""Rates tickers: recognise ticker lines, parse them into quotes, take them out of the text.

A ticker line is made only of rate items — `KGS/USD = 0.01143 -0%`, `USD/KZT 478,77`,
`USD 478.77 ▼`, `Доллар 478,77`, `$ 478.77` — and separators. A pair `A/B x` means
1 A = x B; a single currency `A x` is quoted in the site's home currency (read from
the site's domain, or from the pairs on the same page).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from steppe.extract.patterns import (
    CHANGE,
    CURRENCY_CODES,
    CURRENCY_NAMES,
    CURRENCY_SYMBOLS,
    HOME_CURRENCY_BY_TLD,
    NUMBER,
    TICKER_LABEL,
    TICKER_SEPARATORS,
)
from steppe.models import Quote

_CODES = "|".join(sorted(CURRENCY_CODES))
_NAMES = "|".join(sorted((re.escape(n) for n in CURRENCY_NAMES), key=len, reverse=True))
_SYMBOLS = "|".join(re.escape(s) for s in CURRENCY_SYMBOLS)
_ITEM = re.compile(
    rf"(?:(?P<base>{_CODES})\s*/\s*(?P<quote>{_CODES})|(?P<code>\b(?:{_CODES})\b)"
    rf"|(?P<name>(?<!\w)(?:{_NAMES})(?!\w))|(?P<sym>{_SYMBOLS}))"
    rf"\s*(?:[=:|]\s*)?(?P<num>{NUMBER})(?!\d)(?:\s*[|/]\s*(?:{NUMBER})(?![\d%]))?{CHANGE}",
    re.IGNORECASE,
)
# Three simple patterns run faster than their union: each keeps a literal or class prefix.
_HINT_CODES = re.compile(r"USD|EUR|RUB|KZT|KGS|UZS|TJS|TMT|CNY")
_HINT_SYMBOLS = re.compile(r"[$€₽¥£₸]\s?\d")
_HINT_NAMES = re.compile(r"[ДдЕертС](?:оллар|вро|убл|енге|еңге|ом\b)")  # a leading class keeps re fast
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[^\W\d_]+")
_NUMBERS = re.compile(r"\d+(?:[.,]\d+)?")
_LABEL_PREFIX = re.compile(r"^\s*[^\d:]{2,40}:\s*")


@dataclass(frozen=True)
class TickerItem:
    """One figure read from a ticker line, before its quote currency is settled."""

    base: str
    quote: str | None
    amount: Decimal
    change: Decimal | None


def ticker_items(line: str) -> list[TickerItem] | None:
    """The rate items of a line when the line is nothing but a ticker, else None."""
    if not line or len(line) > 600 or not _DIGIT.search(line):
        return None
    if len(_WORDS.findall(line)) > 2 * len(_NUMBERS.findall(line)) + 4:
        return None  # running text: far more words than figures
    matches = list(_ITEM.finditer(line))
    if not matches:
        return None
    leftover = _ITEM.sub(" ", line)
    if not TICKER_SEPARATORS.match(leftover):
        leftover = _LABEL_PREFIX.sub("", leftover, count=1)
        if not TICKER_SEPARATORS.match(leftover):
            return None
    items = [_item_from(m) for m in matches]
    return [i for i in items if i is not None] or None


@lru_cache(maxsize=4096)
def remembered_ticker_items(line: str) -> tuple[TickerItem, ...] | None:
    """ticker_items, remembered: a page's lines are read twice (the whole page, then its main
    text) and a site repeats its chrome on every page."""
    items = ticker_items(line)
    return tuple(items) if items else None


def may_hold_ticker(text: str) -> bool:
    """A cheap test on a whole page: could any line of it be a ticker?"""
    return any(p.search(text) for p in (_HINT_CODES, _HINT_SYMBOLS, _HINT_NAMES))


def _item_from(match: re.Match[str]) -> TickerItem | None:
    amount = parse_number(match["num"])
    if amount is None or amount <= 0:
        return None
    if match["base"]:
        base, quote = match["base"].upper(), match["quote"].upper()
    elif match["code"]:
        base, quote = match["code"].upper(), None
    elif match["name"]:
        base, quote = CURRENCY_NAMES[match["name"].lower()], None
    else:
        base, quote = CURRENCY_SYMBOLS[match["sym"]], None
    return TickerItem(base, quote, amount, _change(match["chg"]))


def _change(text: str | None) -> Decimal | None:
    """An absolute change as published; percentages and arrows carry no amount."""
    if not text or "%" in text or "(" in text:
        return None
    sign = -1 if text.strip()[0] in "-−–" else 1
    value = parse_number(text.strip().lstrip("+-−–").strip())
    return None if value is None else sign * value


def parse_number(text: str) -> Decimal | None:
    """'478,77', '12 345.6', '1,234.56' → Decimal."""
    cleaned = re.sub(r"[ \u00a0\u202f]", "", text)
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace(",", "")
    cleaned = cleaned.replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def is_ticker_label(line: str) -> bool:
    """A caption or table rule of a ticker ("Курсы валют", "| Currency | Rate |", "|---|---|")."""
    if len(line) > 80 or _DIGIT.search(line):
        return False
    bare = line.strip(" |")
    return not bare.strip("-:| ") or bool(TICKER_LABEL.match(bare))


def home_currency(site: str, items: Sequence[TickerItem]) -> str | None:
    """The currency a bare "USD 478.77" is quoted in on this site."""
    host = site.lower().split("://")[-1].split("/")[0].split(":")[0]
    tld = host.rsplit(".", 1)[-1]
    if tld in HOME_CURRENCY_BY_TLD:
        return HOME_CURRENCY_BY_TLD[tld]
    quotes = Counter(i.quote for i in items if i.quote and i.quote != "USD")
    bases = Counter(i.base for i in items if i.quote == "USD")
    common = (quotes + bases).most_common(1)
    return common[0][0] if common else None


def quotes_from(items: Iterable[TickerItem], site: str, day: date, provenance: str) -> tuple[Quote, ...]:
    """Page-ticker quotes, each figure once however often the ticker was repeated."""
    items = list(items)
    home = home_currency(site, items)
    seen: dict[tuple[str, str, Decimal], Quote] = {}
    for item in items:
        quote = item.quote or home
        if quote is None or quote == item.base:
            continue
        key = (item.base, quote, item.amount)
        if key not in seen:
            seen[key] = Quote(
                bank="page",
                date=day,
                base=item.base,
                quote=quote,
                amount=item.amount,
                kind="page-ticker",
                provenance=provenance,
                change=item.change,
            )
    return tuple(seen.values())
