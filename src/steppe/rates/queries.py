"""The read path of official rates: one day, a range, currency names, conversion, the rates board.

Shared by the Frankfurter-compatible API, the rates page and its JSON twin, and the CLI.
Every figure comes from ``rates.convert`` (home bank first, exact arithmetic, labelled
peg, carry-forward at most ``MAX_CARRY_DAYS``), so the page, the API and ``steppe rates
convert`` never disagree with each other. Errors: ``BadQuery`` for a request that cannot
be understood (Frankfurter's 422), ``NotFound`` when there is no data (its 404).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import date as Date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

import pycountry

from steppe.errors import BadQuery, NotFound, RateNotFound
from steppe.models import Quote
from steppe.rates.banks import HOME_BANKS
from steppe.rates.convert import MAX_CARRY_DAYS, Conversion, Disagreement, convert, parse_amount, quotes_on
from steppe.rates.ticker_view import change_pct, direction_of, format_change, format_value
from steppe.store import Store

DEFAULT_BASE = "EUR"  # as Frankfurter v1
SIGNIFICANT = 10  # digits kept in derived figures; published figures are shorter and stay exact
BOARD_CURRENCIES = ("KZT", "KGS", "UZS", "TJS", "TMT", "RUB", "EUR", "CNY")
CHART_DAYS = (30, 90, 365)
# Days a reader may ask about: wide enough for any bank's history, far enough from date.min and
# date.max that the look-back (MAX_CARRY_DAYS) and the day after never leave Python's calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
_CODE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class RatesQuery:
    """A validated request: ``amount`` of ``base`` in each of ``symbols`` (None: all)."""

    base: str = DEFAULT_BASE
    symbols: tuple[str, ...] | None = None
    amount: Decimal = Decimal(1)


@dataclass(frozen=True)
class RateSource:
    """Where one currency's figure came from, and whether it is an older day's."""

    currency: str
    bank: str  # e.g. "NBK", or "NBKR+CBU" for a route through USD
    effective_date: date | None
    carried_forward: bool
    kind: str  # official | peg
    route: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """Another bank's figure for a pair, beyond the 0.5 % tolerance from the one shown."""

    pair: str
    bank: str
    theirs: Decimal
    ours: Decimal
    diff_pct: Decimal
    effective_date: date


@dataclass(frozen=True)
class DayRates:
    """Frankfurter's one-day answer plus Steppe's provenance."""

    amount: Decimal
    base: str
    date: date  # the newest effective date among the figures used
    asked: Date | None  # None for "latest" (``Date``: inside the class ``date`` names the field above)
    rates: dict[str, Decimal]
    sources: dict[str, RateSource]
    disagreements: tuple[Flag, ...]

    @property
    def carried_forward(self) -> tuple[str, ...]:
        """Currencies whose figure is an earlier day's, carried to the asked day."""
        return tuple(c for c, s in self.sources.items() if s.carried_forward)


@dataclass(frozen=True)
class SeriesRates:
    """Frankfurter's time series: only the days with data, each a ``DayRates``."""

    amount: Decimal
    base: str
    start: date
    end: date
    days: tuple[DayRates, ...]


@dataclass(frozen=True)
class BoardRow:
    """One currency on the rates page: today's figure per USD, its move, source and chart."""

    currency: str
    name: str
    rate: Decimal
    text: str
    change_pct: Decimal | None
    change_text: str
    direction: str
    source: RateSource
    disagreements: tuple[Flag, ...]
    points: tuple[tuple[date, Decimal], ...]


@dataclass(frozen=True)
class RatesBoard:
    """The rates page: one row per currency for the latest day, charts over ``days``."""

    date: date
    days: int
    rows: tuple[BoardRow, ...]


def rates_query(base: str | None = None, symbols: str | None = None, amount: str | None = None) -> RatesQuery:
    """Validate Frankfurter's parameters; BadQuery ('invalid amount', 'bad currency pair')."""
    code = (base or DEFAULT_BASE).strip().upper()
    wanted = None
    if symbols is not None:
        wanted = tuple(dict.fromkeys(s.strip().upper() for s in symbols.split(",") if s.strip()))
    value = Decimal(1)
    if amount is not None:
        try:
            value = parse_amount(amount)
        except BadQuery:
            raise BadQuery("invalid amount") from None  # Frankfurter's wording; the CLI shows the bound
    if wanted is not None and wanted == (code,):
        raise BadQuery("bad currency pair")
    return RatesQuery(code, wanted, value)


