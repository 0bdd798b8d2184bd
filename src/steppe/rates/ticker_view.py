"""The rates ticker: one honest line per currency against USD.

Rules, each a lesson from the careless tickers regional pages copy (docs/architecture.md):

* every figure keeps at least four significant digits (``0.00008254``, never ``0.00008``);
* the change is computed from unrounded values, in the orientation shown, and printed with
  two decimals; a change that rounds to zero prints ``0.00%`` with the flat marker, so
  ``-0%`` can never appear;
* each line says its direction (arrow and sign), its effective date and its bank;
* orientation is a setting: ``per_usd`` ("USD/KZT 478.77") or ``usd_per_unit``
  ("KZT/USD 0.002089").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from steppe.errors import BadQuery, RateNotFound
from steppe.models import HOME_CURRENCIES, Quote
from steppe.rates.convert import Conversion, convert

ORIENTATIONS = ("per_usd", "usd_per_unit")
CURRENCIES = HOME_CURRENCIES
MARKERS = {"up": "▲", "down": "▼", "flat": "▬"}
MIN_SIGNIFICANT = 4
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class TickerLine:
    """One currency on the ticker: the figure shown, how it moved, when and from whom."""

    currency: str
    value: Decimal  # unrounded, in the chosen orientation
    text: str
    change_pct: Decimal | None  # from unrounded values, rounded to 0.01, never -0.00
    direction: str  # up | down | flat
    effective_date: date | None
    bank: str
    carried_forward: bool = False
    kind: str = "official"  # official | peg


def format_value(value: Decimal, *, significant: int = MIN_SIGNIFICANT) -> str:
    """A rate with at least ``significant`` significant digits, 2+ decimals, thousands grouped."""
    if not isinstance(value, Decimal) or not value.is_finite():
        raise BadQuery(f"cannot format {value!r} as a rate")
    if value.is_zero():
        return "0.00"
    magnitude = value.copy_abs().adjusted()
    decimals = max(2, significant - 1 - magnitude)
    with localcontext() as ctx:
        ctx.prec = max(28, magnitude + decimals + 4)
        shown = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{shown:,f}"


def change_pct(today: Decimal, previous: Decimal) -> Decimal:
    """Percent change from ``previous`` to ``today``: unrounded inputs, result to 0.01."""
    if previous <= 0:
        raise BadQuery(f"cannot compute a change from {previous!r}")
    with localcontext() as ctx:
        ctx.prec = 34
        exact = (today - previous) / previous * 100
    rounded = exact.quantize(_CENT, rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded.is_zero() else rounded  # no negative zero, ever


def direction_of(change: Decimal | None) -> str:
    """'up', 'down' or 'flat' for a rounded change (None and 0.00 are flat)."""
    if change is None or change.is_zero():
        return "flat"
    return "up" if change > 0 else "down"


def format_change(change: Decimal | None) -> str:
    """The marker and signed percentage, e.g. '▲ +0.57%', '▬ 0.00%'; '' when unknown."""
    direction = direction_of(change)
    if change is None:
        return ""
    if direction == "flat":
        return f"{MARKERS['flat']} 0.00%"
    return f"{MARKERS[direction]} {change:+.2f}%"


def ticker_lines(
    today: Sequence[Quote],
    previous: Sequence[Quote] = (),
    orientation: str = "per_usd",
    currencies: Iterable[str] = CURRENCIES,
) -> list[TickerLine]:
    """One TickerLine per currency that today's quotes can price against USD."""
    if orientation not in ORIENTATIONS:
        raise BadQuery(f"orientation must be one of {ORIENTATIONS}, not {orientation!r}")
    on, before = _latest(today), _latest(previous)
    lines = []
    for currency in currencies:
        now = _price(today, currency, on, orientation)
        if now is None:
            continue  # no figure at all: say nothing rather than invent one
        then = _price(previous, currency, before, orientation)
        change = change_pct(now.rate, then.rate) if then is not None else None
        lines.append(_line(currency, now, change, orientation))
    return lines


def _latest(quotes: Sequence[Quote]) -> date | None:
    return max((q.applies_on for q in quotes), default=None)


def _price(quotes: Sequence[Quote], currency: str, on: date | None, orientation: str) -> Conversion | None:
    if on is None:
        return None
    frm, to = ("USD", currency) if orientation == "per_usd" else (currency, "USD")
    try:
        return convert(Decimal(1), frm, to, on, quotes)
    except RateNotFound:
        return None


def _line(currency: str, price: Conversion, change: Decimal | None, orientation: str) -> TickerLine:
    pair = f"USD/{currency}" if orientation == "per_usd" else f"{currency}/USD"
    kind = "peg" if price.uses_peg else "official"
    parts = [pair, format_value(price.rate), format_change(change)]
    when = price.effective_date
    parts.append(f"{when:%Y-%m-%d}" if when else "")
    parts.append("+".join(price.banks) + (" peg" if kind == "peg" else ""))
    return TickerLine(
        currency=currency,
        value=price.rate,
        text=" ".join(p for p in parts if p),
        change_pct=change,
        direction=direction_of(change),
        effective_date=when,
        bank="+".join(price.banks),
        carried_forward=price.carried_forward,
        kind=kind,
    )
