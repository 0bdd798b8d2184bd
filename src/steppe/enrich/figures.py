"""Money amounts in a story: "$120.5 million", "1,5 млрд тенге", "€2 billion", "300 трлн сумов".

Two shapes are recognised: a symbol or code before the number ("US$2bn", "KZT 2.3 billion")
and a number before a currency word ("12 млн долларов", "2.3 billion tenge"). Scale words
multiply; the year a figure refers to is taken when stated next to it ("in 2025",
"в 2024 году"). Currency words and scales are data (``data/gazetteer/money.json``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from steppe.models import Figure
from steppe.text.numbers import PROSE_NUMBER, parse_number
from steppe.text.scripts import is_cyrillic

_YEAR_AFTER = re.compile(
    r"^[^.;:\n$€£₸₽]{0,25}?\b(?:in|for|by|during|of|в|за|на|к|до)\s+(?:fiscal\s+|FY\s*)?"
    r"((?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|for|during|в|за|по итогам|к)\s+((?:19|20)\d{2})(?:\s*(?:году|г\.|год))?"
    r"[^.;\n\d]{0,40}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Patterns:
    symbol_first: re.Pattern[str]
    number_first: re.Pattern[str]
    symbols: dict[str, str]
    words: list[tuple[re.Pattern[str], str]]
    scales: list[tuple[re.Pattern[str], int]]


def _word_pattern(word: str) -> str:
    """A data word as a regex: '*' allows any ending, a final '.' is optional, spaces flexible."""
    base = word.rstrip(".")
    pattern = r"\s+".join(re.escape(part).replace(r"\*", r"\w*") for part in base.split())
    return pattern + (r"\.?" if word.endswith(".") else "")


def _alternation(items: list[str]) -> str:
    return "|".join(_word_pattern(w) for w in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = json.loads(resources.files("steppe").joinpath("data", "gazetteer", "money.json").read_text(encoding="utf-8"))
    symbols = data["symbols"]
    words = [(w, code) for code, ws in data["words"].items() for w in ws]
    long_scales = [s for s in data["scales"] if len(s.rstrip(".")) > 1]
    short_scales = [s for s in data["scales"] if len(s.rstrip(".")) == 1]
    symbol_alt = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    code_alt = "(?-i:" + "|".join(data["codes"]) + ")"  # TRY is a code, "try" is a verb
    scale = rf"(?:\s*(?:{_alternation(long_scales)})|(?:{_alternation(short_scales)}))(?!\w)"
    currency_word = rf"(?:{_alternation([w for w, _ in words])})(?!\w)"
    symbol_first = re.compile(
        rf"(?<![\w$€£])(?P<cur>{symbol_alt}|\b(?:{code_alt})\b\s?)\s?(?P<num>{PROSE_NUMBER})(?P<scale>{scale})?",
        re.IGNORECASE,
    )
    number_first = re.compile(
        rf"(?<![\w.,])(?P<num>{PROSE_NUMBER})(?P<scale>{scale})?\s*(?:of\s+)?"
        rf"(?P<cur>{currency_word}|\b(?:{code_alt})\b|₸)",
        re.IGNORECASE,
    )
    word_patterns = [(re.compile(rf"^(?:{_word_pattern(w)})$", re.IGNORECASE), c) for w, c in words]
    scale_patterns = [
        (re.compile(rf"^(?:{_word_pattern(s)})$", re.IGNORECASE), int(v)) for s, v in data["scales"].items()
    ]
    return _Patterns(symbol_first, number_first, symbols, word_patterns, scale_patterns)


def _lookup(
    table: list[tuple[re.Pattern[str], str]] | list[tuple[re.Pattern[str], int]], text: str
) -> str | int | None:
    text = " ".join(text.split())
    for pattern, value in table:
        if pattern.match(text):
            return value
    return None


def _currency(raw: str, pats: _Patterns) -> str | None:
    raw = raw.strip()
    if raw in pats.symbols:
        return pats.symbols[raw]
    if raw == "₸":
        return "KZT"
    if re.fullmatch(r"[A-Z]{3}", raw):
        return raw
    code = _lookup(pats.words, raw)
    return str(code) if code else None


def _year(text: str, start: int, end: int) -> int | None:
    """The year stated next to a figure ("$1.2bn in 2025", "в 2024 году ... 1,5 млрд")."""
    after = _YEAR_AFTER.match(text[end : end + 45])
    if after:
        return int(after.group(1))
    before = _YEAR_BEFORE.search(text[max(0, start - 60) : start])
    return int(before.group(1)) if before else None


def _figure(match: re.Match[str], text: str, pats: _Patterns) -> Figure | None:
    cyrillic = is_cyrillic(match.group(0))
    value = parse_number(match.group("num"), cyrillic)
    currency = _currency(match.group("cur"), pats)
    if value is None or currency is None:
        return None
    scale_text = (match.group("scale") or "").strip()
    if scale_text:
        scale = _lookup(pats.scales, scale_text)
        value *= int(scale or 1)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))  # 120500000, not 120500000.0
    return Figure(
        text=match.group(0).strip(), value=value, currency=currency, year=_year(text, match.start(), match.end())
    )


def find_figures(text: str) -> tuple[Figure, ...]:
    """Every money amount in ``text``, in order, with currency, scale applied and year."""
    pats = _patterns()
    found: list[tuple[int, int, Figure]] = []
    for pattern in (pats.symbol_first, pats.number_first):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e, _ in found):
                continue
            figure = _figure(match, text, pats)
            if figure:
                found.append((match.start(), match.end(), figure))
    return tuple(f for _, _, f in sorted(found, key=lambda item: item[0]))