def check_day(day: date | None) -> date | None:
    """The day when it is within FIRST_DAY..LAST_DAY; BadQuery ('date out of range') otherwise."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise BadQuery("date out of range")
    return day


def shown(value: Decimal, significant: int = SIGNIFICANT) -> Decimal:
    """A figure as served: exact when short, else rounded to ``significant`` digits (half-even)."""
    if value.is_zero():
        return Decimal(0)
    if len(value.normalize().as_tuple().digits) > significant:
        value = value.quantize(Decimal(1).scaleb(value.adjusted() - significant + 1), ROUND_HALF_EVEN)
    return value.normalize()


def rates_on(
    store: Store, day: date | None, query: RatesQuery = RatesQuery(), *, today: date | None = None
) -> DayRates:
    """Rates on a day (None: the latest), weekends and holidays answered by the last day before."""
    check_day(day)
    with store.read() as session:
        asked = day or session.quotes.latest_on_or_before(today or date.today()) or session.quotes.latest_day()
        if asked is None:
            raise NotFound("not found")
        held = session.quotes.on_or_before(asked)
    answer = _day(quotes_on(held, asked), asked, query)
    if answer is None:
        raise NotFound("not found")
    return answer if day is not None else _rebased(answer, None)


def rates_between(
    store: Store, start: date, end: date | None, query: RatesQuery = RatesQuery(), *, today: date | None = None
) -> SeriesRates:
    """Rates on every day with data from ``start`` to ``end`` (None: today), Frankfurter style.

    As in Frankfurter, a range starting on a day without data also carries the last day
    with data before it (a weekend start keeps the Friday).
    """
    end = end or today or date.today()
    check_day(start)
    check_day(end)
    if start > end:
        raise BadQuery("start date is after end date")
    with store.read() as session:
        quotes = session.quotes.between(
            start - timedelta(days=MAX_CARRY_DAYS), end, currencies=_route_currencies(query)
        )
    days = tuple(_walk(quotes, start, end, query))
    if not days:
        raise NotFound("not found")
    return SeriesRates(query.amount, query.base, days[0].date, days[-1].date, days)


def currency_names(store: Store) -> dict[str, str]:
    """Every currency Steppe can price, code -> English name (Frankfurter's /currencies)."""
    with store.read() as session:
        codes = {c for c in session.quotes.currencies() if _CODE.fullmatch(c)}
    if codes:
        codes |= {"TMT", "USD"}  # the peg prices TMT whenever USD is known
    return {code: _name(code) for code in sorted(codes)}


def convert_amount(
    store: Store, amount: Decimal | str, frm: str, to: str, on: date | None = None, *, today: date | None = None
) -> Conversion:
    """Convert an amount on a day (None: the latest) from the stored quotes."""
    amount = parse_amount(amount)  # before the store is read: a refused amount costs nothing
    check_day(on)
    with store.read() as session:
        day = on or session.quotes.latest_on_or_before(today or date.today()) or session.quotes.latest_day()
        if day is None:
            raise NotFound("no rates stored yet: run `steppe rates update` or `steppe rates import`")
        held = session.quotes.on_or_before(day)
    return convert(amount, frm, to, day, held)


def rates_board(
    store: Store, *, days: int = 90, currencies: tuple[str, ...] = BOARD_CURRENCIES, today: date | None = None
) -> RatesBoard | None:
    """The rates page: each currency per USD on the latest day, its change, flags and chart."""
    if days not in CHART_DAYS:
        raise BadQuery(f"days must be one of {', '.join(map(str, CHART_DAYS))}")
    wanted = tuple(c for c in currencies if c != "USD")
    try:
        latest = rates_on(store, None, RatesQuery("USD", wanted), today=today)
    except NotFound:
        return None
    with store.read() as session:
        held = quotes_on(session.quotes.on_or_before(latest.date), latest.date)
    series = rates_between(
        store, latest.date - timedelta(days=days), latest.date, RatesQuery("USD", wanted), today=today
    )
    rows = []
    for currency in wanted:
        if currency in latest.rates:
            rows.append(_row(currency, latest, series, _cross_checks(held, currency, latest.date)))
    return RatesBoard(latest.date, days, tuple(rows))


# --- JSON-ready data: the API, the page's twins and the CLI share these ---


def json_text(value: Any) -> str:
    """JSON text in which Decimals are numbers written exactly as they are (json.dumps has no such mode).

    Strict JSON only: a NaN or an infinity, float or Decimal, is a ValueError, never ``nan`` in an answer.
    """
    if isinstance(value, dict):
        return "{" + ",".join(f"{_string(str(k))}:{json_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(json_text(v) for v in value) + "]"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} has no JSON number")
        return format(value, "f")
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, (int, float)):
        return json.dumps(value, allow_nan=False)
    if isinstance(value, date):
        return _string(value.isoformat())
    return _string(str(value))


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def amount_number(amount: Decimal) -> Decimal:
    """The amount as Frankfurter writes it: a number with a fraction (1 -> 1.0)."""
    text = format(amount.normalize(), "f")
    return Decimal(text if "." in text else text + ".0")


