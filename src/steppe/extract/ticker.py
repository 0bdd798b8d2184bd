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
from typing import TypeAlias

from steppe.extract.patterns import (
    CHANGE,
    CURRENCY_CODES,
    CURRENCY_NAMES,
    CURRENCY_SYMBOLS,
    HOME_CURRENCY_BY_TLD,
    TICKER_LABEL,
    TICKER_SEPARATORS,
)
from steppe.models import Quote
from steppe.text.numbers import DECIMAL, NUMBER

_Trie: TypeAlias = dict[str, "_Trie"]  # a character to the rest of the words ("" marks a word's end)


def word_pattern(words: Iterable[str]) -> str:
    """One regex alternation for many words, shared prefixes factored out (a trie).

    Python's re tries the branches of a flat alternation one by one at every position; a trie
    tries one character at a time, so 300 names cost little more than ten. Longer words are
    tried before their prefixes; a space in a word matches any run of spaces.
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")


_CODES = word_pattern(sorted(CURRENCY_CODES))
_NAMES = word_pattern(CURRENCY_NAMES)
_SYMBOLS = word_pattern(CURRENCY_SYMBOLS)
_ITEM = re.compile(
    rf"(?:(?P<base>{_CODES})\s*/\s*(?P<quote>{_CODES})|(?P<code>\b(?:{_CODES})\b)"
    rf"|(?P<name>(?<!\w)(?:{_NAMES})(?!\w))|(?P<sym>{_SYMBOLS}))"
    rf"\s*(?:[=:|]\s*)?(?P<num>{NUMBER})(?!\d)(?:\s*[|/]\s*(?:{NUMBER})(?![\d%]))?{CHANGE}",
    re.IGNORECASE,
)
# The page prefilter, from the same tables: a figure right after a currency token (a code, the
# last word of a name, a symbol). Every line _ITEM reads holds such a spot, so the prefilter
# never hides a ticker the parser would read. It runs on every page, so it reads the page
# backwards: a search that starts at a digit skips most of the page in C, where one that starts
# at any of 300 words tries them at every letter (ten times slower on the corpus pages).
_TOKENS = {c.lower() for c in CURRENCY_CODES} | {n.split()[-1] for n in CURRENCY_NAMES}
_SYMBOL_CHARS = re.escape("".join(sorted({s[-1] for s in CURRENCY_SYMBOLS})))
_HINT_REVERSED = re.compile(
    rf"\d(?:\s*[=:|])?\s*(?:{word_pattern(t[::-1] for t in _TOKENS)}(?![^\W\d_])|[{_SYMBOL_CHARS}])"
)
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[^\W\d_]+")
_NUMBERS = re.compile(DECIMAL)
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
    return _HINT_REVERSED.search(text.lower()[::-1]) is not None


def _item_from(match: re.Match[str]) -> TickerItem | None:
    amount = parse_number(match["num"])
    if amount is None or amount <= 0:
        return None
    if match["base"]:
        base, quote = match["base"].upper(), match["quote"].upper()
    elif match["code"]:
        base, quote = match["code"].upper(), None
    elif match["name"]:
        base, quote = CURRENCY_NAMES[" ".join(match["name"].lower().split())], None
    else:
        base, quote = CURRENCY_SYMBOLS[match["sym"].upper()], None
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