def day_dict(answer: DayRates) -> dict[str, Any]:
    """Frankfurter's one-day shape plus the ``steppe`` key."""
    return {
        "amount": amount_number(answer.amount),
        "base": answer.base,
        "date": answer.date,
        "rates": answer.rates,
        "steppe": {
            "asked": answer.asked,
            "sources": {code: source_dict(s) for code, s in answer.sources.items()},
            "carried_forward": list(answer.carried_forward),
            "disagreements": [flag_dict(f) for f in answer.disagreements],
        },
    }


def series_dict(series: SeriesRates) -> dict[str, Any]:
    """Frankfurter's time-series shape plus the ``steppe`` key."""
    banks: dict[str, list[str]] = {}
    for day in series.days:
        for code, source in day.sources.items():
            if source.bank not in banks.setdefault(code, []):
                banks[code].append(source.bank)
    return {
        "amount": amount_number(series.amount),
        "base": series.base,
        "start_date": series.start,
        "end_date": series.end,
        "rates": {day.date.isoformat(): day.rates for day in series.days},
        "steppe": {
            "sources": banks,
            "carried_forward": {d.date.isoformat(): list(d.carried_forward) for d in series.days if d.carried_forward},
            "disagreements": {
                d.date.isoformat(): [flag_dict(f) for f in d.disagreements] for d in series.days if d.disagreements
            },
        },
    }


def source_dict(source: RateSource) -> dict[str, Any]:
    """Where one figure came from."""
    return {
        "bank": source.bank,
        "effective_date": source.effective_date,
        "carried_forward": source.carried_forward,
        "kind": source.kind,
        "route": list(source.route),
    }


def flag_dict(flag: Flag) -> dict[str, Any]:
    """One disagreement between banks; figures as exact strings."""
    return {
        "pair": flag.pair,
        "bank": flag.bank,
        "theirs": str(flag.theirs),
        "ours": str(flag.ours),
        "diff_pct": str(flag.diff_pct),
        "effective_date": flag.effective_date,
    }


def _name(code: str) -> str:
    found = pycountry.currencies.get(alpha_3=code)
    return found.name if found else code


def _day(chosen: list[Quote], on: date, query: RatesQuery) -> DayRates | None:
    """The answer on ``on`` from the quotes in force then; None when nothing converts."""
    codes = query.symbols if query.symbols is not None else _universe(chosen)
    rates: dict[str, Decimal] = {}
    sources: dict[str, RateSource] = {}
    flags: dict[tuple[str, str], Flag] = {}
    for code in codes:
        if code == query.base or not _CODE.fullmatch(code):
            continue
        try:
            result = convert(query.amount, query.base, code, on, chosen)
        except RateNotFound:
            continue
        rates[code] = shown(result.value)
        sources[code] = _source(code, result)
        for d in result.disagreements:
            flags.setdefault((f"{d.frm}/{d.to}", d.bank), flag_of(d))
    if not rates:
        return None
    newest = max((s.effective_date for s in sources.values() if s.effective_date), default=on)
    return DayRates(query.amount, query.base, newest, on, dict(sorted(rates.items())), sources, tuple(flags.values()))


def _route_currencies(query: RatesQuery) -> set[str] | None:
    """The currencies any route or check of the query can pass through (None: all)."""
    if query.symbols is None:
        return None
    return {*query.symbols, query.base, "USD", *HOME_BANKS}


def _universe(chosen: list[Quote]) -> list[str]:
    codes = {q.base for q in chosen} | {q.quote for q in chosen}
    if "USD" in codes:
        codes.add("TMT")  # priced by the labelled peg when CBT gave nothing
    return sorted(codes)


def _source(code: str, result: Conversion) -> RateSource:
    kind = "peg" if result.uses_peg else "official"
    bank = "+".join(result.banks) + (" peg" if kind == "peg" and "CBT" in result.banks else "")
    return RateSource(code, bank, result.effective_date, result.carried_forward, kind, result.route)


def flag_of(d: Disagreement) -> Flag:
    """A conversion's disagreement as a Flag."""
    return Flag(f"{d.frm}/{d.to}", d.bank, d.theirs, d.ours, d.diff_pct, d.quote.applies_on)


def _rebased(answer: DayRates, asked: date | None) -> DayRates:
    """The answer with carried-forward judged against its own date (latest, a range's start)."""
    sources = {
        code: RateSource(
            s.currency,
            s.bank,
            s.effective_date,
            bool(s.effective_date and s.effective_date < answer.date),
            s.kind,
            s.route,
        )
        for code, s in answer.sources.items()
    }
    return DayRates(answer.amount, answer.base, answer.date, asked, answer.rates, sources, answer.disagreements)


def _walk(quotes: list[Quote], start: date, end: date, query: RatesQuery) -> Iterator[DayRates]:
    """Yield the answer of each day with data, keeping each bank's latest quote per pair."""
    book: dict[tuple[str, str, str, str], Quote] = {}
    by_day: dict[date, list[Quote]] = {}
    for quote in quotes:
        if quote.applies_on <= start:
            book[(quote.bank, quote.base, quote.quote, quote.kind)] = quote  # sorted: latest wins
        else:
            by_day.setdefault(quote.applies_on, []).append(quote)
    if book:
        # The answer in force on the first day, dated by its newest figure (a weekend start
        # keeps the Friday before it, as Frankfurter does).
        answer = _day(quotes_on(book.values(), start), start, query)
        if answer is not None:
            yield _rebased(answer, answer.date)
    for day in sorted(d for d in by_day if d <= end):
        for quote in by_day[day]:
            book[(quote.bank, quote.base, quote.quote, quote.kind)] = quote
        answer = _day(quotes_on(book.values(), day), day, query)
        if answer is not None and any(s.effective_date == day for s in answer.sources.values()):
            yield answer


def _cross_checks(held: list[Quote], currency: str, on: date) -> tuple[Flag, ...]:
    """Flags on a currency against every home currency, so a bank's odd figure shows on its row."""
    flags: dict[tuple[str, str], Flag] = {}
    for home in ["USD", *HOME_BANKS]:
        if home == currency:
            continue
        try:
            result = convert(Decimal(1), currency, home, on, held)
        except RateNotFound:
            continue
        for d in result.disagreements:
            flags.setdefault((f"{d.frm}/{d.to}", d.bank), flag_of(d))
    return tuple(flags.values())


def _row(currency: str, latest: DayRates, series: SeriesRates, flags: tuple[Flag, ...]) -> BoardRow:
    """One board row; the change is from the previous day the currency's own source published."""
    own = [
        (d.date, d.rates[currency])
        for d in series.days
        if currency in d.rates and not d.sources[currency].carried_forward
    ]
    rate = latest.rates[currency]
    previous = [value for day, value in own if day < (latest.sources[currency].effective_date or latest.date)]
    change = change_pct(rate, previous[-1]) if previous else None
    return BoardRow(
        currency=currency,
        name=_name(currency),
        rate=rate,
        text=format_value(rate),
        change_pct=change,
        change_text=format_change(change),
        direction=direction_of(change),
        source=latest.sources[currency],
        disagreements=flags,
        points=tuple(own),
    )
